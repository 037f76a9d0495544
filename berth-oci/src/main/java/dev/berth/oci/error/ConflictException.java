package dev.berth.oci.error;

/** The request conflicts with the object's state (in use, already exists); the API answers 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
