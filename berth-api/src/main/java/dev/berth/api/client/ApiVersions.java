package dev.berth.api.client;

/** Compares {@code major.minor} API versions by number ("1.9" is older than "1.41"). */
public final class ApiVersions {

    private ApiVersions() {
    }

    static String min(String a, String b) {
        return compare(a, b) <= 0 ? a : b;
    }

    /** Negative, zero or positive as {@code a} is older than, the same as or newer than {@code b}. */
    public static int compare(String a, String b) {
        int[] x = parse(a);
        int[] y = parse(b);
        return x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]);
    }

    private static int[] parse(String version) {
        String[] parts = version.split("\\.");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("API version must be major.minor: " + version);
        }
    }
}
