package dev.berth.cli.container;

import dev.berth.cli.JsonIndenter;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.StatusError;
import dev.berth.cli.format.Template;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How docker prints what inspect found: the raw objects as one indented JSON array, or the
 * {@code -f} template once per object; the errors for names not found come after, with exit 1.
 */
public record InspectPrinter(String format) {

    public void print(List<String> raws, List<String> errors, PrintStream out) throws IOException {
        if (format == null || format.isEmpty() || format.equals("json")) {
            out.print(raws.isEmpty() ? "[]\n" : JsonIndenter.indent("[" + String.join(",", raws) + "]") + "\n");
        } else {
            Template template = Template.parse(format);
            for (String raw : raws) {
                out.println(template.execute(JsonTreeReader.read(raw.getBytes(StandardCharsets.UTF_8))));
            }
        }
        if (!errors.isEmpty()) {
            throw new StatusError(1, String.join("\n", errors));
        }
    }
}
