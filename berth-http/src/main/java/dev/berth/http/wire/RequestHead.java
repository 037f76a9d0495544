package dev.berth.http.wire;

import java.io.IOException;
import java.util.Objects;

/** A request's start line and header fields, as sent. */
public record RequestHead(String method, String target, String version, Headers headers) {

    public RequestHead {
        Objects.requireNonNull(method);
        Objects.requireNonNull(target);
        Objects.requireNonNull(version);
        Objects.requireNonNull(headers);
    }

    /**
     * Parses the next request head; {@code null} when the peer closed before sending a byte (normal end of a
     * keep-alive connection). Empty lines before the request line are skipped, as RFC 9112 allows.
     */
    public static RequestHead read(HttpInput in) throws IOException {
        String line;
        do {
            line = in.readLine(HeaderBlock.MAX_HEAD, 431);
            if (line == null) {
                return null;
            }
        } while (line.isEmpty());
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !isMethod(parts[0]) || parts[1].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
            throw BadMessageException.malformed("malformed request line");
        }
        return new RequestHead(parts[0], parts[1], parts[2], HeaderBlock.read(in, line.length() + 2));
    }

    private static boolean isMethod(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes unless told to keep it. */
    public boolean keepAlive() {
        if (headers.hasToken("Connection", "close")) {
            return false;
        }
        return !version.equals("HTTP/1.0") || headers.hasToken("Connection", "keep-alive");
    }
}
