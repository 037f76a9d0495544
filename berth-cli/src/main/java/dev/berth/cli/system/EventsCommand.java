package dev.berth.cli.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.client.ClientResponse;
import dev.berth.api.client.JsonMessages;
import dev.berth.cli.Filters;
import dev.berth.cli.Query;
import dev.berth.cli.Session;
import dev.berth.cli.UsageErrors;
import dev.berth.cli.format.Template;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth events}: follows {@code GET /events}, printing each event as it arrives (until {@code --until}). */
@Command(name = "events", customSynopsis = "berth events [OPTIONS]", description = "Get real time events from the server")
public final class EventsCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = "--since", description = "Show all events created since timestamp") String since;
    @Option(names = "--until", description = "Stream events until this timestamp") String until;
    @Option(names = {"-f", "--filter"}, description = "Filter output based on conditions provided") List<String> filters = new ArrayList<>();
    @Option(names = "--format", description = "Format output using a custom template") String format;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "ARG") List<String> args = new ArrayList<>();

    public EventsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 0, 0);
        Template template = format == null || format.isEmpty() ? null
                : Template.parse(format.equals("json") ? "{{json .}}" : format);
        String request = request(Filters.parse(filters), since, until, session.clock().instant());
        try (ClientResponse response = session.client().get(request)) {
            for (JsonNode event : JsonMessages.read(response.body())) {
                session.out().println(render(event, template, format));
                session.out().flush();
            }
        }
        return 0;
    }

    String render(JsonNode event, Template template, String format) {
        if (template == null) {
            return EventLine.of(event, session.clock().getZone());
        }
        return format.equals("json") ? template.execute(event) : template.execute(EventLine.templateData(event));
    }

    String request(Filters filters, String since, String until, Instant now) {
        return Query.path("/events").filters(filters)
                .addIfPresent("since", EventTime.parse(since, now, session.clock().getZone()))
                .addIfPresent("until", EventTime.parse(until, now, session.clock().getZone())).toString();
    }
}
