package dev.berth.daemon.container;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.oci.OciJson;
import dev.berth.runtime.Attachment;
import dev.berth.runtime.ExecProcess;
import dev.berth.runtime.OciRuntime;
import dev.berth.runtime.RuntimeFailureException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one health check probe in a running container, as dockerd does: an exec (see {@link OciRuntime#exec}) of
 * the test with the container's own process settings, stdout and stderr together kept up to 4 KiB,
 * killed when it outlasts the timeout. Probes of one container run one after another, so they share
 * one exec id (the runtime's files of the previous probe are cleared when the next one starts).
 */
final class HealthProbe {
    static final int MAX_OUTPUT = 4096;
    private static final String EXEC_ID = "healthcheck";
    /** How long a probe killed for its timeout may take to go away before it is given up on. */
    private static final Duration REAP_LIMIT = Duration.ofSeconds(10);
    private final ContainerContext ctx;

    HealthProbe(ContainerContext ctx) {
        this.ctx = ctx;
    }

    HealthState.Result run(Container c, HealthSettings settings) throws InterruptedException {
        Instant start = Instant.now();
        ContainerRecord r = c.record();
        List<String> argv = settings.command(r.config().shell());
        String eventId = HexFormat.of().formatHex(randomBytes());
        Map<String, String> attrs = Map.of("execID", eventId);
        ExecProcess p;
        try {
            ctx.event(r, "exec_create: " + String.join(" ", argv), attrs);
            ctx.event(r, "exec_start: " + String.join(" ", argv), attrs);
            p = ctx.runtime(r).exec(r.id(), new OciRuntime.ExecRequest(EXEC_ID, process(r, argv), false, false, true));
        } catch (IOException | RuntimeException e) {
            return new HealthState.Result(start.toString(), Instant.now().toString(), -1, failureMessage(e));
        }
        LimitedOutput out = new LimitedOutput();
        CompletableFuture<Integer> exit = collect(p, out, r.id());
        try {
            int code = exit.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
            ctx.event(r, "exec_die", Map.of("execID", eventId, "exitCode", Integer.toString(code)));
            return new HealthState.Result(start.toString(), Instant.now().toString(), code, out.text());
        } catch (TimeoutException e) {
            if (p.pid() > 0) { // never 0: that would signal berthd's own process group
                ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
            }
            awaitQuietly(exit);
            String text = out.text();
            String message = "Health check exceeded timeout (" + GoDuration.format(settings.timeout()) + ")"
                    + (text.isEmpty() ? "" : ": " + text);
            return new HealthState.Result(start.toString(), Instant.now().toString(), -1, message);
        } catch (ExecutionException e) {
            return new HealthState.Result(start.toString(), Instant.now().toString(), -1, failureMessage(e.getCause()));
        }
    }

    /** What the runtime said when it could not start the probe (at exec, or, without conmon, on its output). */
    private static String failureMessage(Throwable e) {
        return e instanceof RuntimeFailureException rf ? rf.runtimeMessage() : e.getMessage();
    }

    /** The container's own OCI process (user, env, cwd, capabilities, rlimits) running the probe's argv. */
    private String process(ContainerRecord r, List<String> argv) throws IOException {
        ObjectNode p = (ObjectNode) OciJson.mapper()
                .readTree(Files.readAllBytes(ctx.runDir(r.id()).resolve("config.json"))).path("process").deepCopy();
        p.put("terminal", false);
        p.remove("consoleSize");
        ArrayNode args = p.putArray("args");
        argv.forEach(args::add);
        return OciJson.mapper().writeValueAsString(p);
    }

    /**
     * Reads the output, then the exit code; on a platform thread, because reading conmon's SEQPACKET
     * socket blocks in a native call that would pin a virtual thread's carrier.
     */
    private static CompletableFuture<Integer> collect(ExecProcess p, LimitedOutput out, String id) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("health-" + id.substring(0, 12)).start(() -> {
            try (Attachment a = p.attach()) {
                for (Attachment.Chunk chunk; (chunk = a.read()) != null; ) {
                    out.write(chunk.data());
                }
                exit.complete(p.waitFor());
            } catch (IOException | RuntimeException e) {
                exit.completeExceptionally(e);
            } catch (InterruptedException e) {
                exit.completeExceptionally(e);
                Thread.currentThread().interrupt();
            }
        });
        return exit;
    }

    private static void awaitQuietly(CompletableFuture<Integer> exit) throws InterruptedException {
        try {
            exit.get(REAP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the probe was killed; how it ended no longer matters
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    /** The first 4 KiB of the output, with dockerd's {@code ...} when there was more. */
    static final class LimitedOutput {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private boolean truncated;

        synchronized void write(byte[] data) {
            int keep = Math.min(MAX_OUTPUT - kept.size(), data.length);
            if (keep > 0) {
                kept.write(data, 0, keep);
            }
            truncated |= keep < data.length;
        }

        synchronized String text() {
            String s = kept.toString(StandardCharsets.UTF_8);
            return truncated ? s + "..." : s;
        }
    }
}
