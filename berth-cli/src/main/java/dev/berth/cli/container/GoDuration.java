package dev.berth.cli.container;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as Go's {@code time.ParseDuration} reads it ({@code 30s}, {@code 1m30s}, {@code 1.5h},
 * {@code 250ms}, {@code 0}): the form of docker's {@code --health-interval} and {@code logs --since 10m}.
 */
public record GoDuration(Duration duration) {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    public static GoDuration parse(String text) {
        String s = text;
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return new GoDuration(Duration.ZERO);
        }
        Matcher m = PART.matcher(s);
        BigDecimal total = BigDecimal.ZERO;
        int at = 0;
        while (at < s.length() && m.find(at) && m.start() == at) {
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
            at = m.end();
        }
        if (s.isEmpty() || at != s.length()) {
            throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
        }
        long nanos = total.longValue();
        return new GoDuration(Duration.ofNanos(negative ? -nanos : nanos));
    }

    public long nanos() {
        return duration.toNanos();
    }
}
