package dev.berth.http.wire;

import java.io.IOException;
import java.util.Objects;

/** A response's status line and header fields, as received by a client. */
public record ResponseHead(String version, int status, String reason, Headers headers) {

    public ResponseHead {
        Objects.requireNonNull(version);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(headers);
    }

    public static ResponseHead read(HttpInput in) throws IOException {
        String line = in.readLine(HeaderBlock.MAX_HEAD, 431);
        if (line == null) {
            throw new java.io.EOFException("connection closed before the response");
        }
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
            throw BadMessageException.malformed("malformed status line: " + line);
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw BadMessageException.malformed("malformed status code: " + line);
        }
        return new ResponseHead(parts[0], status, parts.length == 3 ? parts[2] : "",
                HeaderBlock.read(in, line.length() + 2));
    }

    public boolean keepAlive() {
        if (headers.hasToken("Connection", "close")) {
            return false;
        }
        return !version.equals("HTTP/1.0") || headers.hasToken("Connection", "keep-alive");
    }
}
