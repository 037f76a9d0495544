package dev.berth.cli.format;

import dev.berth.cli.format.FunctionTable.Entry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The functions docker/cli's templates package adds to every {@code --format} template. */
final class DockerFunctions {
    private DockerFunctions() {
    }

    static Map<String, Entry> entries() {
        Map<String, Entry> m = new HashMap<>();
        m.put("json", new Entry(1, 1, a -> GoJson.encode(a.value(0))));
        m.put("split", new Entry(2, 2, a -> split(a.string(0), a.string(1))));
        m.put("join", new Entry(2, 2, a -> a.list(0).stream().map(GoValues::text)
                .collect(Collectors.joining(a.string(1)))));
        m.put("title", new Entry(1, 1, a -> title(a.string(0))));
        m.put("lower", new Entry(1, 1, a -> a.string(0).toLowerCase()));
        m.put("upper", new Entry(1, 1, a -> a.string(0).toUpperCase()));
        m.put("pad", new Entry(3, 3, a -> pad(a.string(0), a.integer(1), a.integer(2))));
        m.put("truncate", new Entry(2, 2, a -> truncate(a.string(0), a.integer(1))));
        return m;
    }

    /** Header row variants: a column title must come out as it went in. */
    static Map<String, Entry> headerEntries() {
        Map<String, Entry> m = new HashMap<>();
        m.put("json", new Entry(1, 1, a -> a.value(0)));
        m.put("split", new Entry(2, 2, a -> a.value(0)));
        m.put("join", new Entry(2, 2, a -> a.value(0)));
        m.put("title", new Entry(1, 1, a -> a.value(0)));
        m.put("lower", new Entry(1, 1, a -> a.value(0)));
        m.put("upper", new Entry(1, 1, a -> a.value(0)));
        m.put("truncate", new Entry(2, 2, a -> a.value(0)));
        return m;
    }

    /** strings.Split: keeps empty fields; an empty separator splits into characters. */
    static List<String> split(String s, String sep) {
        List<String> parts = new ArrayList<>();
        if (sep.isEmpty()) {
            s.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
            return parts;
        }
        int from = 0;
        int at;
        while ((at = s.indexOf(sep, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    /** strings.Title: upper-cases each letter that starts a word (after a non-letter, non-digit, non-underscore). */
    static String title(String s) {
        StringBuilder out = new StringBuilder();
        int prev = ' ';
        for (int cp : s.codePoints().toArray()) {
            boolean separator = !(Character.isLetterOrDigit(prev) || prev == '_');
            out.appendCodePoint(separator ? Character.toTitleCase(cp) : cp);
            prev = cp;
        }
        return out.toString();
    }

    static String pad(String s, long prefix, long suffix) {
        if (s.isEmpty()) {
            return s;
        }
        return " ".repeat((int) prefix) + s + " ".repeat((int) suffix);
    }

    static String truncate(String s, long length) {
        if (s.length() < length) {
            return s;
        }
        return s.substring(0, (int) length);
    }
}
