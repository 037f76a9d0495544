package dev.berth.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.linux.Command;
import dev.berth.linux.CommandException;
import dev.berth.linux.CommandResult;
import dev.berth.runtime.spec.ContainerSpec.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * runc or crun driven through conmon. Everything it needs to find a container again lives on disk,
 * so a new instance over the same {@code root} (a restarted daemon) carries on where the last one
 * stopped:
 *
 * <ul>
 * <li>{@code root/state} is the runtime's {@code --root}: one per daemon, so two daemons never see
 *     each other's containers;</li>
 * <li>{@code root/containers/<id>} is a symlink to the container's state directory, where conmon
 *     keeps its pid files, exit file, attach socket link and OOM marker ({@link ConmonDirs}).</li>
 * </ul>
 *
 * Short runtime calls (start, kill, pause, resume, update, delete, state) go through {@link Command};
 * conmon itself is started by {@link ConmonLauncher}.
 */
public final class ConmonRuntime implements OciRuntime {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Pattern SIGNAL = Pattern.compile("(SIG)?[A-Z0-9+-]{1,16}|[0-9]{1,2}");
    private static final Duration CREATE_LIMIT = Duration.ofSeconds(60);
    private static final Duration CONMON_EXIT_LIMIT = Duration.ofSeconds(10);
    private static final Duration PAUSE_LIMIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path binary;
    private final Path runtimeRoot;
    private final Path index;
    private final List<String> runtimeArgs;
    private final ConmonLauncher launcher;
    /** Attached execs without a terminal are run by runc straight from this process, without conmon ({@link DirectExec}). */
    private final boolean directExec;

    /**
     * @param name        {@code runc}, {@code crun} or a daemon.json runtime's name
     * @param binary      the runtime's executable
     * @param conmon      conmon's executable
     * @param root        a directory of this runtime's under the daemon's exec-root
     * @param runtimeArgs global flags for every runtime call (before the subcommand)
     */
    public ConmonRuntime(String name, Path binary, Path conmon, Path root, List<String> runtimeArgs) throws IOException {
        this.name = name;
        this.binary = binary;
        this.runtimeRoot = root.resolve("state");
        this.index = root.resolve("containers");
        this.runtimeArgs = List.copyOf(runtimeArgs);
        this.launcher = new ConmonLauncher(conmon, ConmonLauncher.needsMask(binary));
        this.directExec = isRuntime(binary, "runc") && DirectExec.available(); // runc's exec and messages, as DirectExec expects
        Files.createDirectories(runtimeRoot);
        Files.createDirectories(index);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Created create(CreateRequest request) throws IOException {
        String id = checkId(request.id());
        ConmonDirs dirs = new ConmonDirs(request.stateDir(), id, id);
        dirs.prepare();
        Path link = index.resolve(id);
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, request.stateDir().toAbsolutePath());

        List<String> args = commonArgs(dirs, request.bundle());
        args.addAll(List.of("-l", "k8s-file:" + request.logPath().toAbsolutePath(),
                "--persist-dir", dirs.persistDir().toString()));
        if (request.terminal()) {
            args.add("-t");
        }
        if (request.openStdin()) {
            args.add("-i");
            if (!request.stdinOnce()) {
                args.add("--leave-stdin-open"); // one client's EOF must not end stdin for the next one
            }
        }
        try (ParentPipes pipes = ParentPipes.open(request.stateDir(), false)) {
            launcher.launch(args, pipes);
            SyncReply reply = pipes.awaitSync(CREATE_LIMIT);
            if (reply.failed()) {
                throw reply.failure(name + " create of " + id);
            }
            return new Created(reply.data(), dirs.conmonPid().orElse(0));
        } catch (IOException e) {
            Files.deleteIfExists(link); // nothing was created, so nothing is left to find
            throw e;
        }
    }

    @Override
    public void start(String id) throws IOException {
        run("start", checkId(id));
    }

    @Override
    public void kill(String id, String signal) throws IOException {
        if (!SIGNAL.matcher(signal).matches()) {
            throw new IllegalArgumentException("not a signal: '" + signal + "'");
        }
        run("kill", checkId(id), signal);
    }

