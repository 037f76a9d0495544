package dev.berth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapes_html_characters_like_go() throws Exception {
        String json = Json.mapper().writeValueAsString(
                Map.of("Cmd", List.of("sh", "-c", "echo err >&2 <in")));
        assertEquals("{\"Cmd\":[\"sh\",\"-c\",\"echo err \\u003e\\u00262 \\u003cin\"]}", json);
    }

    @Test
    void escapes_control_and_line_separator_characters_with_lowercase_hex() throws Exception {
        assertEquals("\"\\u001b[0m\\u2028\\n\\t\"", Json.mapper().writeValueAsString("\u001b[0m\u2028\n\t"));
    }

    @Test
    void leaves_other_unicode_unescaped() throws Exception {
        assertEquals("\"héllo ✓\"", Json.mapper().writeValueAsString("héllo ✓"));
    }

    @Test
    void tolerates_unknown_fields_duplicate_keys_and_null_primitives() throws Exception {
        record Net(String Name, boolean EnableIPv6) {
        }
        Net net = Json.mapper().readValue(
                "{\"Name\":\"a\",\"Name\":\"b\",\"enableIPv6\":true,\"EnableIPv6\":null,\"Extra\":1}", Net.class);
        assertEquals(new Net("b", false), net);
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("message", "x");
        assertEquals("{\"message\":\"x\"}", Json.mapper().writeValueAsString(ordered));
    }
}
