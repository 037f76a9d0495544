package dev.berth.cli.format;

/**
 * A function templates can call, like docker's {@code join} or Go's {@code index}. It reads its
 * already-evaluated arguments through {@link Arguments} (which reports wrong types the way Go
 * does) and throws {@link Failure} for its own errors, shown as {@code error calling NAME: …}.
 */
@FunctionalInterface
public interface TemplateFunction {

    Object call(Arguments args);

    /** An error of the function itself, as Go functions return {@code error}. */
    final class Failure extends RuntimeException {
        public Failure(String message) {
            super(message, null, false, false);
        }
    }
}
