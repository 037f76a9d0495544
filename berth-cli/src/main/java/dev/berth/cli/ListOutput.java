package dev.berth.cli;

import dev.berth.cli.format.ListFormat;
import java.util.List;
import java.util.Map;

/**
 * docker's choice of list format: no {@code --format} (or just {@code table}) means the command's
 * default table, {@code -q} turns that into IDs only, anything else is the user's template.
 */
public record ListOutput(String format, String defaultTable, boolean quiet) {
    public static final String QUIET = "{{.ID}}";

    public String effective() {
        if (format == null || format.isEmpty() || format.equals("table")) {
            return quiet ? QUIET : defaultTable;
        }
        return format;
    }

    public String render(List<?> rows, Map<String, String> headers) {
        return ListFormat.parse(effective()).render(rows, headers);
    }
}
