package dev.berth.oci.error;

/** Bad input from the caller; the API answers 400. Parsers throw {@link IllegalArgumentException}, mapped alike. */
public class InvalidArgumentException extends IllegalArgumentException {
    public InvalidArgumentException(String message) {
        super(message);
    }
}
