package dev.berth.daemon.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.http.RawStream;
import dev.berth.http.Router;
import dev.berth.oci.error.ConflictException;
import dev.berth.runtime.ExecProcess;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Docker's exec API: {@code POST /containers/{id}/exec} creates an exec, {@code POST /exec/{id}/start}
 * runs it (hijacked with {@code Upgrade: tcp}, a raw 200 stream without, or detached), {@code GET
 * /exec/{id}/json} inspects it and {@code POST /exec/{id}/resize} sizes its terminal.
 */
public final class ExecRoutes {
    private static final long RESIZE_WAIT_MILLIS = 10_000;
    private final ContainerContext ctx;
    private final ExecStore execs;
    private final ExecRunner runner;

    public ExecRoutes(ContainerContext ctx) {
        this.ctx = ctx;
        this.execs = ExecStore.of(ctx);
        this.runner = new ExecRunner(ctx);
    }

    public void register(Router r) {
        r.route("POST", "/containers/{id}/exec", this::create);
        r.route("POST", "/exec/{id}/start", this::start);
        r.route("GET", "/exec/{id}/json", this::inspect);
        r.route("POST", "/exec/{id}/resize", this::resize);
    }

    private void create(HttpRequest req, HttpResponse res) throws IOException {
        Container c = ctx.store().resolve(req.pathParam("id"));
        ExecConfig config = ExecConfig.parse(req.jsonTree());
        ExecRunner.requireRunning(c.record());
        ExecInstance e = execs.create(c.id(), config);
        ctx.event(c.record(), "exec_create: " + config.commandLine(), Map.of("execID", e.id()));
        res.json(201, Map.of("Id", e.id()));
    }

    private void start(HttpRequest req, HttpResponse res) throws Exception {
        ExecInstance e = execs.resolve(req.pathParam("id"));
        JsonNode body = req.jsonTree();
        boolean detach = body.path("Detach").asBoolean(false);
        Optional<ExecConfig.ConsoleSize> size = ExecConfig.ConsoleSize.parse(body.get("ConsoleSize"))
                .or(() -> e.config().consoleSize());
        if (detach) {
            runner.startDetached(e, size);
            res.empty(200);
            return;
        }
        boolean tty = e.config().tty();
        String type = tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream";
        RawStream raw = req.isUpgrade() ? res.upgrade(Map.of("Content-Type", type)) : res.rawStream(200, type);
        try {
            runner.runAttached(e, size, raw);
        } finally {
            raw.close();
        }
    }

    private void inspect(HttpRequest req, HttpResponse res) throws IOException {
        ExecInstance e = execs.resolve(req.pathParam("id"));
        ExecConfig c = e.config();
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("tty", c.tty());
        process.put("entrypoint", c.cmd().getFirst());
        process.put("arguments", c.cmd().subList(1, c.cmd().size()));
        process.put("privileged", c.privileged());
        if (!c.user().isEmpty()) {
            process.put("user", c.user());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", e.id());
        m.put("Running", e.running());
        m.put("ExitCode", e.exitCode().orElse(null));
        m.put("ProcessConfig", process);
        m.put("OpenStdin", c.attachStdin());
        m.put("OpenStderr", c.attachStderr());
        m.put("OpenStdout", c.attachStdout());
        m.put("CanRemove", false);
        m.put("ContainerID", e.containerId());
        m.put("DetachKeys", c.detachKeys());
        m.put("Pid", e.pid());
        res.json(200, m);
    }

    private void resize(HttpRequest req, HttpResponse res) throws Exception {
        ExecInstance e = execs.resolve(req.pathParam("id"));
        int rows = req.queryInt("h", 0);
        int cols = req.queryInt("w", 0);
        Optional<ExecProcess> p = e.awaitProcess(RESIZE_WAIT_MILLIS);
        if (p.isEmpty()) {
            throw new ConflictException("Exec " + e.id() + " is not running");
        }
        if (e.config().tty() && e.running() && rows > 0 && cols > 0) {
            p.get().resize(rows, cols);
        }
        res.empty(200);
    }
}
