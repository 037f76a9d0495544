package dev.berth.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An attached exec without a terminal, run as {@code runc exec} in the foreground: the process inherits
 * runc's stdio, which are pipes to berthd, and runc exits with its exit code. Nothing has to outlive
 * berthd for such an exec (its client is connected to berthd), so the monitor process conmon would add,
 * with its sockets and exit file, is skipped; it costs about as much as the exec itself.
 */
final class DirectExec implements ExecProcess {
    private static final long START_LIMIT_MILLIS = 60_000;
    private static final Pattern LOGRUS_MSG = Pattern.compile("msg=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private final Process runtime;
    private final int pid;
    private Attachment attachment;

    private DirectExec(Process runtime, int pid) {
        this.runtime = runtime;
        this.pid = pid;
        this.attachment = new PipeAttachment(runtime);
    }

    /**
     * Starts the exec and returns once its process runs (runc wrote its pid), or throws what runc said
     * when it could not start it.
     */
    static DirectExec start(List<String> runtimeArgv, String containerId, Path dir, Path processFile, boolean openStdin)
            throws IOException {
        Path pidFile = dir.resolve("pid");
        List<String> argv = new java.util.ArrayList<>(runtimeArgv);
        argv.addAll(List.of("exec", "--process", processFile.toString(), "--pid-file", pidFile.toString(), containerId));
        Process p = new ProcessBuilder(argv).start();
        if (!openStdin) {
            p.getOutputStream().close();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_LIMIT_MILLIS);
        try {
            while (true) {
                Optional<Integer> pid = readPid(pidFile);
                if (pid.isPresent()) {
                    return new DirectExec(p, pid.get());
                }
                if (!p.isAlive()) {
                    pid = readPid(pidFile);
                    if (pid.isPresent()) {
                        return new DirectExec(p, pid.get());
                    }
                    String said = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                    String message = runtimeMessage(said);
                    throw new RuntimeFailureException("runc exec in " + containerId + " failed: " + message, message);
                }
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IOException("runc exec in " + containerId + " did not start within " + START_LIMIT_MILLIS + " ms");
                }
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting an exec in " + containerId, e);
        }
    }

    /** runc logs as logrus: {@code time="…" level=error msg="exec failed: …"}; the message is what Docker shows. */
    static String runtimeMessage(String stderr) {
        Matcher m = LOGRUS_MSG.matcher(stderr);
        String last = null;
        while (m.find()) {
            last = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return last != null ? last : stderr;
    }

    private static Optional<Integer> readPid(Path pidFile) {
        try {
            String text = Files.readString(pidFile).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(text));
        } catch (IOException | NumberFormatException notYet) {
            return Optional.empty();
        }
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public synchronized Attachment attach() throws IOException {
        if (attachment == null) {
            throw new IOException("the attachment of exec pid " + pid + " was taken");
        }
        Attachment taken = attachment;
        attachment = null;
        return taken;
    }

    @Override
    public void resize(int rows, int cols) {
        // no terminal: nothing to size
    }

    @Override
    public Optional<Integer> exitCode() {
        return runtime.isAlive() ? Optional.empty() : Optional.of(runtime.exitValue());
    }

    @Override
    public int waitFor() throws InterruptedException {
        return runtime.waitFor();
    }

    /** The process's stdout and stderr pipes as tagged chunks, read by one thread each. */
    private static final class PipeAttachment implements Attachment {
        private static final Chunk END = new Chunk(0, new byte[0]);
        private final BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
        private final OutputStream stdin;
        private final Process process;
        private volatile boolean discard;
        private int open = 2;

        PipeAttachment(Process process) {
            this.process = process;
            this.stdin = process.getOutputStream();
            pump(process.getInputStream(), 1);
            pump(process.getErrorStream(), 2);
        }

        private void pump(InputStream in, int stream) {
            Thread.ofPlatform().daemon().name("exec-pipe-" + stream).start(() -> {
                byte[] buf = new byte[32 * 1024];
                try (in) {
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        if (n > 0 && !discard) {
                            chunks.add(new Chunk(stream, Arrays.copyOf(buf, n)));
                        }
                    }
                } catch (IOException closed) {
                    // the process ended or the attachment was closed
                }
                chunks.add(END);
            });
        }

        @Override
        public Chunk read() throws IOException {
            try {
                while (open > 0) {
                    Chunk c = chunks.take();
                    if (c != END) {
                        return c;
                    }
                    open--;
                }
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted reading exec output", e);
            }
        }

        @Override
        public void writeStdin(byte[] bytes, int offset, int length) throws IOException {
            stdin.write(bytes, offset, length);
            stdin.flush();
        }

        @Override
        public void closeStdin() throws IOException {
            stdin.close();
        }

        /**
         * The client is done: stdin ends, and output is drained and dropped from now on, so that the process
         * goes on as under conmon rather than dying of a closed pipe.
         */
        @Override
        public void close() throws IOException {
            discard = true;
            chunks.clear();
            stdin.close();
        }
    }
}
