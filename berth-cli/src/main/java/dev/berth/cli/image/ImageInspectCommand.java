package dev.berth.cli.image;

import dev.berth.api.client.ClientResponse;
import dev.berth.api.client.EngineError;
import dev.berth.cli.JsonIndenter;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import dev.berth.cli.format.Template;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth image inspect}: the daemon's JSON for each image, re-indented as docker prints it,
 * or one rendering of {@code -f} per image. Missing images are reported after the output.
 */
@Command(name = "inspect", customSynopsis = "berth image inspect [OPTIONS] IMAGE [IMAGE...]",
        description = "Display detailed information on one or more images")
public final class ImageInspectCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-f", "--format"}, description = "Format output using a custom template") String format;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "IMAGE") List<String> images = new ArrayList<>();

    public ImageInspectCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, images.size(), 1, Integer.MAX_VALUE);
        Template template = format == null || format.isEmpty() || format.equals("json") ? null : Template.parse(format);
        List<String> raws = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String image : images) {
            try (ClientResponse response = session.client().get("/images/" + image + "/json")) {
                raws.add(new String(response.body().readAllBytes(), StandardCharsets.UTF_8).strip());
            } catch (EngineError e) {
                errors.add("Error response from daemon: " + e.getMessage());
            }
        }
        session.out().print(template == null ? indented(raws) : rendered(template, raws));
        if (!errors.isEmpty()) {
            throw new StatusError(1, String.join("\n", errors));
        }
        return 0;
    }

    static String indented(List<String> raws) {
        return raws.isEmpty() ? "[]\n" : JsonIndenter.indent("[" + String.join(",", raws) + "]") + "\n";
    }

    static String rendered(Template template, List<String> raws) throws java.io.IOException {
        StringBuilder out = new StringBuilder();
        for (String raw : raws) {
            out.append(template.execute(JsonTreeReader.read(raw.getBytes(StandardCharsets.UTF_8)))).append('\n');
        }
        return out.isEmpty() ? "\n" : out.toString();
    }
}