    /**
     * Returns once the runtime reports the container paused: crun on cgroup v1 returns while the
     * freezer may still say FREEZING, and callers expect {@code docker pause} to have taken effect.
     */
    @Override
    public void pause(String id) throws IOException {
        run("pause", checkId(id));
        long deadline = System.nanoTime() + PAUSE_LIMIT.toNanos();
        while (!state(id).map(s -> s.status().equals("paused")).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new IOException(name + " paused " + id + " but it did not freeze within " + PAUSE_LIMIT);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + id + " to freeze", e);
            }
        }
    }

    @Override
    public void resume(String id) throws IOException {
        run("resume", checkId(id));
    }

    @Override
    public void update(String id, Resources resources) throws IOException {
        List<String> args = new ArrayList<>(List.of("update"));
        args.addAll(UpdateFlags.of(resources));
        args.add(checkId(id));
        run(args.toArray(String[]::new));
    }

    /** Force-deletes (a running container is killed), lets conmon record the exit, then removes conmon's files. */
    @Override
    public void delete(String id) throws IOException {
        ConmonDirs dirs = dirs(checkId(id));
        if (Files.isDirectory(runtimeRoot.resolve(id)) && !StoppedRuncState.remove(runtimeRoot.resolve(id))) {
            run("delete", "--force", id);
        }
        try {
            // conmon records the exit and leaves by itself once the container is gone; one that hangs on is killed.
            ConmonProcess.of(dirs.conmonPid()).stop(CONMON_EXIT_LIMIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for conmon of " + id + " to exit", e);
        }
        removeConmonFiles(dirs);
        Files.deleteIfExists(index.resolve(id));
    }

    @Override
    public Optional<RuntimeState> state(String id) throws IOException {
        if (!Files.isDirectory(runtimeRoot.resolve(checkId(id)))) {
            return Optional.empty();
        }
        CommandResult result = runtime("state", id).run();
        if (!result.succeeded()) {
            if (!Files.isDirectory(runtimeRoot.resolve(id))) {
                return Optional.empty(); // deleted between the check and the call
            }
            result.check();
        }
        JsonNode state = JSON.readTree(result.stdout());
        return Optional.of(new RuntimeState(state.path("status").asText(), state.path("pid").asInt()));
    }

    @Override
    public Optional<ExitStatus> exitStatus(String id) throws IOException {
        ConmonDirs dirs = dirs(checkId(id));
        Path exit = dirs.exitFile();
        if (!Files.exists(exit)) {
            return Optional.empty();
        }
        return Optional.of(new ExitStatus(readExitCode(exit), Files.exists(dirs.oomFile()),
                Files.getLastModifiedTime(exit).toInstant()));
    }

    @Override
    public Optional<ExitStatus> awaitExit(String id, long timeoutMillis) throws IOException, InterruptedException {
        ConmonDirs dirs = dirs(checkId(id));
        if (!ExitFileWatcher.await(dirs.exitFile(), timeoutMillis, dirs.conmonPid())) {
            return Optional.empty();
        }
        return exitStatus(id);
    }

    @Override
    public Attachment attach(String id) throws IOException {
        return ConmonAttachment.connect(dirs(checkId(id)).socketLink().resolve("attach"));
    }

    @Override
    public void resize(String id, int rows, int cols) throws IOException {
        ConmonDirs dirs = dirs(checkId(id));
        requireConmon(dirs);
        new ControlFifo(dirs.socketLink().resolve("ctl")).resize(rows, cols);
    }

    @Override
    public ExecProcess exec(String id, ExecRequest request) throws IOException {
        ConmonDirs container = dirs(checkId(id));
        String execId = checkId(request.execId());
        ConmonDirs dirs = new ConmonDirs(container.execDir(execId), id, execId);
        Files.createDirectories(dirs.root());
        Path processFile = dirs.root().resolve("process.json");
        Files.writeString(processFile, request.processJson());
        if (directExec && request.attach() && !request.terminal()) {
            Files.deleteIfExists(dirs.containerPidFile()); // a previous run's (health probes reuse their id)
            List<String> argv = new ArrayList<>(List.of(binary.toString()));
            argv.addAll(globalArgs());
            argv.addAll(List.of("exec", "--detach", "--process", processFile.toString(),
                    "--pid-file", dirs.containerPidFile().toString(), id));
            return DirectExec.start(argv, name + " exec in " + id, dirs.containerPidFile(), request.openStdin());
        }
        dirs.prepare();

        // The exec's directory stands in for a bundle: conmon puts the exec's attach socket and ctl there.
        List<String> args = commonArgs(dirs, dirs.root());
        args.addAll(List.of("-l", "none", "-e", "--exec-process-spec", processFile.toString()));
        if (request.terminal()) {
            args.add("-t");
        }
        if (request.openStdin()) {
            args.add("-i");
        }
        if (request.attach()) {
            args.add("--exec-attach");
        }
        try (ParentPipes pipes = ParentPipes.open(dirs.root(), request.attach())) {
            launcher.launch(args, pipes);
            ConmonAttachment attachment = request.attach() ? connectExec(pipes, dirs) : null;
            SyncReply reply = pipes.awaitSync(CREATE_LIMIT);
            if (reply.failed()) {
                if (attachment != null) {
                    attachment.close();
                }
                throw reply.failure(name + " exec in " + id);
            }
            return new ConmonExec(dirs, reply.data(), attachment);
        }
    }

    /**
     * Whether {@code binary} is the runtime {@code fileName} (runc, crun) by the file its path leads to, so a
     * daemon.json runtime of any name that points at it counts too.
     */
    static boolean isRuntime(Path binary, String fileName) {
        try {
            return binary.toRealPath().getFileName().toString().equals(fileName);
        } catch (IOException e) {
            return false;
        }
    }

    static int readExitCode(Path exitFile) throws IOException {
        String text = Files.readString(exitFile).strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IOException("exit file " + exitFile + " holds '" + text + "', not an exit code", e);
        }
    }

    private ConmonAttachment connectExec(ParentPipes pipes, ConmonDirs dirs) throws IOException {
        SyncReply ready = pipes.awaitAttachReady(CREATE_LIMIT);
        if (ready.failed()) {
            throw ready.failure("conmon's attach socket for exec " + dirs.cuuid());
        }
        ConmonAttachment attachment = ConmonAttachment.connect(dirs.root().resolve("attach"));
        pipes.releaseExec();
        return attachment;
    }

    private List<String> commonArgs(ConmonDirs dirs, Path bundle) {
        List<String> args = new ArrayList<>(List.of(
                "--api-version", "1",
                "-c", dirs.cid(), "-u", dirs.cuuid(), "-n", dirs.cid(),
                "-r", binary.toString(),
                "-b", bundle.toAbsolutePath().toString(),
                "-p", dirs.containerPidFile().toAbsolutePath().toString(),
                "-P", dirs.conmonPidFile().toAbsolutePath().toString(),
                "--exit-dir", dirs.exitDir().toAbsolutePath().toString(),
                "--socket-dir-path", dirs.socketDir().toAbsolutePath().toString(),
                "--log-level", "error"));
        for (String arg : globalArgs()) {
            args.add("--runtime-arg");
            args.add(arg);
        }
        return args;
    }

    private List<String> globalArgs() {
        List<String> args = new ArrayList<>();
        args.add("--root=" + runtimeRoot.toAbsolutePath());
        args.addAll(runtimeArgs);
        return args;
    }

    private Command runtime(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(binary.toString());
        argv.addAll(globalArgs());
        argv.addAll(List.of(args));
        return Command.of(argv);
    }

    private void run(String... args) throws CommandException {
        runtime(args).run().check();
    }

    private ConmonDirs dirs(String id) throws IOException {
        Path link = index.resolve(id);
        if (!Files.isSymbolicLink(link)) {
            throw new NoSuchFileException(link.toString(), null, "no container " + id + " known to " + name);
        }
        return new ConmonDirs(Files.readSymbolicLink(link), id, id);
    }

    private static void requireConmon(ConmonDirs dirs) throws IOException {
        if (!ConmonProcess.of(dirs.conmonPid()).running()) {
            throw new IOException("conmon of " + dirs.cid() + " is not running");
        }
    }

    private static void removeConmonFiles(ConmonDirs dirs) throws IOException {
        Path link = dirs.socketLink();
        if (Files.isSymbolicLink(link)) {
            Path bundle = Files.readSymbolicLink(link);
            for (String f : List.of("attach", "ctl", "winsz", "oom")) {
                Files.deleteIfExists(bundle.resolve(f));
            }
        }
        for (Path p : List.of(dirs.containerPidFile(), dirs.conmonPidFile())) {
            Files.deleteIfExists(p);
        }
        for (Path dir : List.of(dirs.exitDir(), dirs.socketDir(), dirs.persistDir(), dirs.root().resolve("execs"))) {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a container or exec id: '" + id + "'");
        }
        return id;
    }

    @Override
    public String toString() {
        return name + " (" + binary + ") via conmon, state in " + runtimeRoot;
    }

}
