package dev.berth.cli.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Filters;
import dev.berth.cli.ListOutput;
import dev.berth.cli.Traces;
import dev.berth.http.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageRenderingTest {
    /** Ten minutes after the newest image of images.log was created. */
    private static final Instant NOW = Instant.ofEpochSecond(1795838551L + 600);

    @Test
    void renders_images_table_from_trace_in_daemon_order() {
        JsonNode summaries = Traces.json("images", "[{\"Containers\"", 0);
        List<ImageRow> rows = new ImageRows(true, false, NOW, ZoneOffset.UTC).of(summaries);
        assertEquals("""
                REPOSITORY      TAG       IMAGE ID       CREATED          SIZE
                trace-busybox   latest    d16506111182   10 minutes ago   1.99MB
                acc-proto       latest    3d7c7b4fceee   10 minutes ago   1.99MB
                busybox         latest    d723307e5867   14 minutes ago   1.99MB
                busybox         local     74df7f795f89   14 minutes ago   1.98MB
                """, new ListOutput(null, ImagesCommand.TABLE, false).render(rows, ImageRow.HEADERS));
    }

    @Test
    void prints_none_for_dangling_images_and_digest_rows_when_asked() throws Exception {
        JsonNode summaries = Json.mapper().readTree("""
                [{"Id":"sha256:aaaaaaaaaaaabbbb","Created":0,"Size":5,"RepoTags":[],"RepoDigests":[]},
                 {"Id":"sha256:cccccccccccc","Created":0,"Size":5,"RepoTags":["127.0.0.1:5000/x:v1"],
                  "RepoDigests":["127.0.0.1:5000/x@sha256:0123456789012345678901234567890123456789012345678901234567890123"]}]""");
        List<ImageRow> rows = new ImageRows(true, true, NOW, ZoneOffset.UTC).of(summaries);
        String out = new ListOutput("{{.Repository}} {{.Tag}} {{.Digest}} {{.ID}}", "", false).render(rows, ImageRow.HEADERS);
        assertEquals("<none> <none> <none> aaaaaaaaaaaa\n127.0.0.1:5000/x v1 "
                + "sha256:0123456789012345678901234567890123456789012345678901234567890123 cccccccccccc\n", out);
    }

    @Test
    void escapes_html_in_json_format_like_docker() {
        JsonNode summaries = Traces.json("images", "[{\"Containers\"", 1);
        List<ImageRow> rows = new ImageRows(true, false, NOW, ZoneOffset.UTC).of(summaries);
        String json = new ListOutput("json", "", false).render(rows, ImageRow.HEADERS);
        assertEquals("{\"Containers\":\"N/A\",\"CreatedAt\":\"2026-11-28 04:02:31 +0000 UTC\",\"CreatedSince\":\"10 minutes ago\","
                + "\"Digest\":\"\\u003cnone\\u003e\",\"ID\":\"d16506111182\",\"Repository\":\"trace-busybox\",\"SharedSize\":\"N/A\","
                + "\"Size\":\"1.99MB\",\"Tag\":\"latest\",\"UniqueSize\":\"N/A\",\"VirtualSize\":\"1.99MB\"}\n", json);
    }

    @Test
    void builds_images_request_with_all_and_reference_filter_as_in_trace() {
        ImagesCommand command = new ImagesCommand(null);
        command.all = true;
        command.args = List.of("trace-busybox");
        assertEquals("/images/json?all=1&filters=%7B%22reference%22%3A%7B%22trace-busybox%22%3Atrue%7D%7D", command.request());
    }

    @Test
    void builds_tag_request_with_normalised_repository() {
        assertEquals("/images/trace-commit:v1/tag?repo=docker.io%2Flibrary%2Ftrace-commit&tag=v2",
                TagCommand.request("trace-commit:v1", "trace-commit:v2"));
        assertEquals("/images/trace-commit:v1/tag?repo=localhost%3A5999%2Ftrace-commit&tag=latest",
                TagCommand.request("trace-commit:v1", "localhost:5999/trace-commit"));
    }

    @Test
    void builds_rmi_import_save_load_and_prune_requests() {
        assertEquals("/images/trace-commit:v1?force=1", RmiCommand.request("trace-commit:v1", true, false));
        assertEquals("/images/create?fromSrc=-&repo=trace-busybox", ImportCommand.request("-", "trace-busybox", null, null, List.of()));
        assertEquals("/images/create?changes=ENV+A%3D1&changes=CMD+sh&fromSrc=-&message=hi",
                ImportCommand.request("-", null, "hi", null, List.of("ENV A=1", "CMD sh")));
        assertEquals("/images/get?names=trace-commit%3Av1&names=trace-busybox", SaveCommand.request(List.of("trace-commit:v1", "trace-busybox"), List.of()));
        assertEquals("/images/load?quiet=1", LoadCommand.request(true));
        assertEquals("/images/prune?filters=%7B%22dangling%22%3A%7B%22true%22%3Atrue%7D%7D", ImagePruneCommand.request(Filters.none(), false));
        assertEquals("/images/prune?filters=%7B%22dangling%22%3A%7B%22false%22%3Atrue%7D%7D", ImagePruneCommand.request(Filters.none(), true));
    }

    @Test
    void renders_prune_report() throws Exception {
        JsonNode report = Json.mapper().readTree("{\"ImagesDeleted\":[{\"Untagged\":\"a:latest\"},{\"Deleted\":\"sha256:ab\"}],\"SpaceReclaimed\":1985472}");
        assertEquals("Deleted Images:\nuntagged: a:latest\ndeleted: sha256:ab\n\nTotal reclaimed space: 1.985MB\n", ImagePruneCommand.report(report));
    }

    @Test
    void indents_inspect_output_and_prints_empty_array_when_nothing_found() {
        assertEquals("[]\n", ImageInspectCommand.indented(List.of()));
        JsonNode raw = Traces.json("image-inspect", "{\"Id\"", 0);
        String out = ImageInspectCommand.indented(List.of(raw.toString()));
        assertEquals("[\n    {\n        \"Id\": \"sha256:d165061111824902e4f1751c4135e0d2478c9217dba8088ce4ffc1465f118816\",", out.substring(0, out.indexOf(',') + 1));
    }

    @Test
    void renders_history_with_and_without_human_sizes() throws Exception {
        JsonNode items = Json.mapper().readTree("""
                [{"Comment":"Imported from -","Created":1795838551,"CreatedBy":"sh -c\\techo a very long command line that goes past forty five","Id":"sha256:d165061111824902e4f1751c4135e0d2478c9217dba8088ce4ffc1465f118816","Size":1985472,"Tags":["trace-busybox:latest"]}]""");
        HistoryRow human = new HistoryRow(items.get(0), true, true, NOW, ZoneOffset.UTC);
        assertEquals("""
                IMAGE          CREATED          CREATED BY                                      SIZE      COMMENT
                d16506111182   10 minutes ago   sh -c echo a very long command line that goe…   1.99MB    Imported from -
                """, new ListOutput(null, HistoryCommand.TABLE, false).render(List.of(human), HistoryRow.HEADERS));
        HistoryRow raw = new HistoryRow(items.get(0), false, false, NOW, ZoneOffset.UTC);
        assertEquals("2026-11-28T04:02:31Z 1985472", new ListOutput("{{.CreatedSince}} {{.Size}}", "", false)
                .render(List.of(raw), HistoryRow.HEADERS).strip());
    }
}
