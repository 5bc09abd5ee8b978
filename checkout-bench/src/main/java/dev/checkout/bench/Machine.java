package dev.checkout.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What this machine and its processes are doing, read from /proc: cores, load, RSS, CPU time, sockets. */
public final class Machine {
    /** USER_HZ: /proc reports CPU times in these ticks; 100 on every Linux we run on. */
    private static final long TICKS_PER_SECOND = 100;

    private Machine() {
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The 1, 5 and 15 minute load averages, or NaNs where /proc is missing. */
    static double[] loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
    }

    static String loadText(double[] load) {
        return String.format(Locale.ROOT, "%.2f, %.2f, %.2f", load[0], load[1], load[2]);
    }

    /** Resident set size in KiB from /proc/PID/status (VmRSS), or -1. */
    static long rssKib(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** Live threads of a process from /proc/PID/status, or -1. */
    static long threads(long pid) {
        return statusField(pid, "Threads:");
    }

    private static long statusField(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone: callers treat -1 as "not measured"
        }
        return -1;
    }

    /** User + system CPU time of a process in milliseconds, or -1. */
    static long cpuMillis(long pid) {
        try {
            return cpuMillisFromStat(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Parses utime + stime (fields 14 and 15) of a /proc/PID/stat line; the command name may contain spaces. */
    static long cpuMillisFromStat(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so utime (field 14) is f[11] and stime (field 15) is f[12]
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / TICKS_PER_SECOND;
    }

    /** Busy CPU time of the whole machine (all cores, everything but idle and iowait) in milliseconds. */
    static long machineBusyMillis() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU milliseconds of a process's live threads, summed by kind: the thread's name (/proc/PID/task/TID/comm, at
     * most 15 characters) without its trailing number, so "C2 CompilerThread0" and "...1" add up, as do a pool's
     * workers. Threads that already ended are not here; the process's own total ({@link #cpuMillis}) has them.
     */
    static java.util.Map<String, Long> cpuMillisByThreadKind(long pid) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String kind = threadKind(Files.readString(task.resolve("comm")).strip());
                    out.merge(kind, cpuMillisFromStat(Files.readString(task.resolve("stat"))), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }

    /** A thread's name without the number that tells a kind's threads apart: "GC Thread#1" -> "GC Thread". */
    static String threadKind(String comm) {
        String kind = comm.replaceAll("[-#]?\\d+$", "");
        return kind.isEmpty() ? comm : kind;
    }

    /** Total CPU milliseconds of all processes whose command is {@code name} (e.g. every postgres backend). */
    static long cpuMillisOfCommand(String name) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/" + name) || c.equals(name)).orElse(false))
                .mapToLong(p -> Math.max(0, cpuMillis(p.pid())))
                .sum();
    }

    /** Open sockets of a process (links in /proc/PID/fd that point to socket:[...]), or -1. */
    static long openSockets(long pid) {
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // closed while we looked
                }
            }).count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** TCP sockets of the machine in TIME_WAIT (state 06 in /proc/net/tcp and tcp6): the trace of connection churn. */
    static long timeWaitSockets() {
        long n = 0;
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try (var lines = Files.lines(Path.of(file))) {
                n += lines.skip(1).filter(l -> {
                    String[] f = l.trim().split("\\s+");
                    return f.length > 3 && f[3].equals("06");
                }).count();
            } catch (IOException | RuntimeException e) {
                // no IPv6 table: nothing to count
            }
        }
        return n;
    }
}
