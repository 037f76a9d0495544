package dev.berth.cli.format;

import java.nio.charset.StandardCharsets;

/** Go's {@code strconv.Quote}: the quoting used in template error messages and by {@code %q} in docker's own. */
public final class GoStrings {
    private GoStrings() {
    }

    public static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(cp -> appendQuoted(out, cp));
        return out.append('"').toString();
    }

    private static void appendQuoted(StringBuilder out, int cp) {
        switch (cp) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            case '\r' -> out.append("\\r");
            case 7 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case 11 -> out.append("\\v");
            default -> {
                if (cp < 0x20 || cp == 0x7f) {
                    out.append(String.format("\\x%02x", cp));
                } else if (Character.isISOControl(cp) || !Character.isDefined(cp)) {
                    out.append(cp <= 0xffff ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
                } else {
                    out.appendCodePoint(cp);
                }
            }
        }
    }

    /** Length in bytes, which is what Go's {@code len} and slicing count for strings. */
    static int byteLength(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
