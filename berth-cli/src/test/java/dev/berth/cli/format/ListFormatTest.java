package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListFormatTest {
    private static final Map<String, String> HEADERS = Map.of(
            "ID", "IMAGE ID", "Repository", "REPOSITORY", "Tag", "TAG", "CreatedSince", "CREATED", "Size", "SIZE");

    private static Map<String, Object> row(String repo, String tag, String id, String created, String size) {
        return Map.of("Repository", repo, "Tag", tag, "ID", id, "CreatedSince", created, "Size", size);
    }

    private static final List<Map<String, Object>> ROWS = List.of(
            row("trace-busybox", "latest", "d16506111182", "2 minutes ago", "1.99MB"),
            row("busybox", "local", "74df7f795f89", "About an hour ago", "1.98MB"));

    @Test
    void renders_docker_images_default_table() {
        String format = "table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\\t{{.Size}}";
        assertEquals("""
                REPOSITORY      TAG       IMAGE ID       CREATED             SIZE
                trace-busybox   latest    d16506111182   2 minutes ago       1.99MB
                busybox         local     74df7f795f89   About an hour ago   1.98MB
                """, ListFormat.parse(format).render(ROWS, HEADERS));
    }

    @Test
    void prints_header_alone_when_there_are_no_rows() {
        assertEquals("REPOSITORY   TAG\n", ListFormat.parse("table {{.Repository}}\t{{.Tag}}").render(List.of(), HEADERS));
    }

    @Test
    void prints_plain_templates_one_line_per_row() {
        assertEquals("trace-busybox:latest\nbusybox:local\n",
                ListFormat.parse("{{.Repository}}:{{.Tag}}").render(ROWS, HEADERS));
    }

    @Test
    void expands_json_keyword_to_json_of_each_row() {
        assertEquals("{\"a\":\"1\"}\n", ListFormat.parse("json").render(List.of(Map.of("a", "1")), HEADERS));
    }

    @Test
    void rejects_bad_template_with_go_message() {
        assertEquals("template: :1: function \"bogus\" not defined",
                assertThrows(TemplateException.class, () -> ListFormat.parse("{{bogus}}")).getMessage());
    }
}
