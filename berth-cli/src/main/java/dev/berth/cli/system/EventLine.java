package dev.berth.cli.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.TimeFormats;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One event as docker prints it: {@code <time> <Type> <Action> <Actor.ID> (k=v, …)}, attributes sorted. */
public final class EventLine {
    private EventLine() {
    }

    public static String of(JsonNode event, ZoneId zone) {
        StringBuilder line = new StringBuilder();
        long nanos = event.path("timeNano").asLong();
        long seconds = event.path("time").asLong();
        if (nanos != 0) {
            line.append(TimeFormats.rfc3339NanoFixed(nanos, zone)).append(' ');
        } else if (seconds != 0) {
            line.append(TimeFormats.rfc3339NanoFixed(seconds * 1_000_000_000L, zone)).append(' ');
        }
        JsonNode actor = event.path("Actor");
        line.append(event.path("Type").asText("")).append(' ').append(event.path("Action").asText(""))
                .append(' ').append(actor.path("ID").asText(""));
        Map<String, String> attributes = new TreeMap<>();
        actor.path("Attributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
        if (!attributes.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            attributes.forEach((k, v) -> pairs.add(k + "=" + v));
            line.append(" (").append(String.join(", ", pairs)).append(')');
        }
        return line.toString();
    }

    /** The event as the Go struct templates see it ({@code .Status}, {@code .ID}, {@code .Actor.Attributes}…). */
    public static Map<String, Object> templateData(JsonNode event) {
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("ID", event.path("Actor").path("ID").asText(""));
        Map<String, Object> attributes = new TreeMap<>();
        event.path("Actor").path("Attributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
        actor.put("Attributes", attributes);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Status", event.path("status").asText(""));
        data.put("ID", event.path("id").asText(""));
        data.put("From", event.path("from").asText(""));
        data.put("Type", event.path("Type").asText(""));
        data.put("Action", event.path("Action").asText(""));
        data.put("Actor", actor);
        data.put("Scope", event.path("scope").asText(""));
        data.put("Time", event.path("time").asLong());
        data.put("TimeNano", event.path("timeNano").asLong());
        return data;
    }
}
