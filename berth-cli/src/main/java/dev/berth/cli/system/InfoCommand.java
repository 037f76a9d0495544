package dev.berth.cli.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Berth;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.Session;
import dev.berth.cli.UsageErrors;
import dev.berth.cli.format.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth info}: {@code GET /info} in docker's Client:/Server: layout, or through {@code --format}. */
@Command(name = "info", customSynopsis = "berth info [OPTIONS]", description = "Display system-wide information")
public final class InfoCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-f", "--format"}, description = "Format output using a custom template") String format;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "ARG") List<String> args = new ArrayList<>();

    public InfoCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 0, 0);
        boolean debug = false;
        if (format != null && !format.isEmpty()) {
            Template template = Template.parse(format.equals("json") ? "{{json .}}" : format);
            session.out().println(template.execute(JsonTreeReader.read(session.client().get("/info"))));
            return 0;
        }
        session.out().print(InfoPrinter.client(Berth.VERSION, debug));
        session.out().println();
        session.out().println("Server:");
        JsonNode info = JsonTreeReader.read(session.client().get("/info"));
        session.out().print(InfoPrinter.server(info, debug, session.err()));
        return 0;
    }
}
