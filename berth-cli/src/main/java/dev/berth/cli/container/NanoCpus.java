package dev.berth.cli.container;

import java.math.BigDecimal;

/** {@code --cpus 0.5} as the daemon wants it: billionths of a CPU ({@code NanoCpus: 500000000}). */
public record NanoCpus(long value) {
    public NanoCpus {
        if (value < 0) {
            throw new IllegalArgumentException("invalid CPU count " + value);
        }
    }

    public static NanoCpus parse(String text) {
        BigDecimal cpus;
        try {
            cpus = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("failed to parse " + text + " as a rational number");
        }
        BigDecimal nanos = cpus.multiply(BigDecimal.valueOf(1_000_000_000L));
        if (nanos.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("value is too precise");
        }
        return new NanoCpus(nanos.longValueExact());
    }
}
