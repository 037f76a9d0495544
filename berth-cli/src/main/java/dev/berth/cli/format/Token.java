package dev.berth.cli.format;

/** One lexical item of a template; {@code pos} is the byte offset used for Go-style error positions. */
record Token(Kind kind, String text, int pos, int line) {

    enum Kind {
        TEXT, LEFT_DELIM, RIGHT_DELIM, SPACE, FIELD, VARIABLE, DOT, IDENTIFIER, KEYWORD,
        STRING, RAW_STRING, CHAR, NUMBER, BOOL, NIL, PIPE, LEFT_PAREN, RIGHT_PAREN,
        DECLARE, ASSIGN, COMMA, EOF
    }

    /** How Go's parser quotes the token in an "unexpected …" message. */
    String describe() {
        return switch (kind) {
            case EOF -> "EOF";
            case KEYWORD -> "<" + text + ">";
            case SPACE -> "space";
            case RIGHT_DELIM -> "\"}}\"";
            case LEFT_DELIM -> "\"{{\"";
            default -> GoStrings.quote(text);
        };
    }
}
