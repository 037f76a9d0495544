package dev.berth.cli.container;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes as docker's {@code units.RAMInBytes} reads it: {@code 64m}, {@code 1.5g},
 * {@code 512kb}, {@code 1GiB}; units are powers of 1024, a bare number is bytes.
 */
public record ByteSize(long bytes) {
    private static final Pattern SIZE = Pattern.compile("^(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("invalid size: " + bytes);
        }
    }

    /** Rejects anything else with docker's {@code invalid size: 'x'}. */
    public static ByteSize parse(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        BigDecimal number;
        try {
            number = new BigDecimal(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        int shift = m.group(2) == null ? 0 : 10 * ("kmgtp".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1);
        return new ByteSize(number.multiply(BigDecimal.valueOf(2).pow(shift)).longValue());
    }

    /** {@code --memory-swap}: {@code -1} means unlimited swap. */
    public static long parseSwap(String text) {
        return text.equals("-1") ? -1 : parse(text).bytes();
    }
}
