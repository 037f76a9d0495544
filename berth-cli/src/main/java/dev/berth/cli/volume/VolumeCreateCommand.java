package dev.berth.cli.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth volume create [VOLUME]}: {@code POST /volumes/create}, printing the volume's name. */
@Command(name = "create", customSynopsis = "berth volume create [OPTIONS] [VOLUME]", description = "Create a volume")
public final class VolumeCreateCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-d", "--driver"}, description = "Specify volume driver name") String driver = "local";
    @Option(names = "--label", description = "Set metadata for a volume") List<String> labels = new ArrayList<>();
    @Option(names = {"-o", "--opt"}, description = "Set driver specific options") List<String> opts = new ArrayList<>();
    @Option(names = "--name", hidden = true) String name;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "VOLUME") List<String> args = new ArrayList<>();

    public VolumeCreateCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 0, 1);
        if (!args.isEmpty() && name != null && !name.isEmpty()) {
            throw new StatusError(1, "conflicting options: cannot specify a volume-name through both --name and as a positional arg");
        }
        String volume = args.isEmpty() ? name : args.getFirst();
        JsonNode created = JsonTreeReader.read(session.client().post("/volumes/create", body(driver, opts, labels, volume)));
        session.out().println(created.path("Name").asText());
        return 0;
    }

    /** Go's VolumeCreateOptions: every field is omitempty. */
    static Map<String, Object> body(String driver, List<String> opts, List<String> labels, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (driver != null && !driver.isEmpty()) {
            body.put("Driver", driver);
        }
        if (!opts.isEmpty()) {
            body.put("DriverOpts", keyValues(opts));
        }
        if (!labels.isEmpty()) {
            body.put("Labels", keyValues(labels));
        }
        if (name != null && !name.isEmpty()) {
            body.put("Name", name);
        }
        return body;
    }

    private static Map<String, String> keyValues(List<String> entries) {
        Map<String, String> map = new TreeMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            map.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        return map;
    }
}
