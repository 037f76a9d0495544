package dev.berth.cli.format;

import dev.berth.cli.format.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits template text into tokens the way Go's text/template lexer does: text between actions,
 * and inside {@code {{ }}} operands, keywords, pipes and spaces (spaces matter: {@code .A.B} is one
 * chain, {@code .A .B} two arguments). Trim markers {@code {{- } and { -}}} are applied here by
 * cutting the whitespace off the neighbouring text, and comments are dropped.
 */
final class Lexer {
    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";
    private static final Set<String> KEYWORDS =
            Set.of("block", "break", "continue", "define", "else", "end", "if", "range", "template", "with");

    private final String name;
    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int parenDepth;

    private Lexer(String name, String input) {
        this.name = name;
        this.input = input;
    }

    static List<Token> lex(String name, String input) {
        Lexer lexer = new Lexer(name, input);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        boolean trimNextText = false;
        while (pos < input.length()) {
            int start = pos;
            int next = input.indexOf(LEFT, pos);
            int textEnd = next < 0 ? input.length() : next;
            boolean trimBefore = next >= 0 && isLeftTrim(next);
            String text = input.substring(start, textEnd);
            if (trimNextText) {
                text = stripLeading(text);
            }
            if (trimBefore) {
                text = stripTrailing(text);
            }
            if (!text.isEmpty()) {
                emit(Kind.TEXT, text, start);
            }
            if (next < 0) {
                pos = input.length();
                break;
            }
            pos = next;
            trimNextText = lexAction(trimBefore);
        }
        emit(Kind.EOF, "", input.length());
    }

    private boolean isLeftTrim(int delimAt) {
        int after = delimAt + LEFT.length();
        return after + 1 < input.length() && input.charAt(after) == '-' && isSpace(input.charAt(after + 1));
    }

    /** Lexes one action starting at {@code {{}; returns whether it ended with a right trim marker. */
    private boolean lexAction(boolean trimmed) {
        int start = pos;
        pos += LEFT.length() + (trimmed ? 2 : 0);
        if (input.startsWith("/*", pos)) {
            return lexComment(start);
        }
        emit(Kind.LEFT_DELIM, LEFT, start);
        parenDepth = 0;
        while (true) {
            if (pos >= input.length()) {
                throw error("unclosed action");
            }
            if (atRightDelim()) {
                return emitRightDelim();
            }
            lexInsideAction();
        }
    }

    private boolean lexComment(int start) {
        int end = input.indexOf("*/", pos + 2);
        if (end < 0) {
            throw error("unclosed comment");
        }
        pos = end + 2;
        boolean trim = input.startsWith(" -" + RIGHT, pos) || trimMarkerAt(pos);
        if (trim) {
            pos = input.indexOf(RIGHT, pos);
        }
        if (!input.startsWith(RIGHT, pos)) {
            throw error("comment ends before closing delimiter");
        }
        pos += RIGHT.length();
        return trim;
    }

    private boolean trimMarkerAt(int at) {
        return at + 1 < input.length() && isSpace(input.charAt(at)) && input.startsWith("-" + RIGHT, at + 1);
    }

    private boolean atRightDelim() {
        return input.startsWith(RIGHT, pos) || trimMarkerAt(pos);
    }

    private boolean emitRightDelim() {
        boolean trim = !input.startsWith(RIGHT, pos);
        if (trim) {
            pos += 2;
        }
        emit(Kind.RIGHT_DELIM, RIGHT, pos);
        pos += RIGHT.length();
        return trim;
    }

    private void lexInsideAction() {
        char c = input.charAt(pos);
        int start = pos;
        if (isSpace(c)) {
            while (pos < input.length() && isSpace(input.charAt(pos)) && !trimMarkerAt(pos)) {
                pos++;
            }
            if (pos == start) {
                return;
            }
            emit(Kind.SPACE, input.substring(start, pos), start);
            return;
        }
        switch (c) {
            case '=' -> single(Kind.ASSIGN);
            case ',' -> single(Kind.COMMA);
            case '|' -> single(Kind.PIPE);
            case '"' -> lexQuote();
            case '`' -> lexRawQuote();
            case '\'' -> lexChar();
            case '$' -> lexVariable();
            case '(' -> {
                parenDepth++;
                single(Kind.LEFT_PAREN);
            }
            case ')' -> {
                if (--parenDepth < 0) {
                    throw error("unexpected right paren");
                }
                single(Kind.RIGHT_PAREN);
            }
            case ':' -> {
                if (!input.startsWith(":=", pos)) {
                    throw error("expected :=");
                }
                pos += 2;
                emit(Kind.DECLARE, ":=", start);
            }
            case '.' -> lexDot();
            default -> lexWordOrNumber(c);
        }
    }

