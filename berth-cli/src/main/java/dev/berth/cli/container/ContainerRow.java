package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.HumanDuration;
import dev.berth.cli.format.HumanSize;
import dev.berth.cli.format.ShortText;
import dev.berth.cli.format.TemplateObject;
import dev.berth.cli.format.TimeFormats;
import dev.berth.oci.Reference;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** One line of {@code berth ps}: a container summary from {@code GET /containers/json} (docker's ContainerContext). */
public record ContainerRow(JsonNode c, boolean trunc, Instant now, ZoneId zone) implements TemplateObject {

    static final Map<String, String> HEADERS = Map.ofEntries(Map.entry("ID", "CONTAINER ID"), Map.entry("Image", "IMAGE"),
            Map.entry("Command", "COMMAND"), Map.entry("CreatedAt", "CREATED AT"), Map.entry("RunningFor", "CREATED"),
            Map.entry("Ports", "PORTS"), Map.entry("State", "STATE"), Map.entry("Status", "STATUS"), Map.entry("Size", "SIZE"),
            Map.entry("Names", "NAMES"), Map.entry("Labels", "LABELS"), Map.entry("Mounts", "MOUNTS"),
            Map.entry("LocalVolumes", "LOCAL VOLUMES"), Map.entry("Networks", "NETWORKS"), Map.entry("Platform", "PLATFORM"));

    @Override
    public Map<String, Object> fields() {
        Instant created = Instant.ofEpochSecond(c.path("Created").asLong());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Command", command());
        f.put("CreatedAt", TimeFormats.goString(created, zone));
        f.put("ID", trunc ? ShortText.id(c.path("Id").asText()) : c.path("Id").asText());
        f.put("Image", image());
        f.put("Labels", labels());
        f.put("LocalVolumes", Long.toString(localVolumes()));
        f.put("Mounts", mounts());
        f.put("Names", names());
        f.put("Networks", String.join(",", new TreeSet<>(fieldNames(c.path("NetworkSettings").path("Networks")))));
        f.put("Ports", ports(c.path("Ports")));
        f.put("RunningFor", HumanDuration.ago(created, now));
        f.put("Size", size());
        f.put("State", c.path("State").asText());
        f.put("Status", c.path("Status").asText());
        return f;
    }

    @Override
    public String typeName() {
        return "*formatter.ContainerContext";
    }

    private String command() {
        String command = c.path("Command").asText();
        return goQuote(trunc ? ShortText.ellipsis(command, 20) : command);
    }

    private String image() {
        String image = c.path("Image").asText();
        if (image.isEmpty()) {
            return "<no image>";
        }
        if (!trunc) {
            return image;
        }
        if (ShortText.id(c.path("ImageID").asText()).equals(ShortText.id(image))) {
            return ShortText.id(image);
        }
        try {
            Reference ref = Reference.parse(image);
            return ref.familiarName() + ref.tag().map(t -> ":" + t).orElse("");
        } catch (IllegalArgumentException e) {
            return image;
        }
    }

    private String names() {
        List<String> names = new ArrayList<>();
        for (JsonNode name : c.path("Names")) {
            String n = name.asText().startsWith("/") ? name.asText().substring(1) : name.asText();
            // Truncated output hides link names such as "/web/db".
            if (!trunc || !n.contains("/")) {
                names.add(n);
            }
        }
        return String.join(",", names);
    }

    private String labels() {
        List<String> pairs = new ArrayList<>();
        c.path("Labels").properties().forEach(e -> pairs.add(e.getKey() + "=" + e.getValue().asText()));
        return String.join(",", pairs.stream().sorted().toList());
    }

    private String mounts() {
        List<String> mounts = new ArrayList<>();
        for (JsonNode m : c.path("Mounts")) {
            String name = m.path("Name").asText("");
            if (name.isEmpty()) {
                name = m.path("Source").asText();
            }
            mounts.add(trunc ? ShortText.ellipsis(name, 15) : name);
        }
        return String.join(",", mounts);
    }

    private long localVolumes() {
        long count = 0;
        for (JsonNode m : c.path("Mounts")) {
            if (m.path("Driver").asText().equals("local")) {
                count++;
            }
        }
        return count;
    }

    private String size() {
        String rw = HumanSize.decimal(c.path("SizeRw").asLong(), 3);
        long rootFs = c.path("SizeRootFs").asLong();
        return rootFs > 0 ? rw + " (virtual " + HumanSize.decimal(rootFs, 3) + ")" : rw;
    }

    /** docker's DisplayablePorts without range grouping: {@code 127.0.0.1:18080->80/tcp}, sorted. */
    static String ports(JsonNode ports) {
        TreeSet<String> shown = new TreeSet<>();
        for (JsonNode p : ports) {
            String inside = p.path("PrivatePort").asInt() + "/" + p.path("Type").asText();
            String ip = p.path("IP").asText("");
            if (ip.isEmpty()) {
                shown.add(inside);
            } else {
                String host = ip.contains(":") ? "[" + ip + "]" : ip;
                shown.add(host + ":" + p.path("PublicPort").asInt() + "->" + inside);
            }
        }
        return String.join(", ", shown);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Go's strconv.Quote for the printable text commands are made of. */
    static String goQuote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(ch < 0x20 ? String.format("\\x%02x", (int) ch) : String.valueOf(ch));
            }
        }
        return out.append('"').toString();
    }
}
