package dev.berth.oci.error;

/** The named object does not exist; the API answers 404 with this message. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
