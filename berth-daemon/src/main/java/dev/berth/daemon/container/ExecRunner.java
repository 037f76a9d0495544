package dev.berth.daemon.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.http.RawStream;
import dev.berth.oci.OciJson;
import dev.berth.oci.error.ConflictException;
import dev.berth.runtime.Attachment;
import dev.berth.runtime.ExecProcess;
import dev.berth.runtime.OciRuntime;
import dev.berth.runtime.RuntimeFailureException;
import dev.berth.runtime.spec.HostFacts;
import dev.berth.runtime.spec.UserResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs execs in running containers through the runtime. An attached exec copies the client's
 * stdin into the process until the client half-closes, and the process's output to the client
 * (framed unless it has a TTY); when the output ends it waits for the exit, records the code, and
 * only then lets the caller close the stream.
 */
final class ExecRunner {
    /** dockerd's code for an exec whose process could not be started. */
    private static final int START_FAILED = 126;
    private static final System.Logger LOG = dev.berth.daemon.config.Log.logger("berthd");
    private final ContainerContext ctx;

    ExecRunner(ContainerContext ctx) {
        this.ctx = ctx;
    }

    static void requireRunning(ContainerRecord r) {
        ContainerState s = r.state();
        if (!s.running()) {
            throw new ConflictException("Container " + r.id() + " is not running");
        }
        if (s.paused()) {
            throw new ConflictException("Container " + r.id() + " is paused, unpause the container before exec");
        }
        if (s.restarting()) {
            throw new ConflictException("Container " + r.id() + " is restarting, wait until the container is running");
        }
    }

    void startDetached(ExecInstance e, Optional<ExecConfig.ConsoleSize> size) throws IOException {
        Container c = ctx.store().resolve(e.containerId());
        requireRunning(c.record());
        e.claimStart();
        ExecProcess p = launch(c, e, size, false);
        Thread.ofVirtual().name("exec-wait-" + e.id().substring(0, 12)).start(() -> awaitExit(c, e, p));
    }

    /** Runs the exec with its stdio on {@code raw}; errors after the hijack go to the client as text, as dockerd does. */
    void runAttached(ExecInstance e, Optional<ExecConfig.ConsoleSize> size, RawStream raw) throws InterruptedException {
        ExecProcess p;
        Container c;
        try {
            c = ctx.store().resolve(e.containerId());
            requireRunning(c.record());
            e.claimStart();
            p = launch(c, e, size, true);
        } catch (IOException | RuntimeException failure) {
            tellClient(raw.out(), e.config().tty(), message(failure));
            return;
        }
        boolean clientStayed;
        try (Attachment a = p.attach()) {
            if (e.config().attachStdin()) {
                pumpStdin(raw.in(), a);
            }
            clientStayed = pumpOutput(a, raw.out(), e.config());
        } catch (RuntimeFailureException notStarted) {
            // an exec without conmon learns that the runtime could not start the process only as its output ends
            e.failed(START_FAILED);
            tellClient(raw.out(), e.config().tty(), message(notStarted));
            return;
        } catch (IOException gone) {
            clientStayed = false;
        }
        if (clientStayed) {
            awaitExit(c, e, p);
        } else {
            Thread.ofVirtual().name("exec-wait-" + e.id().substring(0, 12)).start(() -> awaitExit(c, e, p));
        }
    }

    private ExecProcess launch(Container c, ExecInstance e, Optional<ExecConfig.ConsoleSize> size, boolean attach)
            throws IOException {
        ContainerRecord r = c.record();
        ExecConfig cfg = e.config();
        try {
            String process = OciJson.mapper().writeValueAsString(processSpec(r, cfg, size));
            ctx.event(r, "exec_start: " + cfg.commandLine(), Map.of("execID", e.id()));
            OciRuntime runtime = ctx.runtime(r);
            ExecProcess p = runtime.exec(r.id(), new OciRuntime.ExecRequest(e.id(), process, cfg.tty(),
                    attach && cfg.attachStdin(), attach));
            e.started(p);
            return p;
        } catch (IOException | RuntimeException failure) {
            e.failed(START_FAILED);
            throw failure;
        }
    }

