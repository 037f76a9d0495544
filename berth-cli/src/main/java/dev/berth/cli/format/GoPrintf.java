package dev.berth.cli.format;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Go's fmt for the template functions {@code printf}, {@code print} and {@code println}: the
 * common verbs with flags, width and precision, and Go's in-band error forms
 * ({@code %!d(string=x)}, {@code %!s(MISSING)}, {@code %!(EXTRA int=1)}) instead of exceptions.
 */
final class GoPrintf {
    private final String format;
    private final List<Object> args;
    private final StringBuilder out = new StringBuilder();
    private int argIndex;
    private int i;
    private boolean minus;
    private boolean plus;
    private boolean sharp;
    private boolean zero;
    private boolean space;
    private int width;
    private int precision;

    private GoPrintf(String format, List<Object> args) {
        this.format = format;
        this.args = args;
    }

    static String sprintf(String format, List<Object> args) {
        GoPrintf printf = new GoPrintf(format, args);
        printf.run();
        return printf.out.toString();
    }

    /** fmt.Sprint: a space between operands when neither side is a string. */
    static String sprint(List<Object> args) {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < args.size(); k++) {
            Object arg = args.get(k);
            if (k > 0 && !(arg instanceof String) && !(args.get(k - 1) instanceof String)) {
                out.append(' ');
            }
            out.append(GoValues.text(arg));
        }
        return out.toString();
    }

    /** fmt.Sprintln: always spaces between operands, and a newline. */
    static String sprintln(List<Object> args) {
        return args.stream().map(GoValues::text).collect(Collectors.joining(" ")) + "\n";
    }

    private void run() {
        while (i < format.length()) {
            char c = format.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            directive();
        }
        if (argIndex < args.size()) {
            out.append("%!(EXTRA ");
            out.append(args.subList(argIndex, args.size()).stream()
                    .map(a -> a == null ? "<nil>" : GoValues.typeName(a) + "=" + GoValues.text(a))
                    .collect(Collectors.joining(", ")));
            out.append(')');
        }
    }

    private void directive() {
        minus = plus = sharp = zero = space = false;
        width = -1;
        precision = -1;
        flags();
        width = number();
        if (i < format.length() && format.charAt(i) == '.') {
            i++;
            precision = number();
            if (precision < 0) {
                precision = 0;
            }
        }
        if (i >= format.length()) {
            out.append("%!(NOVERB)");
            return;
        }
        char verb = format.charAt(i++);
        if (verb == '%') {
            out.append('%');
            return;
        }
        if (argIndex >= args.size()) {
            out.append("%!").append(verb).append("(MISSING)");
            return;
        }
        Object arg = args.get(argIndex++);
        pad(formatArg(verb, arg), isNumeric(arg));
    }

    private void flags() {
        while (i < format.length()) {
            switch (format.charAt(i)) {
                case '-' -> minus = true;
                case '+' -> plus = true;
                case '#' -> sharp = true;
                case '0' -> zero = true;
                case ' ' -> space = true;
                default -> {
                    return;
                }
            }
            i++;
        }
    }

    private int number() {
        if (i < format.length() && format.charAt(i) == '*') {
            i++;
            Object arg = argIndex < args.size() ? args.get(argIndex++) : null;
            if (arg instanceof Long l) {
                if (l < 0) {
                    minus = true;
                }
                return (int) Math.abs(l);
            }
            out.append("%!(BADWIDTH)");
            return -1;
        }
        int start = i;
        while (i < format.length() && Character.isDigit(format.charAt(i))) {
            i++;
        }
        return start == i ? -1 : Integer.parseInt(format.substring(start, i));
    }

    private String formatArg(char verb, Object arg) {
        return switch (arg) {
            case null -> verb == 'v' ? "<nil>" : bad(verb, arg);
            case Long l -> integer(verb, BigInteger.valueOf(l), arg);
            case BigInteger b -> integer(verb, b, arg);
            case Double d -> floating(verb, d, arg);
            case Boolean b -> verb == 't' || verb == 'v' ? b.toString() : bad(verb, arg);
            case String s -> string(verb, s, arg);
            case Object o when GoValues.isList(o) && verb != 'v' -> "[" + GoValues.elements(o).stream()
                    .map(e -> formatArg(verb, e)).collect(Collectors.joining(" ")) + "]";
            default -> verb == 'v' || verb == 's' ? GoValues.text(arg) : bad(verb, arg);
        };
    }

    private String integer(char verb, BigInteger v, Object arg) {
        String sign = v.signum() < 0 ? "-" : plus ? "+" : space ? " " : "";
        BigInteger abs = v.abs();
        String digits = switch (verb) {
            case 'd', 'v' -> abs.toString();
            case 'x' -> (sharp ? "0x" : "") + abs.toString(16);
            case 'X' -> (sharp ? "0X" : "") + abs.toString(16).toUpperCase();
            case 'o' -> (sharp ? "0" : "") + abs.toString(8);
            case 'b' -> abs.toString(2);
            case 'c' -> new String(Character.toChars(v.intValue()));
            case 'q' -> "'" + new String(Character.toChars(v.intValue())) + "'";
            case 'U' -> String.format("U+%04X", v.intValue());
            default -> null;
        };
        if (digits == null) {
            return bad(verb, arg);
        }
        if (verb == 'c' || verb == 'q' || verb == 'U') {
            return digits;
        }
        if (precision >= 0) {
            digits = "0".repeat(Math.max(0, precision - digits.length())) + digits;
        }
        return sign + digits;
    }

    private String floating(char verb, double d, Object arg) {
        int prec = precision;
        String text = switch (verb) {
            case 'v', 'g' -> GoFloat.formatG(d, prec);
            case 'G' -> GoFloat.formatG(d, prec).toUpperCase();
            case 'e' -> GoFloat.formatE(d, prec < 0 ? 6 : prec);
            case 'E' -> GoFloat.formatE(d, prec < 0 ? 6 : prec).toUpperCase();
            case 'f', 'F' -> GoFloat.formatF(d, prec < 0 ? 6 : prec);
            default -> null;
        };
        if (text == null) {
            return bad(verb, arg);
        }
        return !text.startsWith("-") && (plus || space) ? (plus ? "+" : " ") + text : text;
    }

    private String string(char verb, String s, Object arg) {
        String cut = precision >= 0 && (verb == 's' || verb == 'v' || verb == 'q')
                ? s.codePoints().limit(precision).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString()
                : s;
        return switch (verb) {
            case 's', 'v' -> cut;
            case 'q' -> sharp && !cut.contains("`") ? "`" + cut + "`" : GoStrings.quote(cut);
            case 'x' -> hex(s, false);
            case 'X' -> hex(s, true);
            default -> bad(verb, arg);
        };
    }

    private static String hex(String s, boolean upper) {
        StringBuilder hex = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hex.append(String.format(upper ? "%02X" : "%02x", b & 0xff));
        }
        return hex.toString();
    }

    private static String bad(char verb, Object arg) {
        if (arg == null) {
            return "%!" + verb + "(<nil>)";
        }
        return "%!" + verb + "(" + GoValues.typeName(arg) + "=" + GoValues.text(arg) + ")";
    }

    private static boolean isNumeric(Object arg) {
        return arg instanceof Long || arg instanceof Double || arg instanceof BigInteger;
    }

    private void pad(String text, boolean numeric) {
        int length = text.codePointCount(0, text.length());
        if (width <= length) {
            out.append(text);
            return;
        }
        String fill;
        if (minus) {
            out.append(text).append(" ".repeat(width - length));
            return;
        }
        if (zero && numeric) {
            boolean signed = text.startsWith("-") || text.startsWith("+") || text.startsWith(" ");
            fill = "0".repeat(width - length);
            out.append(signed ? text.charAt(0) + fill + text.substring(1) : fill + text);
            return;
        }
        out.append(" ".repeat(width - length)).append(text);
    }
}