    private void lexWordOrNumber(char c) {
        if (c == '+' || c == '-' || Character.isDigit(c)) {
            lexNumber();
        } else if (isAlphaNumeric(c)) {
            lexIdentifier();
        } else {
            throw error(String.format("bad character U+%04X '%c'", (int) c, c));
        }
    }

    private void single(Kind kind) {
        emit(kind, String.valueOf(input.charAt(pos)), pos);
        pos++;
    }

    private void lexDot() {
        int start = pos;
        if (pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1))) {
            lexNumber();
            return;
        }
        pos++;
        int nameStart = pos;
        while (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
            pos++;
        }
        if (pos == nameStart) {
            emit(Kind.DOT, ".", start);
        } else {
            emit(Kind.FIELD, input.substring(start, pos), start);
        }
        checkTerminator();
    }

    private void lexVariable() {
        int start = pos;
        pos++;
        while (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
            pos++;
        }
        emit(Kind.VARIABLE, input.substring(start, pos), start);
        checkTerminator();
    }

    private void lexIdentifier() {
        int start = pos;
        while (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
            pos++;
        }
        String word = input.substring(start, pos);
        checkTerminator();
        Kind kind;
        if (KEYWORDS.contains(word)) {
            kind = Kind.KEYWORD;
        } else if (word.equals("true") || word.equals("false")) {
            kind = Kind.BOOL;
        } else if (word.equals("nil")) {
            kind = Kind.NIL;
        } else {
            kind = Kind.IDENTIFIER;
        }
        emit(kind, word, start);
    }

    /** Go insists a word is followed by something that can end it, so {@code .A@} is an error. */
    private void checkTerminator() {
        if (pos >= input.length()) {
            return;
        }
        char c = input.charAt(pos);
        if (isSpace(c) || c == '.' || c == ',' || c == '|' || c == ':' || c == ')' || c == '(' || c == '=') {
            return;
        }
        if (input.startsWith(RIGHT, pos)) {
            return;
        }
        throw error(String.format("bad character U+%04X '%c'", (int) c, c));
    }

    private void lexNumber() {
        int start = pos;
        if (input.charAt(pos) == '+' || input.charAt(pos) == '-') {
            pos++;
        }
        String digits = "0123456789_";
        if (input.startsWith("0x", pos) || input.startsWith("0X", pos)) {
            pos += 2;
            digits = "0123456789abcdefABCDEF_";
        }
        accept(digits);
        if (pos < input.length() && input.charAt(pos) == '.') {
            pos++;
            accept(digits);
        }
        if (pos < input.length() && "eE".indexOf(input.charAt(pos)) >= 0 && digits.length() == 11) {
            pos++;
            if (pos < input.length() && "+-".indexOf(input.charAt(pos)) >= 0) {
                pos++;
            }
            accept("0123456789_");
        }
        if (pos < input.length() && isAlphaNumeric(input.charAt(pos)) || pos == start + 1 && !Character.isDigit(input.charAt(start))) {
            pos++;
            throw error("bad number syntax: " + GoStrings.quote(input.substring(start, Math.min(pos, input.length()))));
        }
        emit(Kind.NUMBER, input.substring(start, pos), start);
    }

    private void accept(String valid) {
        while (pos < input.length() && valid.indexOf(input.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private void lexQuote() {
        int start = pos++;
        while (true) {
            if (pos >= input.length() || input.charAt(pos) == '\n') {
                throw error("unterminated quoted string");
            }
            char c = input.charAt(pos++);
            if (c == '\\' && pos < input.length()) {
                pos++;
            } else if (c == '"') {
                break;
            }
        }
        emit(Kind.STRING, input.substring(start, pos), start);
    }

    private void lexRawQuote() {
        int start = pos;
        int end = input.indexOf('`', pos + 1);
        if (end < 0) {
            throw error("unterminated raw quoted string");
        }
        pos = end + 1;
        emit(Kind.RAW_STRING, input.substring(start, pos), start);
    }

    private void lexChar() {
        int start = pos++;
        while (true) {
            if (pos >= input.length() || input.charAt(pos) == '\n') {
                throw error("unterminated character constant");
            }
            char c = input.charAt(pos++);
            if (c == '\\' && pos < input.length()) {
                pos++;
            } else if (c == '\'') {
                break;
            }
        }
        emit(Kind.CHAR, input.substring(start, pos), start);
    }

    private void emit(Kind kind, String text, int at) {
        tokens.add(new Token(kind, text, at, lineAt(at)));
    }

    private int lineAt(int at) {
        int line = 1;
        for (int i = 0; i < at && i < input.length(); i++) {
            if (input.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private TemplateException error(String message) {
        return new TemplateException("template: " + name + ":" + lineAt(pos) + ": " + message);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isAlphaNumeric(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    private static String stripTrailing(String s) {
        int i = s.length();
        while (i > 0 && isSpace(s.charAt(i - 1))) {
            i--;
        }
        return s.substring(0, i);
    }
}
