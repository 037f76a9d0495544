package dev.berth.cli.format;

/**
 * Go's {@code strconv} number parsing where docker shows its errors to users, e.g.
 * {@code strconv.ParseUint: parsing "abc": invalid syntax}.
 */
public final class GoNumbers {
    private GoNumbers() {
    }

    /** {@code strconv.ParseUint(s, 10, bits)}: decimal digits only, no sign. */
    public static long parseUint(String s, int bits) {
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException("strconv.ParseUint: parsing " + GoStrings.quote(s) + ": invalid syntax");
        }
        long max = bits >= 63 ? Long.MAX_VALUE : (1L << bits) - 1;
        String digits = s.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 19 || Long.parseLong(digits) > max) {
            throw new NumberFormatException("strconv.ParseUint: parsing " + GoStrings.quote(s) + ": value out of range");
        }
        return Long.parseLong(digits);
    }

    /** {@code strconv.ParseInt(s, 10, 64)}: an optional sign, then decimal digits. */
    public static long parseInt(String s) {
        String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException("strconv.ParseInt: parsing " + GoStrings.quote(s) + ": invalid syntax");
        }
        try {
            return Long.parseLong(s.startsWith("+") ? digits : s);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("strconv.ParseInt: parsing " + GoStrings.quote(s) + ": value out of range");
        }
    }

    /** The reason alone ("invalid syntax"), as code that unwraps Go's {@code *strconv.NumError} prints it. */
    public static String reason(NumberFormatException e) {
        String message = e.getMessage();
        return message.substring(message.lastIndexOf(": ") + 2);
    }
}
