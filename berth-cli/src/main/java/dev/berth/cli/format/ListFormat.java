package dev.berth.cli.format;

import java.util.List;
import java.util.Map;

/**
 * docker's {@code --format} for list commands (its formatter.Context): {@code table …} prints a
 * header row, made by running the template over the command's header titles, and aligns rows with
 * {@link TabWriter}; {@code json} is {@code {{json .}}}; anything else is a plain template, one
 * line per row. Literal {@code \t} and {@code \n} in the flag become tab and newline.
 *
 * <p>Use: {@code ListFormat.parse("table {{.Repository}}\t{{.Tag}}").render(rows, Map.of("Repository", "REPOSITORY", "Tag", "TAG"))}.
 */
public final class ListFormat {
    private static final String TABLE = "table";

    private final boolean table;
    private final Template template;

    private ListFormat(boolean table, Template template) {
        this.table = table;
        this.template = template;
    }

    /** Parses the flag value; throws {@link TemplateException} with Go's message on a bad template. */
    public static ListFormat parse(String format) {
        boolean table = format.startsWith(TABLE);
        String body = table ? format.substring(TABLE.length()) : format.equals("json") ? "{{json .}}" : format;
        body = trimSpaces(body).replace("\\t", "\t").replace("\\n", "\n");
        return new ListFormat(table, Template.parse(body));
    }

    private static String trimSpaces(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(start, end);
    }

    public boolean isTable() {
        return table;
    }

    /** Renders every row followed by a newline; for tables a header first, even with no rows. */
    public String render(List<?> rows, Map<String, String> headers) {
        StringBuilder body = new StringBuilder();
        for (Object row : rows) {
            body.append(template.execute(row)).append('\n');
        }
        if (!table) {
            return body.toString();
        }
        String header = template.execute(headers, FunctionTable.dockerHeader());
        return TabWriter.docker().format(header + "\n" + body);
    }
}
