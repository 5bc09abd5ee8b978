package dev.checkout.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ParsingTest {
    private static final String WRK = """
            Running 10s test @ http://127.0.0.1:12111
              2 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     3.01ms    1.20ms  30.00ms   85.00%
                Req/Sec    10.70k     1.00k   12.00k    70.00%
              Latency Distribution
                 50%  812.00us
                 75%    3.50ms
                 90%    4.20ms
                 99%    1.07s
              213000 requests in 10.00s, 300.00MB read
              Non-2xx or 3xx responses: 5
            Requests/sec:  21300.45
            Transfer/sec:     30.00MB
            """;

    @Test
    void wrk_summary_is_read_with_units_normalised_to_milliseconds() {
        Wrk.Figures f = Wrk.parse("tokens.lua", WRK, "wrk ...");

        assertThat(f.requestsPerSecond()).isEqualTo(21300.45);
        assertThat(f.requests()).isEqualTo(213000);
        assertThat(f.latencyMs()).containsEntry("p50", 0.812).containsEntry("p90", 4.2).containsEntry("p99", 1070.0);
        assertThat(f.non2xx()).isEqualTo(5);
        assertThat(f.socketErrors()).isEqualTo("none");
    }

    @Test
    void cpu_time_is_read_from_proc_stat_even_with_blanks_in_the_command_name() {
        String stat = "4242 (java main) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 150 0 0 20 0 40 0 100 0 0";

        assertThat(Machine.cpuMillisFromStat(stat)).isEqualTo(4000); // (250 + 150) ticks of 10 ms
    }

    @Test
    void threads_of_one_kind_add_up_by_their_name_without_its_number() {
        assertThat(Machine.threadKind("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
        assertThat(Machine.threadKind("GC Thread#1")).isEqualTo("GC Thread");
        assertThat(Machine.threadKind("reconciler-12")).isEqualTo("reconciler");
        assertThat(Machine.threadKind("ForkJoinPool-1-")).isEqualTo("ForkJoinPool-1-");
        assertThat(Machine.threadKind("42")).isEqualTo("42");
    }

    @Test
    void the_live_threads_of_this_process_are_read_by_kind() throws InterruptedException {
        var done = new java.util.concurrent.CountDownLatch(1);
        var started = new java.util.concurrent.CountDownLatch(2);
        for (int i = 1; i <= 2; i++) {
            Thread.ofPlatform().name("bench-probe-" + i).daemon().start(() -> {
                started.countDown();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        started.await();
        try {
            var kinds = Machine.cpuMillisByThreadKind(ProcessHandle.current().pid());

            assertThat(kinds).containsKey("bench-probe").doesNotContainKey("bench-probe-1");
            assertThat(kinds.values()).allSatisfy(ms -> assertThat(ms).isNotNegative());
        } finally {
            done.countDown();
        }
    }

    @Test
    void where_an_instance_spent_its_cpu_is_shown_per_purchase_biggest_first() {
        var before = java.util.Map.of("carrier", 1000L, "GC Thread", 100L, "idle", 5L);
        var after = java.util.Map.of("carrier", 3000L, "GC Thread", 600L, "idle", 5L, "new", 200L);

        assertThat(JitSettle.byThread(before, after, 1000))
                .isEqualTo("carrier 2.00, GC Thread 0.50, new 0.20");
    }

    @Test
    void only_the_top_level_field_is_read_not_a_nested_one_of_the_same_name() {
        String token = "{\"card\":{\"id\":\"card_1\",\"brand\":\"Visa\"},\"id\":\"tok_1\",\"used\":false}";

        assertThat(Json.topLevelString(token, "id")).isEqualTo("tok_1");
        assertThat(Json.topLevelString(token, "missing")).isNull();
        assertThat(Json.topLevelString("not json", "id")).isNull();
    }

    @Test
    void options_have_defaults_and_durations_read_like_people_write_them() {
        Options o = Options.parse(new String[] {"purchase-h2", "--duration=45s", "--profile", "--root=/tmp"});

        assertThat(o.scenario()).isEqualTo("purchase-h2");
        assertThat(o.measure()).isEqualTo(Duration.ofSeconds(45));
        assertThat(o.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.flag("profile")).isTrue();
        assertThat(o.integer("buyers", 64)).isEqualTo(64);
        assertThat(Options.parseDuration("300ms")).isEqualTo(Duration.ofMillis(300));
        assertThat(Options.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void the_purchase_body_carries_the_total_of_the_cart() {
        var cart = new java.util.LinkedHashMap<Shop.Product, Integer>();
        cart.put(new Shop.Product("a", 2_50, 10), 2);
        cart.put(new Shop.Product("b", 1_00, 10), 1);

        assertThat(Shop.purchaseJson("tok_1", cart)).isEqualTo("{\"token\":\"tok_1\",\"amount\":600,\"currency\":\"usd\","
                + "\"items\":[{\"sku\":\"a\",\"quantity\":2},{\"sku\":\"b\",\"quantity\":1}]}");
    }
}
