package dev.berth.cli.format;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * The order docker sorts names and port lines in (fvbommel/sortorder's NaturalLess): runs of
 * digits compare as numbers ({@code net2 < net10}), digits sort before other bytes, the rest
 * compares byte by byte in UTF-8.
 *
 * <p>Use: {@code rows.sort(Comparator.comparing(Row::name, NaturalOrder.INSTANCE));}
 */
public final class NaturalOrder implements Comparator<String> {
    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return less(x, y) ? -1 : less(y, x) ? 1 : 0;
    }

    static boolean less(byte[] s1, byte[] s2) {
        int i1 = 0;
        int i2 = 0;
        while (i1 < s1.length && i2 < s2.length) {
            boolean d1 = isDigit(s1[i1]);
            boolean d2 = isDigit(s2[i2]);
            if (d1 != d2) {
                return d1;
            }
            if (!d1) {
                if (s1[i1] != s2[i2]) {
                    return Byte.toUnsignedInt(s1[i1]) < Byte.toUnsignedInt(s2[i2]);
                }
                i1++;
                i2++;
                continue;
            }
            while (i1 < s1.length && s1[i1] == '0') {
                i1++;
            }
            while (i2 < s2.length && s2[i2] == '0') {
                i2++;
            }
            int start1 = i1;
            int start2 = i2;
            while (i1 < s1.length && isDigit(s1[i1])) {
                i1++;
            }
            while (i2 < s2.length && isDigit(s2[i2])) {
                i2++;
            }
            int len1 = i1 - start1;
            int len2 = i2 - start2;
            if (len1 != len2) {
                return len1 < len2;
            }
            int digits = java.util.Arrays.compare(s1, start1, i1, s2, start2, i2);
            if (digits != 0) {
                return digits < 0;
            }
            if (start1 != start2) {
                return start1 < start2;
            }
        }
        return s1.length < s2.length;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
