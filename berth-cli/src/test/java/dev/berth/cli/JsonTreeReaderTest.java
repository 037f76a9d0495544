package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTreeReaderTest {

    private static JsonNode read(String json) throws IOException {
        return JsonTreeReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reads_the_same_tree_as_the_mapper_when_given_trace_replies() throws IOException {
        for (JsonNode reply : new JsonNode[] {Traces.json("images", "[{\"Containers\"", 0), Traces.json("info", "{\"ID\"", 0),
                Traces.json("version", "{\"Platform\"", 0), Traces.json("system-df", "{\"LayersSize\"", 0)}) {
            String text = Json.mapper().writeValueAsString(reply);
            assertEquals(Json.mapper().readTree(text), read(text), text);
        }
    }

    @Test
    void keeps_number_kinds_as_the_mapper_does_when_values_grow() throws IOException {
        String json = "{\"i\":7,\"l\":1795838551000,\"b\":123456789012345678901234567890,\"d\":1.5,\"n\":-0.0,\"t\":true,\"z\":null}";
        JsonNode tree = read(json);
        assertEquals(Json.mapper().readTree(json), tree);
        assertTrue(tree.get("i").isInt() && tree.get("l").isLong() && tree.get("b").isBigInteger() && tree.get("d").isDouble());
    }

    @Test
    void keeps_the_last_value_in_the_first_place_when_keys_repeat() throws IOException {
        JsonNode tree = read("{\"a\":1,\"b\":2,\"a\":3}");
        assertEquals("{\"a\":3,\"b\":2}", tree.toString());
    }

    @Test
    void gives_a_missing_node_when_the_body_is_empty() throws IOException {
        assertTrue(read("").isMissingNode());
        assertTrue(read("  \n").isMissingNode());
    }

    @Test
    void rejects_a_body_that_ends_early() {
        assertThrows(IOException.class, () -> read("[{\"a\":1},"));
        assertThrows(IOException.class, () -> read("{\"a\":"));
    }
}
