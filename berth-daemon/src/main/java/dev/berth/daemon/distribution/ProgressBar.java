package dev.berth.daemon.distribution;

import java.util.Locale;

/**
 * The {@code progress} text of Docker's JSON messages, which its CLI prints as is:
 * {@code [==========>                     ]  19.97kB/1.985MB}, sizes in decimal units with four
 * significant digits.
 */
final class ProgressBar {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

    private ProgressBar() {
    }

    static String render(long current, long total) {
        if (current <= 0 && total <= 0) {
            return "";
        }
        if (total <= 0) {
            return String.format("%8s", humanSize(current));
        }
        int filled = (int) Math.min(50, (int) (current * 100.0 / total) / 2);
        String bar = "[" + "=".repeat(filled) + ">" + " ".repeat(50 - filled) + "] ";
        String numbers = current > total ? String.format("%8s", humanSize(current))
                : String.format("%8s/%s", humanSize(current), humanSize(total));
        return bar + numbers;
    }

    /** Go's {@code units.HumanSize}: {@code %.4g} of the size in powers of 1000. */
    static String humanSize(double size) {
        int i = 0;
        while (size >= 1000 && i < UNITS.length - 1) {
            size /= 1000;
            i++;
        }
        String g = String.format(Locale.ROOT, "%.4g", size);
        if (g.contains(".") && !g.contains("e")) {
            g = g.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return g + UNITS[i];
    }
}
