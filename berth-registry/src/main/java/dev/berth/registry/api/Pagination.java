package dev.berth.registry.api;

import dev.berth.http.HttpRequest;
import dev.berth.registry.errcode.ErrorCode;
import java.util.List;
import java.util.Optional;

/**
 * {@code n} and {@code last} of the list endpoints: entries sorted, those after {@code last}, at most {@code n};
 * when more remain, the {@code Link} to the next page.
 */
record Pagination(Optional<Integer> n, Optional<String> last) {

    static Pagination of(HttpRequest request) {
        Optional<Integer> n = request.query("n").filter(s -> !s.isEmpty()).map(s -> {
            try {
                int v = Integer.parseInt(s);
                if (v < 0) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw ErrorCode.PAGINATION_NUMBER_INVALID.withMessage("invalid number of results requested", s);
            }
        });
        return new Pagination(n, request.query("last").filter(s -> !s.isEmpty()));
    }

    Pagination capped(int max, int fallback) {
        return new Pagination(Optional.of(Math.min(n.orElse(fallback), max)), last);
    }

    /** The page, and whether entries remain after it. */
    record Page(List<String> entries, boolean more) {
    }

    Page apply(List<String> sorted) {
        List<String> after = last.map(l -> sorted.stream().filter(s -> s.compareTo(l) > 0).toList()).orElse(sorted);
        if (n.isEmpty() || after.size() <= n.get()) {
            return new Page(after, false);
        }
        return new Page(after.subList(0, n.get()), n.get() > 0);
    }

    /** {@code <url?last=…&n=…>; rel="next"}. */
    static String link(String url, Page page, int n) {
        String lastEntry = page.entries().getLast();
        return "<" + url + "?last=" + java.net.URLEncoder.encode(lastEntry, java.nio.charset.StandardCharsets.UTF_8)
                + "&n=" + n + ">; rel=\"next\"";
    }
}
