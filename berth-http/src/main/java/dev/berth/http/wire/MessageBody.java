package dev.berth.http.wire;

import java.io.IOException;
import java.io.InputStream;

/** Chooses how a message's body is delimited, from its header fields (RFC 9112 §6.3). */
public final class MessageBody {

    private MessageBody() {
    }

    /** A request body: chunked, a {@code Content-Length}, or none at all. */
    public static InputStream forRequest(Headers headers, HttpInput in) throws IOException {
        InputStream body = delimited(headers, in);
        return body != null ? body : InputStream.nullInputStream();
    }

    /**
     * A response body: none for HEAD, 1xx, 204 and 304; otherwise chunked, a {@code Content-Length}, or
     * everything until the server closes (then the connection cannot be reused).
     */
    public static InputStream forResponse(String method, int status, Headers headers, HttpInput in)
            throws IOException {
        if (method.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
            return InputStream.nullInputStream();
        }
        InputStream body = delimited(headers, in);
        return body != null ? body : in;
    }

    /** True when the body ends by itself (so the connection can carry another message after it). */
    public static boolean isDelimited(Headers headers) {
        return headers.contains("Transfer-Encoding") || headers.contains("Content-Length");
    }

    private static InputStream delimited(Headers headers, HttpInput in) throws IOException {
        if (headers.contains("Transfer-Encoding")) {
            if (!headers.hasToken("Transfer-Encoding", "chunked")) {
                throw new BadMessageException(501, "unsupported transfer encoding");
            }
            return new ChunkedInputStream(in);
        }
        var lengths = headers.all("Content-Length");
        if (lengths.isEmpty()) {
            return null;
        }
        long length = parseLength(lengths);
        return length == 0 ? InputStream.nullInputStream() : new FixedLengthInputStream(in, length);
    }

    private static long parseLength(java.util.List<String> values) throws BadMessageException {
        long length = -1;
        for (String value : values) {
            long parsed;
            try {
                parsed = Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw BadMessageException.malformed("bad Content-Length: " + value);
            }
            if (parsed < 0 || (length >= 0 && parsed != length)) {
                throw BadMessageException.malformed("bad Content-Length: " + value);
            }
            length = parsed;
        }
        return length;
    }
}
