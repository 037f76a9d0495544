package dev.berth.daemon.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes written the way docker writes memory sizes: {@code 67108864}, {@code 64m},
 * {@code 1.5g}, {@code 512KiB}. Units are binary (k = 1024), as in go-units' RAMInBytes.
 */
public record ByteSize(long bytes) {
    private static final Pattern FORMAT = Pattern.compile("^(\\d+(?:\\.\\d+)?) ?([kmgtp])?i?b?$");
    private static final String UNITS = "kmgtp";

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("invalid size: " + bytes + " (negative)");
        }
    }

    public static ByteSize parse(String text) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        double number = Double.parseDouble(m.group(1));
        int power = m.group(2) == null ? 0 : UNITS.indexOf(m.group(2)) + 1;
        double bytes = number * Math.pow(1024, power);
        if (bytes > Long.MAX_VALUE) {
            throw new IllegalArgumentException("invalid size: '" + text + "' (too large)");
        }
        return new ByteSize((long) bytes);
    }

    public static ByteSize ofMebibytes(long mebibytes) {
        return new ByteSize(mebibytes * 1024 * 1024);
    }

    /** The shortest exact form with a binary unit, e.g. {@code 64m}; plain bytes otherwise. */
    @Override
    public String toString() {
        long value = bytes;
        int power = 0;
        while (value != 0 && value % 1024 == 0 && power < UNITS.length()) {
            value /= 1024;
            power++;
        }
        return power == 0 ? Long.toString(value) : value + String.valueOf(UNITS.charAt(power - 1));
    }
}
