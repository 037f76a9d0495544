package dev.berth.cli.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.berth.api.client.EngineClient;
import dev.berth.cli.Berth;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import dev.berth.cli.format.TabWriter;
import dev.berth.cli.format.Template;
import dev.berth.cli.format.TemplateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth version}: the client's own facts and {@code GET /version}, in docker's Client:/Server:
 * layout (aligned by a tab writer of minimum width 20), or through {@code --format}.
 */
@Command(name = "version", customSynopsis = "berth version [OPTIONS]", description = "Show the Berth version information")
public final class VersionCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-f", "--format"}, description = "Format output using a custom template") String format;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "ARG") List<String> args = new ArrayList<>();

    public VersionCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 0, 0);
        Template template = parse(format);
        JsonNode server = null;
        StatusError failure = null;
        try {
            server = JsonTreeReader.read(session.client().get("/version"));
        } catch (StatusError e) {
            failure = e;
        }
        Map<String, Object> client = client(negotiated(failure));
        if (template != null) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("Client", client);
            data.put("Server", server);
            session.out().println(template.execute(data));
        } else {
            session.out().print(render(client, server));
        }
        if (failure != null) {
            throw failure;
        }
        return 0;
    }

    private String negotiated(StatusError failure) {
        return failure == null ? session.client().apiVersion() : EngineClient.MAX_VERSION;
    }

    private static Template parse(String format) {
        if (format == null || format.isEmpty()) {
            return null;
        }
        try {
            return Template.parse(format.equals("json") ? "{{json .}}" : format);
        } catch (TemplateException e) {
            throw new StatusError(64, "template parsing error: " + e.getMessage());
        }
    }

    static Map<String, Object> client(String apiVersion) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("Version", Berth.VERSION);
        client.put("APIVersion", apiVersion);
        client.put("DefaultAPIVersion", EngineClient.MAX_VERSION);
        client.put("GitCommit", "berth");
        client.put("GoVersion", "java" + Runtime.version().feature());
        client.put("Os", "linux");
        client.put("Arch", arch());
        client.put("BuildTime", "");
        client.put("Context", "default");
        return client;
    }

    private static String arch() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    /** docker's default version template, written out. */
    static String render(Map<String, Object> client, JsonNode server) {
        StringBuilder text = new StringBuilder("Client:\n");
        String api = (String) client.get("APIVersion");
        String defaultApi = (String) client.get("DefaultAPIVersion");
        text.append(" Version:\t").append(client.get("Version")).append('\n')
                .append(" API version:\t").append(api).append(api.equals(defaultApi) ? "" : " (downgraded from " + defaultApi + ")").append('\n')
                .append(" Go version:\t").append(client.get("GoVersion")).append('\n')
                .append(" Git commit:\t").append(client.get("GitCommit")).append('\n')
                .append(" Built:\t").append(client.get("BuildTime")).append('\n')
                .append(" OS/Arch:\t").append(client.get("Os")).append('/').append(client.get("Arch")).append('\n')
                .append(" Context:\t").append(client.get("Context"));
        if (server != null) {
            server(text, server);
        }
        return new TabWriter(20, 1, ' ').format(text.append('\n').toString());
    }

    private static void server(StringBuilder text, JsonNode server) {
        String platform = server.path("Platform").path("Name").asText("");
        text.append("\n\nServer:").append(platform.isEmpty() ? "" : " " + platform);
        for (JsonNode component : components(server)) {
            String name = component.path("Name").asText();
            JsonNode details = component.path("Details");
            text.append("\n ").append(name).append(':');
            if (name.equals("Engine")) {
                text.append("\n  Version:\t").append(component.path("Version").asText())
                        .append("\n  API version:\t").append(details.path("ApiVersion").asText())
                        .append(" (minimum version ").append(details.path("MinAPIVersion").asText()).append(')')
                        .append("\n  Go version:\t").append(details.path("GoVersion").asText())
                        .append("\n  Git commit:\t").append(details.path("GitCommit").asText())
                        .append("\n  Built:\t").append(details.path("BuildTime").asText())
                        .append("\n  OS/Arch:\t").append(details.path("Os").asText()).append('/').append(details.path("Arch").asText())
                        .append("\n  Experimental:\t").append(details.path("Experimental").asText());
            } else {
                text.append("\n  Version:\t").append(component.path("Version").asText());
                List<String> keys = new ArrayList<>();
                details.fieldNames().forEachRemaining(keys::add);
                keys.stream().sorted().forEach(key -> text.append("\n  ").append(key).append(":\t").append(details.path(key).asText()));
            }
        }
    }

    /** The components, with an Engine made from the top-level fields when the daemon lists none (as docker does). */
    private static List<JsonNode> components(JsonNode server) {
        List<JsonNode> components = new ArrayList<>();
        boolean engine = false;
        for (JsonNode component : server.path("Components")) {
            components.add(component);
            engine |= component.path("Name").asText().equals("Engine");
        }
        if (!engine) {
            var node = JsonNodeFactory.instance.objectNode();
            node.put("Name", "Engine").put("Version", server.path("Version").asText());
            node.putObject("Details").put("ApiVersion", server.path("ApiVersion").asText())
                    .put("MinAPIVersion", server.path("MinAPIVersion").asText())
                    .put("Os", server.path("Os").asText()).put("Arch", server.path("Arch").asText());
            components.add(node);
        }
        return components;
    }
}
