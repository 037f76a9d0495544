package dev.berth.registry.api;

import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.oci.Digest;
import dev.berth.registry.errcode.ErrorCode;
import dev.berth.registry.errcode.RegistryException;
import dev.berth.registry.store.RepositoryName;
import dev.berth.registry.store.Uploads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The upload protocol under {@code /v2/<name>/blobs/uploads/}: POST starts a session (or uploads a whole blob with
 * {@code ?digest=}, or mounts one from another repository with {@code ?mount=&from=}); PATCH appends a chunk,
 * refused with 416 when its {@code Content-Range} does not start where the upload is; PUT with {@code ?digest=}
 * appends the last chunk and commits; GET reports progress; DELETE cancels.
 */
final class UploadRoutes {

    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes )?(\\d+)-(\\d+)(?:/\\d+|/\\*)?");

    private final ApiContext ctx;

    UploadRoutes(ApiContext ctx) {
        this.ctx = ctx;
    }

    void start(HttpRequest req, HttpResponse res) throws IOException {
        ApiContext.Target target = ctx.writableRepository(req, "pull", "push");
        RepositoryName repo = target.name();
        Optional<String> mount = req.query("mount").filter(s -> !s.isEmpty());
        Optional<String> from = req.query("from").filter(s -> !s.isEmpty());
        if (mount.isPresent() && from.isPresent() && mounted(req, res, target, mount.get(), from.get())) {
            return;
        }
        Optional<String> digestParam = req.query("digest").filter(s -> !s.isEmpty());
        if (digestParam.isPresent()) {
            Digest digest = ApiContext.digest(digestParam.get());
            String uuid = ctx.uploads().start(repo);
            long size;
            try {
                size = ctx.uploads().finish(repo, uuid, req.bodyChannel(), digest);
            } catch (RegistryException | IOException e) {
                ctx.uploads().cancel(repo, uuid);
                throw e;
            }
            created(req, res, target, digest, size);
            return;
        }
        String uuid = ctx.uploads().start(repo);
        progress(req, res, repo, uuid, 0, 202);
    }

    /** A cross-repository mount; false when the source does not have the blob (a plain upload starts then). */
    private boolean mounted(HttpRequest req, HttpResponse res, ApiContext.Target target, String mount, String from)
            throws IOException {
        Digest digest = ApiContext.digest(mount);
        RepositoryName source;
        try {
            source = RepositoryName.parse(from);
            ctx.access().authorize(req, java.util.List.of(dev.berth.registry.auth.Scope.repository(from, "pull")));
        } catch (RegistryException e) {
            if (e.code() == ErrorCode.NAME_INVALID) {
                return false;
            }
            throw e;
        }
        OptionalLong size = ctx.blobs().sizeIn(source, digest);
        if (size.isEmpty()) {
            return false;
        }
        ctx.blobs().link(target.name(), digest);
        ctx.emit(req, "mount", target, "application/octet-stream", digest, size.getAsLong(), Optional.empty(),
                ctx.urls().blob(req, target.name().value(), digest.toString()));
        res.header("Location", ctx.urls().blob(req, target.name().value(), digest.toString()));
        res.header("Docker-Content-Digest", digest.toString());
        res.empty(201);
        return true;
    }

    void status(HttpRequest req, HttpResponse res) throws IOException {
        RepositoryName repo = ctx.repository(req, "pull").name();
        String uuid = req.pathParam("uuid");
        Uploads.Status status = ctx.uploads().status(repo, uuid);
        progress(req, res, repo, uuid, status.size(), 204);
    }

    void patch(HttpRequest req, HttpResponse res) throws IOException {
        RepositoryName repo = ctx.writableRepository(req, "pull", "push").name();
        String uuid = req.pathParam("uuid");
        OptionalLong start = rangeStart(req, repo, uuid);
        long size = ctx.uploads().append(repo, uuid, req.bodyChannel(), start);
        progress(req, res, repo, uuid, size, 202);
    }

    void put(HttpRequest req, HttpResponse res) throws IOException {
        ApiContext.Target target = ctx.writableRepository(req, "pull", "push");
        RepositoryName repo = target.name();
        String uuid = req.pathParam("uuid");
        Digest digest = ApiContext.digest(req.query("digest").filter(s -> !s.isEmpty())
                .orElseThrow(() -> ErrorCode.DIGEST_INVALID.withMessage("digest missing", uuid)));
        OptionalLong start = rangeStart(req, repo, uuid);
        if (start.isPresent()) {
            ctx.uploads().append(repo, uuid, req.bodyChannel(), start);
        }
        long size = ctx.uploads().finish(repo, uuid,
                start.isPresent() ? Channels.newChannel(InputStream.nullInputStream()) : req.bodyChannel(), digest);
        created(req, res, target, digest, size);
    }

    void cancel(HttpRequest req, HttpResponse res) throws IOException {
        RepositoryName repo = ctx.writableRepository(req, "pull", "push").name();
        ctx.uploads().cancel(repo, req.pathParam("uuid"));
        res.empty(204);
    }

    private OptionalLong rangeStart(HttpRequest req, RepositoryName repo, String uuid) throws IOException {
        Optional<String> header = req.header("Content-Range");
        if (header.isEmpty()) {
            return OptionalLong.empty();
        }
        Matcher m = CONTENT_RANGE.matcher(header.get().strip());
        long start = m.matches() ? Long.parseLong(m.group(1)) : -1;
        long end = m.matches() ? Long.parseLong(m.group(2)) : -1;
        OptionalLong length = req.header("Content-Length").map(v -> OptionalLong.of(Long.parseLong(v.strip())))
                .orElse(OptionalLong.empty());
        if (start < 0 || end < start || (length.isPresent() && length.getAsLong() != end - start + 1)) {
            long size = ctx.uploads().status(repo, uuid).size();
            throw ErrorCode.RANGE_INVALID.withMessage("invalid content range", header.get())
                    .withHeaders(java.util.Map.of("Range", "0-" + Math.max(0, size - 1), "Docker-Upload-UUID", uuid));
        }
        return OptionalLong.of(start);
    }

    private void progress(HttpRequest req, HttpResponse res, RepositoryName repo, String uuid, long size, int status)
            throws IOException {
        res.header("Location", ctx.urls().upload(req, repo.value(), uuid));
        res.header("Range", "0-" + Math.max(0, size - 1));
        res.header("Docker-Upload-UUID", uuid);
        res.empty(status);
    }

    private void created(HttpRequest req, HttpResponse res, ApiContext.Target target, Digest digest, long size)
            throws IOException {
        String url = ctx.urls().blob(req, target.name().value(), digest.toString());
        ctx.emit(req, "push", target, "application/octet-stream", digest, size, Optional.empty(), url);
        res.header("Location", url);
        res.header("Docker-Content-Digest", digest.toString());
        res.empty(201);
    }
}
