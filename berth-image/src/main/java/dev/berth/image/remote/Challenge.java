package dev.berth.image.remote;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code WWW-Authenticate} challenge: its scheme ({@code basic} or {@code bearer}, lower case) and
 * parameters such as {@code realm}, {@code service} and {@code scope}.
 */
public record Challenge(String scheme, Map<String, String> params) {
    public Challenge {
        params = Map.copyOf(params);
    }

    /** Parses {@code Bearer realm="https://auth/token",service="registry",scope="repository:a:pull"}. */
    public static Challenge parse(String header) {
        String h = header.strip();
        int space = h.indexOf(' ');
        String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
        if (scheme.isEmpty()) {
            throw new IllegalArgumentException("empty WWW-Authenticate challenge");
        }
        Map<String, String> params = new LinkedHashMap<>();
        int i = space < 0 ? h.length() : space + 1;
        while (i < h.length()) {
            int eq = h.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = h.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            StringBuilder value = new StringBuilder();
            if (j < h.length() && h.charAt(j) == '"') {
                for (j++; j < h.length() && h.charAt(j) != '"'; j++) {
                    if (h.charAt(j) == '\\' && j + 1 < h.length()) {
                        j++;
                    }
                    value.append(h.charAt(j));
                }
                j++;
            } else {
                for (; j < h.length() && h.charAt(j) != ','; j++) {
                    value.append(h.charAt(j));
                }
            }
            params.put(key, value.toString().strip());
            while (j < h.length() && (h.charAt(j) == ',' || h.charAt(j) == ' ')) {
                j++;
            }
            i = j;
        }
        return new Challenge(scheme, params);
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    public boolean isBearer() {
        return scheme.equals("bearer");
    }

    public boolean isBasic() {
        return scheme.equals("basic");
    }
}
