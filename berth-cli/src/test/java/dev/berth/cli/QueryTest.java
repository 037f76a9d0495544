package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryTest {

    @Test
    void sorts_parameters_by_name_like_go() {
        Filters filters = Filters.parse(List.of("container=trace-ev", "type=container"));
        String query = Query.path("/events").add("until", "2").add("since", "1").filters(filters).toString();
        assertEquals("/events?filters=%7B%22container%22%3A%7B%22trace-ev%22%3Atrue%7D%2C%22type%22%3A%7B%22container%22%3Atrue%7D%7D"
                + "&since=1&until=2", query);
    }

    @Test
    void keeps_order_of_repeated_parameters() {
        assertEquals("/images/get?names=trace-commit%3Av1&names=trace-busybox",
                Query.path("/images/get").add("names", "trace-commit:v1").add("names", "trace-busybox").toString());
    }

    @Test
    void leaves_out_unset_flags_and_empty_values() {
        assertEquals("/images/json", Query.path("/images/json").flag("all", false).addIfPresent("x", "").filters(Filters.none()).toString());
    }

    @Test
    void encodes_spaces_as_plus_like_go() {
        assertEquals("/x?changes=CMD+%5B%22sh%22%5D", Query.path("/x").add("changes", "CMD [\"sh\"]").toString());
    }

    @Test
    void rejects_filter_without_equals() {
        StatusError e = assertThrows(StatusError.class, () -> Filters.parse(List.of("dangling")));
        assertEquals(125, e.status());
    }

    @Test
    void merges_repeated_filter_keys_sorted() {
        assertEquals("{\"label\":{\"a\":true,\"b\":true}}", Filters.parse(List.of("label=b", "label=a")).toJson());
    }
}