    private JsonNode processSpec(ContainerRecord r, ExecConfig cfg, Optional<ExecConfig.ConsoleSize> size)
            throws IOException {
        Path run = ctx.runDir(r.id());
        JsonNode containerProcess = OciJson.mapper().readTree(Files.readAllBytes(run.resolve("config.json")))
                .path("process");
        java.util.List<String> groupAdd = HostConfigView.of(r.hostConfig()).strings("GroupAdd");
        return ExecProcessSpec.of(containerProcess, r, cfg, size,
                user -> UserResolver.resolve(run.resolve("rootfs"), user, groupAdd),
                HostFacts.current().allCapabilities());
    }

    private static void pumpStdin(InputStream in, Attachment a) {
        Thread.ofVirtual().name("exec-in").start(() -> {
            byte[] buf = new byte[32 * 1024];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (n > 0) {
                        a.writeStdin(buf, 0, n);
                    }
                }
                a.closeStdin();
            } catch (IOException e) {
                // the client or the process went away; nothing more to forward
            }
        });
    }

    /**
     * Copies output until the process's output ends; on a platform thread, because reading conmon's
     * SEQPACKET socket blocks in a native call that would pin a virtual thread's carrier.
     *
     * @return false when the client went away first
     * @throws RuntimeFailureException when the runtime could not start the process after all
     */
    private static boolean pumpOutput(Attachment a, OutputStream out, ExecConfig cfg) throws IOException {
        AtomicBoolean clientGone = new AtomicBoolean();
        IOException[] failure = new IOException[1];
        Thread pump = Thread.ofPlatform().daemon().name("exec-out").start(() -> {
            try {
                for (Attachment.Chunk chunk; (chunk = a.read()) != null; ) {
                    if (chunk.stream() == StreamFrames.STDOUT ? !cfg.attachStdout() : !cfg.attachStderr()) {
                        continue;
                    }
                    if (!send(out, chunk, cfg.tty())) {
                        clientGone.set(true);
                        return;
                    }
                }
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        try {
            pump.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (failure[0] instanceof RuntimeFailureException notStarted) {
            throw notStarted;
        }
        if (failure[0] != null) {
            LOG.log(System.Logger.Level.DEBUG, "exec output ended: " + failure[0].getMessage());
        }
        return !clientGone.get();
    }

    private static boolean send(OutputStream out, Attachment.Chunk chunk, boolean tty) {
        try {
            if (tty) {
                out.write(chunk.data());
            } else {
                StreamFrames.write(out, chunk.stream(), chunk.data(), 0, chunk.data().length);
            }
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitExit(Container c, ExecInstance e, ExecProcess p) {
        int code;
        try {
            code = p.waitFor();
        } catch (IOException ex) {
            LOG.log(System.Logger.Level.WARNING, "lost the exit of exec " + e.id() + ": " + ex.getMessage());
            code = START_FAILED;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
        }
        e.exited(code);
        ctx.event(c.record(), "exec_die", Map.of("execID", e.id(), "exitCode", Integer.toString(code)));
    }

    private static String message(Exception failure) {
        if (failure instanceof RuntimeFailureException rf) {
            return "OCI runtime exec failed: " + logrusMessage(rf.runtimeMessage()) + ": unknown";
        }
        return failure.getMessage();
    }

    private static final java.util.regex.Pattern LOGRUS_MSG = java.util.regex.Pattern.compile("msg=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** runc logs as logrus ({@code time="…" level=error msg="exec failed: …"}); dockerd shows only the message. */
    static String logrusMessage(String text) {
        java.util.regex.Matcher m = LOGRUS_MSG.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return last != null ? last : text;
    }

    /** dockerd writes a start failure onto the exec's stdout, followed by CRLF. */
    private static void tellClient(OutputStream out, boolean tty, String message) {
        byte[] text = (message + "\r\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (tty) {
                out.write(text);
            } else {
                StreamFrames.write(out, StreamFrames.STDOUT, text, 0, text.length);
            }
            out.flush();
        } catch (IOException gone) {
            LOG.log(System.Logger.Level.DEBUG, "client left before the exec error: " + message);
        }
    }
}
