package dev.berth.cli.format;

/**
 * A template failed to parse or to execute. The message is exactly Go's, e.g.
 * {@code template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"}, because users
 * grep for it and scripts compare it with docker's.
 */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
