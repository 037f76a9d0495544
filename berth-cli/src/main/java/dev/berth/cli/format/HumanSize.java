package dev.berth.cli.format;

/**
 * go-units' size strings: {@code HumanSize} (decimal, 4 significant digits, "1.985MB"),
 * {@code HumanSizeWithPrecision} (docker images uses 3: "1.99MB") and {@code BytesSize}
 * (binary, "1.894MiB"). The number is Go's {@code %.*g}, so trailing zeros vanish ("1kB").
 */
public final class HumanSize {
    private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

    private HumanSize() {
    }

    public static String decimal(double size) {
        return decimal(size, 4);
    }

    public static String decimal(double size, int precision) {
        return scaled(size, 1000.0, DECIMAL, precision);
    }

    public static String binary(double size) {
        return scaled(size, 1024.0, BINARY, 4);
    }

    private static String scaled(double size, double base, String[] units, int precision) {
        int unit = 0;
        while (size >= base && unit < units.length - 1) {
            size /= base;
            unit++;
        }
        return GoFloat.formatG(size, precision) + units[unit];
    }
}
