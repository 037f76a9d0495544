package dev.berth.cli.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.ListOutput;
import dev.berth.cli.Session;
import dev.berth.cli.UsageErrors;
import dev.berth.cli.format.HumanSize;
import dev.berth.cli.format.ListFormat;
import dev.berth.cli.format.TemplateObject;
import dev.berth.cli.image.ImageRow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth system df}: {@code GET /system/df} as docker's summary table, or its per-object tables with {@code -v}. */
@Command(name = "df", customSynopsis = "berth system df [OPTIONS]", description = "Show berth disk usage")
public final class DfCommand implements Callable<Integer> {
    static final String TABLE = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";
    static final String IMAGES = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}";
    static final String CONTAINERS = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}";
    static final String VOLUMES = "table {{.Name}}\t{{.Links}}\t{{.Size}}";
    static final String BUILD_CACHE = "table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}";

    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-v", "--verbose"}, description = "Show detailed information on space usage") boolean verbose;
    @Option(names = "--format", description = "Format output using a custom template") String format;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "ARG") List<String> args = new ArrayList<>();

    public DfCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 0, 0);
        JsonNode df = JsonTreeReader.read(session.client().get("/system/df"));
        session.out().print(verbose ? verbose(df, session.clock().instant(), session.clock().getZone())
                : new ListOutput(format, TABLE, false).render(DiskUsageRow.of(df), DiskUsageRow.HEADERS));
        return 0;
    }

    static String verbose(JsonNode df, Instant now, ZoneId zone) {
        List<ImageRow> images = new ArrayList<>();
        for (JsonNode image : df.path("Images")) {
            JsonNode tags = image.path("RepoTags");
            String first = tags.isEmpty() ? "<none>:<none>" : tags.get(0).asText();
            int colon = first.lastIndexOf(':');
            images.add(new ImageRow(image, first.substring(0, colon), first.substring(colon + 1), "<none>", true, now, zone));
        }
        List<TemplateObject> volumes = new ArrayList<>();
        for (JsonNode volume : df.path("Volumes")) {
            volumes.add(volumeRow(volume));
        }
        long cache = DiskUsageRow.buildCache(df).size();
        return "Images space usage:\n\n" + ListFormat.parse(IMAGES).render(images, imageHeaders())
                + "\nContainers space usage:\n\n" + ListFormat.parse(CONTAINERS).render(List.of(), containerHeaders())
                + "\nLocal Volumes space usage:\n\n" + ListFormat.parse(VOLUMES).render(volumes, Map.of("Name", "VOLUME NAME", "Links", "LINKS", "Size", "SIZE"))
                + "\nBuild cache usage: " + HumanSize.decimal(cache) + "\n\n"
                + ListFormat.parse(BUILD_CACHE).render(List.of(), Map.of("ID", "CACHE ID", "CacheType", "CACHE TYPE", "Size", "SIZE",
                        "CreatedSince", "CREATED", "LastUsedSince", "LAST USED", "UsageCount", "USAGE", "Shared", "SHARED"));
    }

    private static Map<String, String> imageHeaders() {
        return Map.of("Repository", "REPOSITORY", "Tag", "TAG", "ID", "IMAGE ID", "CreatedSince", "CREATED", "Size", "SIZE",
                "SharedSize", "SHARED SIZE", "UniqueSize", "UNIQUE SIZE", "Containers", "CONTAINERS");
    }

    private static Map<String, String> containerHeaders() {
        return Map.of("ID", "CONTAINER ID", "Image", "IMAGE", "Command", "COMMAND", "LocalVolumes", "LOCAL VOLUMES",
                "Size", "SIZE", "RunningFor", "CREATED", "Status", "STATUS", "Names", "NAMES");
    }

    private static TemplateObject volumeRow(JsonNode volume) {
        long size = volume.path("UsageData").path("Size").asLong(-1);
        Map<String, Object> fields = Map.of("Name", volume.path("Name").asText(),
                "Links", Long.toString(volume.path("UsageData").path("RefCount").asLong()),
                "Size", size < 0 ? "N/A" : HumanSize.decimal(size));
        return new TemplateObject() {
            @Override
            public Map<String, Object> fields() {
                return fields;
            }

            @Override
            public String typeName() {
                return "*formatter.volumeContext";
            }
        };
    }
}
