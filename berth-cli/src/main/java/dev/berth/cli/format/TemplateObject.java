package dev.berth.cli.format;

import java.util.Map;

/**
 * A struct-like value for templates, such as one row of {@code docker images}: unlike a map, asking
 * it for a field it lacks is an error, {@code can't evaluate field Foo in type *formatter.imageContext},
 * which is how docker rejects a typo in {@code --format}.
 *
 * <p>A command builds one per row, e.g. {@code ImageRow implements TemplateObject} whose
 * {@link #fields()} returns {@code {"ID": "d1650611…", "Repository": "busybox", …}}; templates read
 * {@code {{.Repository}}}, and {@code {{json .}}} encodes {@link #fields()} with sorted keys.
 */
public interface TemplateObject {

    /** The fields by name; values are Strings, Numbers, Booleans, Lists, Maps, JsonNodes or null. */
    Map<String, Object> fields();

    /** The Go type name quoted in errors, e.g. {@code *formatter.imageContext}. */
    String typeName();
}
