package dev.berth.cli.format;

import java.util.function.Function;

/** Go's literal syntax for template constants: quoted strings, raw strings, runes and numbers. */
final class GoLiterals {
    private GoLiterals() {
    }

    /** A Long for integer literals (runes included, as Go does), a Double when there is a fraction or exponent. */
    static Object number(String literal) {
        if (literal.startsWith("'")) {
            return (long) unquote(literal, IllegalArgumentException::new).codePointAt(0);
        }
        String clean = literal.replace("_", "");
        boolean negative = clean.startsWith("-");
        String unsigned = clean.startsWith("-") || clean.startsWith("+") ? clean.substring(1) : clean;
        if (unsigned.startsWith("0x") || unsigned.startsWith("0X")) {
            long value = Long.parseLong(unsigned.substring(2), 16);
            return negative ? -value : value;
        }
        if (unsigned.contains(".") || unsigned.contains("e") || unsigned.contains("E")) {
            return Double.parseDouble(clean);
        }
        return Long.parseLong(clean);
    }

    static String unquote(String quoted, Function<String, ? extends RuntimeException> error) {
        if (quoted.startsWith("`")) {
            return quoted.substring(1, quoted.length() - 1);
        }
        String body = quoted.substring(1, quoted.length() - 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= body.length()) {
                throw error.apply("invalid syntax");
            }
            i = escape(body, i, out, error);
        }
        return out.toString();
    }

    private static int escape(String body, int i, StringBuilder out, Function<String, ? extends RuntimeException> error) {
        char c = body.charAt(i);
        switch (c) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'a' -> out.append((char) 7);
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'v' -> out.append((char) 11);
            case '\\', '"', '\'' -> out.append(c);
            case 'x' -> {
                out.append((char) Integer.parseInt(hex(body, i + 1, 2, error), 16));
                return i + 2;
            }
            case 'u' -> {
                out.appendCodePoint(Integer.parseInt(hex(body, i + 1, 4, error), 16));
                return i + 4;
            }
            case 'U' -> {
                out.appendCodePoint(Integer.parseInt(hex(body, i + 1, 8, error), 16));
                return i + 8;
            }
            default -> {
                if (c >= '0' && c <= '7' && i + 2 < body.length()) {
                    out.append((char) Integer.parseInt(body.substring(i, i + 3), 8));
                    return i + 2;
                }
                throw error.apply("invalid syntax");
            }
        }
        return i;
    }

    private static String hex(String body, int from, int count, Function<String, ? extends RuntimeException> error) {
        if (from + count > body.length()) {
            throw error.apply("invalid syntax");
        }
        return body.substring(from, from + count);
    }
}
