package dev.berth.cli;

/**
 * Go's {@code json.Indent(dst, src, "", "    ")} over raw JSON text, which docker's inspect uses:
 * the daemon's bytes are kept (key order, escapes), whitespace between tokens is redone, and
 * empty objects and arrays stay {@code {}} and {@code []}.
 */
public final class JsonIndenter {
    private static final String INDENT = "    ";

    private JsonIndenter() {
    }

    public static String indent(String json) {
        StringBuilder out = new StringBuilder(json.length() * 2);
        int depth = 0;
        boolean needIndent = false;
        int i = 0;
        int n = json.length();
        while (i < n) {
            char c = json.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
                continue;
            }
            if (needIndent && c != ']' && c != '}') {
                newline(out, ++depth);
                needIndent = false;
            }
            switch (c) {
                case '"' -> i = copyString(json, i, out) - 1;
                case '{', '[' -> {
                    out.append(c);
                    needIndent = true;
                }
                case '}', ']' -> {
                    if (needIndent) {
                        needIndent = false;
                    } else {
                        newline(out, --depth);
                    }
                    out.append(c);
                }
                case ',' -> {
                    out.append(c);
                    newline(out, depth);
                }
                case ':' -> out.append(": ");
                default -> out.append(c);
            }
            i++;
        }
        return out.toString();
    }

    private static void newline(StringBuilder out, int depth) {
        out.append('\n').append(INDENT.repeat(Math.max(depth, 0)));
    }

    /** Copies the string starting at {@code start} (a quote) verbatim; returns the index after its closing quote. */
    private static int copyString(String json, int start, StringBuilder out) {
        int i = start + 1;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            i++;
            if (c == '"') {
                break;
            }
        }
        out.append(json, start, Math.min(i, json.length()));
        return i;
    }
}
