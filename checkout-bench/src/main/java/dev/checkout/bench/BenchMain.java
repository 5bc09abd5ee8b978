package dev.checkout.bench;

import java.nio.file.Path;
import java.util.List;

/** {@code bench.sh <scenario>}: runs a scenario, prints its Markdown, writes target/bench/<scenario>.json and .md. */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(Options.USAGE);
            return;
        }
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(64);
            return;
        }
        List<String> names = switch (o.scenario()) {
            case "all" -> List.of("sandbox", "purchase-h2", "purchase-pg", "hot-sku-h2", "hot-sku-pg", "slow-provider",
                    "mixed");
            case "hot-sku" -> List.of("hot-sku-h2", "hot-sku-pg");
            default -> List.of(o.scenario());
        };
        boolean allHold = true;
        for (String name : names) {
            Result r = switch (name) {
                case "sandbox" -> SandboxScenario.run(o);
                case "sandbox-webhooks" -> WebhookLoadScenario.run(o);
                case "purchase-h2", "purchase-pg", "slow-provider", "mixed" ->
                        PurchaseScenario.run(o, PurchaseScenario.spec(name, o));
                case "hot-sku-h2" -> HotSkuScenario.run(o, false);
                case "hot-sku-pg" -> HotSkuScenario.run(o, true);
                case "scale-out" -> ScaleOutScenario.run(o);
                case "sql-floor-h2" -> SqlFloorScenario.run(o, false);
                case "sql-floor-pg" -> SqlFloorScenario.run(o, true);
                case "framework-floor-h2" -> FrameworkFloorScenario.run(o, false);
                case "framework-floor-pg" -> FrameworkFloorScenario.run(o, true);
                case "provider-floor" -> ProviderFloorScenario.run(o);
                default -> {
                    System.err.println("unknown scenario " + name + "\n" + Options.USAGE);
                    System.exit(64);
                    yield null;
                }
            };
            r.config.put("command", "./bench.sh " + String.join(" ", args).replaceAll("--root=\\S+\\s*", "").trim());
            Path dir = o.root().resolve("checkout-bench/target/bench");
            String file = name + (o.values().containsKey("tag") ? "-" + o.get("tag", "") : "");
            Report.write(r, dir, file);
            System.out.println(Report.markdown(r));
            System.out.println("written: " + dir.resolve(file + ".json") + " and .md");
            allHold &= Invariants.allHold(r.invariants);
        }
        // exit status: 0 the invariants held (goals met or not, the numbers are the report), 2 they did not
        System.exit(allHold ? 0 : 2);
    }
}
