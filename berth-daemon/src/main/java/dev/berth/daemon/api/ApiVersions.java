package dev.berth.daemon.api;

/** The Engine API versions berthd serves: the newest the stock CLI knows, down to the oldest still in use. */
public final class ApiVersions {
    public static final String CURRENT = "1.50";
    public static final String MINIMUM = "1.24";

    private ApiVersions() {
    }

    /** Whether a request for {@code version} can be served (between MINIMUM and CURRENT). */
    public static boolean supported(String version) {
        return compare(version, MINIMUM) >= 0 && compare(version, CURRENT) <= 0;
    }

    public static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? Integer.parseInt(x[i]) : 0;
            int yi = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }
}
