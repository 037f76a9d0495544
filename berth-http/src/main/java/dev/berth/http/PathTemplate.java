package dev.berth.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A route's path: literal text with {@code {name}} for one segment or {@code {name:regex}} for a pattern that may
 * cross slashes ({@code /images/{name:.+}/push} matches {@code /images/127.0.0.1:5551/x/y:tag/push}, greedily).
 */
record PathTemplate(String template, Pattern pattern, List<String> names) {

    static PathTemplate parse(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("template must start with '/': " + template);
        }
        StringBuilder regex = new StringBuilder("^");
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                regex.append(Pattern.quote(template.substring(i)));
                break;
            }
            regex.append(Pattern.quote(template.substring(i, open)));
            int close = closingBrace(template, open);
            String param = template.substring(open + 1, close);
            int colon = param.indexOf(':');
            String name = colon < 0 ? param : param.substring(0, colon);
            if (!name.matches("[A-Za-z][A-Za-z0-9_]*") || names.contains(name)) {
                throw new IllegalArgumentException("bad parameter name in " + template);
            }
            names.add(name);
            regex.append("(?<p").append(names.size() - 1).append('>')
                    .append(colon < 0 ? "[^/]+" : param.substring(colon + 1)).append(')');
            i = close + 1;
        }
        return new PathTemplate(template, Pattern.compile(regex.append('$').toString()), List.copyOf(names));
    }

    private static int closingBrace(String template, int open) {
        int depth = 0;
        for (int i = open; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed '{' in " + template);
    }

    Optional<Map<String, String>> match(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            params.put(names.get(i), m.group("p" + i));
        }
        return Optional.of(params);
    }
}
