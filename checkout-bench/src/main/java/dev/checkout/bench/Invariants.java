package dev.checkout.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checks every run ends with, as pure functions of what was observed: the answers the buyers got, the orders
 * as the checkout now shows them, the stock before and after, the charges the sandbox holds, and (where the
 * database could be read) its own counts. No check trusts the bench's counters alone.
 */
final class Invariants {
    static final Set<String> FINAL = Set.of("PAID", "DECLINED", "FAILED", "REFUNDED");

    /** One check's verdict, with the evidence a reader needs to believe it. */
    record Check(String name, boolean ok, String detail) {
    }

    /** A purchase answer as the buyer saw it (status 0: no answer at all). */
    record Seen(int status, String orderId, String chargeId, Map<String, Integer> lines) {
    }

    /** An order as {@code GET /api/orders/{id}} shows it after the run. */
    record OrderView(String id, String status, String chargeId, Map<String, Integer> lines) {
    }

    /** A charge as the sandbox lists it. */
    record ChargeView(String id, String status, boolean paid, boolean refunded, String orderId) {
        boolean approved() {
            return "succeeded".equals(status) && paid && !refunded;
        }
    }

    /** The checkout's tables, read directly after the run. */
    record DbView(Map<String, Long> ordersByStatus, Map<String, Long> reservationsByState,
            Map<String, Long> paidUnitsBySku, Map<String, Long> available) {
        long orders() {
            return ordersByStatus.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Everything observed after one run. {@code db} may be null when the database could not be read. */
    record Observed(List<Seen> seen, Map<String, OrderView> orders, int unreadableOrders,
            Map<String, Long> initialStock, Map<String, Long> finalStock, List<ChargeView> charges, DbView db) {
    }

    private Invariants() {
    }

    static boolean allHold(List<Check> checks) {
        return checks.stream().allMatch(Check::ok);
    }

    static List<Check> check(Observed o) {
        List<Check> out = new ArrayList<>();
        long unanswered = o.seen().stream().filter(s -> s.status() == 0).count();
        out.add(new Check("every purchase was answered", unanswered == 0,
                o.seen().size() + " purchases, " + unanswered + " without an answer (their outcome is unknown to the buyer)"));

        Map<String, Long> byStatus = new TreeMap<>();
        o.orders().values().forEach(v -> byStatus.merge(v.status(), 1L, Long::sum));
        long notFinal = o.orders().values().stream().filter(v -> !FINAL.contains(v.status())).count();
        out.add(new Check("every order is in a final state, none pending", notFinal == 0 && o.unreadableOrders() == 0,
                o.orders().size() + " orders read back " + byStatus + ", " + notFinal + " not final, "
                        + o.unreadableOrders() + " unreadable"));

        out.add(answersMatchOrders(o));
        out.add(paidEqualsApproved(o));
        out.add(stockEquation("stock = initial - paid units (GET /api/products)", o.initialStock(), o.finalStock(),
                paidUnits(o)));
        if (o.db() != null) {
            out.addAll(database(o));
        }
        return out;
    }

    private static Check answersMatchOrders(Observed o) {
        int mismatches = 0;
        String example = "";
        for (Seen s : o.seen()) {
            if (s.orderId() == null) {
                continue;
            }
            OrderView v = o.orders().get(s.orderId());
            String expected = switch (s.status()) {
                case 201 -> "PAID";
                case 402 -> "DECLINED";
                default -> null; // 202 settles later, 503 is FAILED or settled by the reconciler
            };
            boolean bad = v == null
                    || (expected != null && !expected.equals(v.status()))
                    || (s.status() == 201 && s.chargeId() != null && !s.chargeId().equals(v.chargeId()));
            if (bad) {
                mismatches++;
                if (example.isEmpty()) {
                    example = "; e.g. answer " + s.status() + " for " + s.orderId() + " but order is "
                            + (v == null ? "missing" : v.status() + " with charge " + v.chargeId());
                }
            }
        }
        return new Check("every answer matches its stored order (201 = PAID with that charge, 402 = DECLINED)",
                mismatches == 0, mismatches + " mismatches" + example);
    }

    private static Check paidEqualsApproved(Observed o) {
        Set<String> paidCharges = new HashSet<>();
        long paid = 0;
        for (OrderView v : o.orders().values()) {
            if ("PAID".equals(v.status())) {
                paid++;
                paidCharges.add(v.chargeId());
            }
        }
        Set<String> approved = new HashSet<>();
        for (ChargeView c : o.charges()) {
            if (c.approved()) {
                approved.add(c.id());
            }
        }
        Set<String> onlyOrders = new HashSet<>(paidCharges);
        onlyOrders.removeAll(approved);
        Set<String> onlyCharges = new HashSet<>(approved);
        onlyCharges.removeAll(paidCharges);
        boolean ok = paid == approved.size() && onlyOrders.isEmpty() && onlyCharges.isEmpty();
        return new Check("paid orders = approved charges in the sandbox", ok,
                paid + " PAID orders, " + approved.size() + " approved charges (of " + o.charges().size()
                        + " listed); " + onlyOrders.size() + " paid orders without an approved charge, "
                        + onlyCharges.size() + " approved charges without a paid order");
    }

    private static Map<String, Long> paidUnits(Observed o) {
        Map<String, Long> units = new HashMap<>();
        for (OrderView v : o.orders().values()) {
            if ("PAID".equals(v.status()) && v.lines() != null) {
                v.lines().forEach((sku, q) -> units.merge(sku, (long) q, Long::sum));
            }
        }
        return units;
    }

    /** For every SKU: initial - now == units sold. A declined or failed order that kept its units breaks this. */
    static Check stockEquation(String name, Map<String, Long> initial, Map<String, Long> now, Map<String, Long> sold) {
        int wrong = 0;
        long soldTotal = 0;
        String example = "";
        Set<String> skus = new HashSet<>(initial.keySet());
        skus.addAll(sold.keySet());
        for (String sku : skus) {
            long before = initial.getOrDefault(sku, 0L);
            Long after = now.get(sku);
            long s = sold.getOrDefault(sku, 0L);
            soldTotal += s;
            if (after == null || before - after != s) {
                wrong++;
                if (example.isEmpty()) {
                    example = "; e.g. " + sku + ": " + before + " - " + after + " != " + s + " sold";
                }
            }
        }
        return new Check(name, wrong == 0, skus.size() + " SKUs, " + soldTotal + " units sold, " + wrong
                + " SKUs off" + example);
    }

    private static List<Check> database(Observed o) {
        DbView db = o.db();
        List<Check> out = new ArrayList<>();
        long notFinal = db.ordersByStatus().entrySet().stream().filter(e -> !FINAL.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        long reserved = db.reservationsByState().getOrDefault("RESERVED", 0L);
        out.add(new Check("database: every order final, no reservation RESERVED", notFinal == 0 && reserved == 0,
                "orders " + new TreeMap<>(db.ordersByStatus()) + ", reservations "
                        + new TreeMap<>(db.reservationsByState())));
        long approved = o.charges().stream().filter(ChargeView::approved).count();
        long paid = db.ordersByStatus().getOrDefault("PAID", 0L);
        out.add(new Check("database: every order was seen by a buyer, PAID rows = approved charges",
                db.orders() == o.orders().size() && paid == approved,
                db.orders() + " order rows vs " + o.orders().size() + " seen; " + paid + " PAID rows vs " + approved
                        + " approved charges"));
        out.add(stockEquation("database: available = initial - units of PAID order lines", o.initialStock(),
                db.available(), db.paidUnitsBySku()));
        return out;
    }
}
