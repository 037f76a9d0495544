package dev.berth.image.mutate;

import java.util.ArrayList;
import java.util.List;

/** Splits Dockerfile arguments into words the way the builder does: whitespace-separated, quotes and backslashes honoured. */
final class ShellWords {
    private ShellWords() {
    }

    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else if (ch == '\\' && quote == '"' && i + 1 < s.length()) {
                    cur.append(s.charAt(++i));
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                inWord = true;
            } else if (ch == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(ch);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unexpected end of statement while looking for matching " + quote);
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Removes one level of surrounding quotes. */
    static String unquote(String s) {
        List<String> words = split(s);
        return words.size() == 1 ? words.getFirst() : s;
    }
}
