package dev.berth.registry.api;

import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.oci.Digest;
import dev.berth.registry.errcode.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code GET}, {@code HEAD} and {@code DELETE /v2/<name>/blobs/<digest>}. Content goes out with
 * {@code sendfile} from the filesystem driver, whole or as one byte range; a blob's ETag is its digest.
 */
final class BlobRoutes {

    private static final String OCTET_STREAM = "application/octet-stream";

    private final ApiContext ctx;

    BlobRoutes(ApiContext ctx) {
        this.ctx = ctx;
    }

    void get(HttpRequest req, HttpResponse res) throws IOException {
        ApiContext.Target target = ctx.repository(req, "pull");
        Digest digest = ApiContext.digest(req.pathParam("digest"));
        OptionalLong found = ctx.proxy().isPresent() ? ctx.proxy().get().blob(target.name(), digest)
                : ctx.blobs().sizeIn(target.name(), digest);
        long size = found.orElseThrow(() -> ErrorCode.BLOB_UNKNOWN.with(digest.toString()));
        String etag = "\"" + digest + "\"";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Docker-Content-Digest", digest.toString());
        headers.put("ETag", etag);
        headers.put("Accept-Ranges", "bytes");
        headers.put("Cache-Control", "max-age=31536000");
        if (req.header("If-None-Match").filter(etag::equals).isPresent()) {
            headers.forEach(res::header);
            res.empty(304);
            return;
        }
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(req.header("Range"), size);
        } catch (ByteRange.Unsatisfiable e) {
            throw ErrorCode.RANGE_INVALID.withMessage("invalid content range", req.header("Range").orElse(""))
                    .withHeaders(Map.of("Content-Range", "bytes */" + size));
        }
        int status = range.isPresent() ? 206 : 200;
        range.ifPresent(r -> headers.put("Content-Range", r.contentRange(size)));
        long offset = range.map(ByteRange::offset).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        try (SeekableByteChannel ch = ctx.blobs().open(digest)) {
            if (ch instanceof FileChannel file) {
                res.file(status, OCTET_STREAM, file, offset, length, headers);
            } else {
                headers.forEach(res::header);
                res.bytes(status, OCTET_STREAM, readRange(ch, offset, length));
            }
        }
        if (req.method().equals("GET")) {
            ctx.emit(req, "pull", target, OCTET_STREAM, digest, size, Optional.empty(),
                    ctx.urls().blob(req, target.name().value(), digest.toString()));
        }
    }

    void delete(HttpRequest req, HttpResponse res) throws IOException {
        ApiContext.Target target = ctx.writableRepository(req, "delete");
        ctx.requireDelete();
        Digest digest = ApiContext.digest(req.pathParam("digest"));
        if (!ctx.blobs().unlink(target.name(), digest)) {
            throw ErrorCode.BLOB_UNKNOWN.with(digest.toString());
        }
        ctx.emit(req, "delete", target, "", digest, 0, Optional.empty(),
                ctx.urls().blob(req, target.name().value(), digest.toString()));
        res.header("Docker-Content-Digest", digest.toString());
        res.empty(202);
    }

    private static byte[] readRange(SeekableByteChannel ch, long offset, long length) throws IOException {
        if (length > Integer.MAX_VALUE - 16) {
            throw new IOException("range too large to buffer: " + length);
        }
        ByteBuffer buf = ByteBuffer.allocate((int) length);
        ch.position(offset);
        while (buf.hasRemaining() && ch.read(buf) > 0) {
            // fill
        }
        return buf.array();
    }
}
