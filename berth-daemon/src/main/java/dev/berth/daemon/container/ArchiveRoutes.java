package dev.berth.daemon.container;

import dev.berth.http.ApiException;
import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.http.Router;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The routes that read and write a container's files: {@code docker cp} (HEAD, GET and PUT
 * {@code /containers/{id}/archive?path=}), {@code docker export} and {@code docker diff}.
 */
public final class ArchiveRoutes {
    private final ContainerContext ctx;
    private final ContainerArchive archive;
    private final ContainerDiff diff;

    /** Built once at start, before any request: what a crash left mounted for these routes is cleared first. */
    public ArchiveRoutes(ContainerContext ctx) {
        ContainerMounts.clearDebris(ctx);
        this.ctx = ctx;
        this.archive = new ContainerArchive(ctx);
        this.diff = new ContainerDiff(ctx);
    }

    public void register(Router r) {
        r.route("HEAD", "/containers/{id}/archive", this::stat);
        r.route("GET", "/containers/{id}/archive", this::get);
        r.route("PUT", "/containers/{id}/archive", this::put);
        r.route("GET", "/containers/{id}/export", this::export);
        r.route("GET", "/containers/{id}/changes", this::changes);
    }

    private Container container(HttpRequest req) {
        return ctx.store().resolve(req.pathParam("id"));
    }

    private static String path(HttpRequest req) {
        return req.query("path").filter(p -> !p.isEmpty())
                .orElseThrow(() -> ApiException.invalidParameter("bad parameter: path cannot be empty"));
    }

    private void stat(HttpRequest req, HttpResponse res) throws IOException {
        Container c = container(req);
        PathStat stat = archive.stat(c, path(req), req.pathParam("id"));
        res.header(PathStat.HEADER, stat.header());
        res.empty(200);
    }

    private void get(HttpRequest req, HttpResponse res) throws IOException {
        Container c = container(req);
        archive.archive(c, path(req), req.pathParam("id"), stat -> {
            res.header(PathStat.HEADER, stat.header());
            return res.stream(200, "application/x-tar");
        });
    }

    private void put(HttpRequest req, HttpResponse res) throws IOException {
        Container c = container(req);
        archive.extract(c, path(req), req.pathParam("id"), req.body(), req.queryBool("noOverwriteDirNonDir", false),
                req.queryBool("copyUIDGID", false));
        res.empty(200);
    }

    private void export(HttpRequest req, HttpResponse res) throws IOException {
        Container c = container(req);
        try (OutputStream out = res.stream(200, "application/octet-stream")) {
            archive.export(c, out);
        }
    }

    private void changes(HttpRequest req, HttpResponse res) throws IOException {
        Container c = container(req);
        List<FileChange> changes = diff.changes(c.id());
        res.json(200, changes.isEmpty() ? null : changes);
    }
}
