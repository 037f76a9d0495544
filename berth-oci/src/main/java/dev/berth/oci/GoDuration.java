package dev.berth.oci;

import dev.berth.oci.error.InvalidArgumentException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's duration syntax ({@code 1h30m}, {@code 10s}, {@code 1.5s}, {@code 500ms}), as Docker's flags and Dockerfiles take it. */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    /** Nanoseconds; a malformed value fails with Go's message. */
    public static long parseNanos(String s) {
        Matcher m = PART.matcher(s);
        long total = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double n = Double.parseDouble(m.group(1));
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total += (long) (n * unit);
            end = m.end();
        }
        if (s.equals("0")) {
            return 0;
        }
        if (end != s.length() || s.isEmpty()) {
            throw new InvalidArgumentException("time: invalid duration \"" + s + "\"");
        }
        return total;
    }
}
