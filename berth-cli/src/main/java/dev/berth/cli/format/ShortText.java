package dev.berth.cli.format;

/** docker's shortening of what it prints: image IDs to 12 hex digits and long text to an ellipsis. */
public final class ShortText {
    private ShortText() {
    }

    /** stringid.TruncateID: drops an algorithm prefix such as {@code sha256:} and keeps 12 characters. */
    public static String id(String id) {
        int colon = id.indexOf(':');
        String hex = colon >= 0 ? id.substring(colon + 1) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    /** formatter.Ellipsis: text longer than {@code max} code points is cut to {@code max-1} and ends in "…". */
    public static String ellipsis(String s, int max) {
        int length = s.codePointCount(0, s.length());
        if (length <= max) {
            return s;
        }
        if (max <= 1) {
            return s.substring(0, s.offsetByCodePoints(0, Math.max(max, 0)));
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }
}
