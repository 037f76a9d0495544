package dev.berth.daemon.container;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code networks} of {@code docker stats}: per interface of the container's network namespace
 * (read as {@code /proc/PID/net/dev} of its init process), loopback left out as dockerd does.
 */
final class NetDevCounters {
    private static final List<String> RX = List.of("rx_bytes", "rx_packets", "rx_errors", "rx_dropped");
    private static final List<String> TX = List.of("tx_bytes", "tx_packets", "tx_errors", "tx_dropped");

    private NetDevCounters() {
    }

    /** Interface → Docker's eight counters; empty when the namespace has only loopback. */
    static Map<String, Map<String, Long>> parse(String netDev) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (String line : netDev.lines().toList()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            String[] f = line.substring(colon + 1).strip().split("\\s+");
            if (name.equals("lo") || f.length < 12) {
                continue;
            }
            Map<String, Long> counters = new LinkedHashMap<>();
            for (int i = 0; i < 4; i++) {
                counters.put(RX.get(i), Long.parseLong(f[i]));
            }
            for (int i = 0; i < 4; i++) {
                counters.put(TX.get(i), Long.parseLong(f[8 + i]));
            }
            out.put(name, counters);
        }
        return out;
    }
}
