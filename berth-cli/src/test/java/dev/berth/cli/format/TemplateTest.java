package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String run(String template, Object data) {
        return Template.parse(template).execute(data);
    }

    private static String error(String template, Object data) {
        return assertThrows(TemplateException.class, () -> run(template, data)).getMessage();
    }

    private static final JsonNode INSPECT = json("""
            {"Id":"sha256:d165","RepoTags":["busybox:latest","busybox:1.36"],"Size":1985472,
             "Config":{"Env":["PATH=/bin"],"Cmd":["sh"],"Labels":{"b":"2","a":"1"},"Image":""},
             "Ratio":0.5,"Empty":null,"Flag":true}""");

    @Test
    void renders_fields_and_nested_fields_when_data_is_json() {
        assertEquals("sha256:d165 sh", run("{{.Id}} {{index .Config.Cmd 0}}", INSPECT));
        assertEquals("[sh]", run("{{.Config.Cmd}}", INSPECT));
        assertEquals("1985472", run("{{.Size}}", INSPECT));
        assertEquals("0.5 true", run("{{.Ratio}} {{.Flag}}", INSPECT));
    }

    @Test
    void renders_maps_in_sorted_key_order_like_go() {
        assertEquals("map[a:1 b:2]", run("{{.Config.Labels}}", INSPECT));
        assertEquals("a=1;b=2;", run("{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}", INSPECT));
    }

    @Test
    void renders_no_value_when_map_key_is_missing_or_null() {
        assertEquals("<no value>", run("{{.Nope}}", INSPECT));
        assertEquals("<no value>", run("{{.Nope.Deeper}}", INSPECT));
        assertEquals("<no value>", run("{{.Empty}}", INSPECT));
        assertEquals("<no value>", run("{{index .Config.Labels \"zzz\"}}", INSPECT));
    }

    @Test
    void encodes_json_compactly_without_html_escaping_like_docker() {
        assertEquals("{\"Env\":[\"PATH=/bin\"],\"Cmd\":[\"sh\"],\"Labels\":{\"b\":\"2\",\"a\":\"1\"},\"Image\":\"\"}",
                run("{{json .Config}}", INSPECT));
        assertEquals("\"a<b>&c\"", run("{{json .}}", "a<b>&c"));
        assertEquals("{\"a\":1,\"b\":[true,null]}", run("{{json .}}", Map.of("b", java.util.Arrays.asList(true, null), "a", 1)));
        assertEquals("null", run("{{json .Missing}}", INSPECT));
    }

    @Test
    void ranges_over_lists_with_else_and_index_variables() {
        assertEquals("0:busybox:latest,1:busybox:1.36,", run("{{range $i, $t := .RepoTags}}{{$i}}:{{$t}},{{end}}", INSPECT));
        assertEquals("busybox:latest busybox:1.36 ", run("{{range .RepoTags}}{{.}} {{end}}", INSPECT));
        assertEquals("none", run("{{range .Config.Image}}x{{else}}none{{end}}", json("{\"Config\":{\"Image\":[]}}")));
        assertEquals("ab", run("{{range .}}{{if eq . \"c\"}}{{break}}{{end}}{{.}}{{end}}", List.of("a", "b", "c", "d")));
        assertEquals("ac", run("{{range .}}{{if eq . \"b\"}}{{continue}}{{end}}{{.}}{{end}}", List.of("a", "b", "c")));
    }

    @Test
    void chooses_branches_with_if_else_if_and_with() {
        String t = "{{if eq .N 1}}one{{else if eq .N 2}}two{{else}}many{{end}}";
        assertEquals("one", run(t, Map.of("N", 1)));
        assertEquals("two", run(t, Map.of("N", 2)));
        assertEquals("many", run(t, Map.of("N", 7)));
        assertEquals("PATH=/bin", run("{{with .Config}}{{index .Env 0}}{{end}}", INSPECT));
        assertEquals("empty", run("{{with .Config.Image}}{{.}}{{else}}empty{{end}}", INSPECT));
        assertEquals("yes", run("{{if and .Flag (not .Config.Image)}}yes{{end}}", INSPECT));
        assertEquals("fallback", run("{{or .Config.Image \"fallback\"}}", INSPECT));
    }

    @Test
    void applies_pipelines_variables_and_docker_functions() {
        assertEquals("BUSYBOX", run("{{.Name | upper}}", Map.of("Name", "busybox")));
        assertEquals("busybox:latest, busybox:1.36", run("{{join .RepoTags \", \"}}", INSPECT));
        assertEquals("[a b c]", run("{{split . \",\"}}", "a,b,c"));
        assertEquals("Hello World-Foo", run("{{title .}}", "hello world-foo"));
        assertEquals("  x ", run("{{pad . 2 1}}", "x"));
        assertEquals("", run("{{pad . 2 1}}", ""));
        assertEquals("sha25", run("{{truncate .Id 5}}", INSPECT));
        assertEquals("2", run("{{len .RepoTags}}", INSPECT));
        assertEquals("busybox", run("{{$x := .Name}}{{$x}}", Map.of("Name", "busybox")));
        assertEquals("b", run("{{$x := \"a\"}}{{$x = \"b\"}}{{$x}}", Map.of()));
        assertEquals("bus", run("{{slice . 0 3}}", "busybox"));
        assertEquals("latest", run("{{index (split (index .RepoTags 0) \":\") 1}}", INSPECT));
    }

    @Test
    void formats_with_printf_print_and_println_like_go_fmt() {
        assertEquals("busybox 42", run("{{printf \"%s %d\" .A .B}}", Map.of("A", "busybox", "B", 42)));
        assertEquals("  abc|abc  |007|3.14|\"q\"", run("{{printf \"%5s|%-5s|%03d|%.2f|%q\" \"abc\" \"abc\" 7 3.14159 \"q\"}}", Map.of()));
        assertEquals("%!d(string=x) %!s(MISSING)", run("{{printf \"%d %s\" \"x\"}}", Map.of()));
        assertEquals("a%!(EXTRA int=1)", run("{{printf \"a\" 1}}", Map.of()));
        assertEquals("1 2a", run("{{print 1 2 \"a\"}}", Map.of()));
        assertEquals("1 a\n", run("{{println 1 \"a\"}}", Map.of()));
        assertEquals("1e+06 1.5", run("{{1000000.0}} {{1.5}}", Map.of()));
    }

    @Test
    void trims_whitespace_around_trim_markers_and_skips_comments() {
        assertEquals("a|b", run("a  \n {{- \"|\" -}} \n\t b", Map.of()));
        assertEquals("ab", run("a {{- /* note */ -}} b", Map.of()));
        assertEquals("x-1", run("x{{-1}}", Map.of()));
    }

    @Test
    void parses_literals_strings_raw_strings_and_runes() {
        assertEquals("tab\there raw\\n 97 255", run("{{\"tab\\there\"}} {{`raw\\n`}} {{'a'}} {{0xff}}", Map.of()));
    }

    @Test
    void reports_parse_errors_in_go_form() {
        assertEquals("template: :1: function \"nope\" not defined", error("{{nope .}}", Map.of()));
        assertEquals("template: :1: unclosed action", error("{{.A", Map.of()));
        assertEquals("template: :1: unexpected EOF", error("{{if .A}}x", Map.of()));
        assertEquals("template: :1: unexpected {{end}}", error("{{end}}", Map.of()));
        assertEquals("template: :2: undefined variable \"$x\"", error("a\n{{$x}}", Map.of()));
        assertEquals("template: :1: missing value for command", error("{{}}", Map.of()));
        assertEquals("template: :1: unterminated quoted string", error("{{\"abc}}", Map.of()));
    }

    @Test
    void reports_execution_errors_in_go_form() {
        TemplateObject row = new TemplateObject() {
            public Map<String, Object> fields() {
                return Map.of("ID", "abc");
            }

            public String typeName() {
                return "*formatter.imageContext";
            }
        };
        assertEquals("template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.imageContext",
                error("{{.Foo}}", row));
        assertEquals("template: :1:4: executing \"\" at <index .List 5>: error calling index: index out of range: 5",
                error("ab{{index .List 5}}", Map.of("List", List.of(1))));
        assertEquals("template: :2:4: executing \"\" at <.A.B>: nil pointer evaluating interface {}.B",
                error("x\n  {{.A.B}}", json("{\"A\":null}")));
        assertEquals("template: :1:8: executing \"\" at <.N>: wrong type for value; expected string; got int",
                error("{{upper .N}}", Map.of("N", 1)));
        assertEquals("template: :1:2: executing \"\" at <eq 1 \"a\">: error calling eq: incompatible types for comparison",
                error("{{eq 1 \"a\"}}", Map.of()));
        assertEquals("template: :1:2: executing \"\" at <len>: wrong number of args for len: want 1 got 0",
                error("{{len}}", Map.of()));
    }

    @Test
    void compares_numbers_and_strings_with_go_rules() {
        assertEquals("true false true true", run("{{eq .Size 1985472}} {{ne 1 1}} {{lt \"a\" \"b\"}} {{eq 3 1 2 3}}", INSPECT));
        assertEquals("false", run("{{eq .Missing \"x\"}}", INSPECT));
    }

    @Test
    void uses_header_functions_when_rendering_a_table_header() {
        Template t = Template.parse("{{.Name | upper}}\t{{json .Labels}}");
        Map<String, String> header = new LinkedHashMap<>();
        header.put("Name", "NAME");
        header.put("Labels", "LABELS");
        assertEquals("NAME\tLABELS", t.execute(header, FunctionTable.dockerHeader()));
    }
}
