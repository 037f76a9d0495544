package dev.berth.cli.container;

import dev.berth.api.client.ClientResponse;
import dev.berth.api.client.EngineError;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import dev.berth.cli.format.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth inspect NAME…}: each name is looked up as a container, then an image, a network and a
 * volume (docker's order), or only as the {@code --type} given; the first match is printed. (docker
 * also tries swarm objects and plugins, which berth does not have.)
 */
@Command(name = "inspect", customSynopsis = "berth inspect [OPTIONS] NAME|ID [NAME|ID...]",
        description = "Return low-level information on Berth objects")
public final class InspectCommand implements Callable<Integer> {
    private static final List<String> TYPES = List.of("container", "image", "network", "volume");

    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-f", "--format"}, description = "Format output using a custom template") String format;
    @Option(names = {"-s", "--size"}, description = "Display total file sizes if the type is container") boolean size;
    @Option(names = "--type", description = "Only inspect objects of the given type") String type;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "NAME|ID") List<String> names = new ArrayList<>();

    public InspectCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, names.size(), 1, Integer.MAX_VALUE);
        if (type != null && !TYPES.contains(type)) {
            throw new StatusError(1, "\"" + type + "\" is not a valid value for --type");
        }
        if (format != null && !format.isEmpty() && !format.equals("json")) {
            Template.parse(format);
        }
        List<String> raws = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String name : names) {
            try {
                Optional<String> found = find(name);
                if (found.isPresent()) {
                    raws.add(found.get());
                } else {
                    errors.add("Error: No such object: " + name);
                }
            } catch (EngineError e) {
                errors.add("Error response from daemon: " + e.getMessage());
            }
        }
        new InspectPrinter(format).print(raws, errors, session.out());
        return 0;
    }

    /**
     * The first type that has {@code name}. Without {@code --type} a type that answers "not found" (or
     * "not supported", or "invalid reference format" for an image) is skipped; any other error is
     * this name's error, as is every error of the one type asked for.
     */
    private Optional<String> find(String name) throws IOException {
        for (String kind : type == null ? TYPES : List.of(type)) {
            try (ClientResponse response = session.client().get(path(kind, name))) {
                String raw = new String(response.body().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (size && !kind.equals("container")) {
                    session.err().println("WARNING: --size ignored for " + kind);
                }
                return Optional.of(raw);
            } catch (EngineError e) {
                if (type != null || !skippable(e)) {
                    throw e;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean skippable(EngineError e) {
        return e.status() == 404 || e.getMessage().contains("not supported") || e.getMessage().contains("invalid reference format");
    }

    private String path(String kind, String name) {
        return switch (kind) {
            case "container" -> "/containers/" + name + "/json" + (size ? "?size=1" : "");
            case "image" -> "/images/" + name + "/json";
            case "network" -> "/networks/" + name;
            default -> "/volumes/" + name;
        };
    }
}
