package dev.berth.oci.error;

/** The operation is not allowed on this object (a predefined network, one with endpoints); the API answers 403. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
