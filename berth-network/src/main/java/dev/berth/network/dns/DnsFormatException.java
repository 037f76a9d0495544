package dev.berth.network.dns;

/** Bytes that are not a well-formed DNS message: the server answers FORMERR or drops them, never throws. */
public final class DnsFormatException extends Exception {
    public DnsFormatException(String message) {
        super(message);
    }
}
