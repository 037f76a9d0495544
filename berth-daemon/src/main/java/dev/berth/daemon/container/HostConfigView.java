package dev.berth.daemon.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of a HostConfig as the client sent it. The JSON itself is kept whole (inspect shows
 * it back); this view gives the engine the fields it acts on, with Docker's defaults.
 */
public record HostConfigView(ObjectNode json) {

    public static HostConfigView of(JsonNode node) {
        return new HostConfigView(node != null && node.isObject() ? (ObjectNode) node : JsonNodeFactory.instance.objectNode());
    }

    public String text(String field) {
        JsonNode n = json.get(field);
        return n == null || n.isNull() ? "" : n.asText();
    }

    public long number(String field) {
        JsonNode n = json.get(field);
        return n == null || n.isNull() ? 0 : n.asLong();
    }

    public boolean flag(String field) {
        JsonNode n = json.get(field);
        return n != null && n.asBoolean();
    }

    public List<String> strings(String field) {
        List<String> out = new ArrayList<>();
        JsonNode n = json.get(field);
        if (n != null && n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    public Map<String, String> stringMap(String field) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode n = json.get(field);
        if (n != null && n.isObject()) {
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    public String networkMode() {
        String m = text("NetworkMode");
        return m.isEmpty() || m.equals("default") ? "bridge" : m;
    }

    public String restartPolicyName() {
        String n = json.path("RestartPolicy").path("Name").asText("");
        return n.isEmpty() ? "no" : n;
    }

    public int restartMaxRetries() {
        return json.path("RestartPolicy").path("MaximumRetryCount").asInt(0);
    }

    public boolean autoRemove() {
        return flag("AutoRemove");
    }

    public String runtime(String fallback) {
        String r = text("Runtime");
        return r.isEmpty() ? fallback : r;
    }

    public long pidsLimit() {
        JsonNode n = json.get("PidsLimit");
        return n == null || n.isNull() ? 0 : n.asLong();
    }
}
