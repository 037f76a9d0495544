package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.OciRuntime.CreateRequest;
import dev.berth.runtime.OciRuntime.ExecRequest;
import dev.berth.runtime.OciRuntime.ExitStatus;
import dev.berth.runtime.spec.ContainerSpec.Resources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link OciRuntime} must do, run against real conmon and a real runtime on busybox
 * bundles. Subclasses say which runtime; each test cleans up its containers (runtime state,
 * cgroups, conmon) even when it fails.
 */
@Tag("integration")
abstract class OciRuntimeContract {
    private static final long WAIT_MILLIS = 20_000;

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    private static Path rootfs;
    private OciRuntime runtime;
    private final List<String> ids = new ArrayList<>();

    /** The runtime under test, over {@code root} (a fresh one per call: a "restarted daemon"). */
    abstract OciRuntime runtime(Path root) throws IOException;

    /** What a terminal exec runs to print its size, as a JSON array. */
    String ttySizeCommand() {
        return "[\"stty\", \"size\"]";
    }

    @BeforeAll
    static void makeRootfs() throws IOException {
        rootfs = BusyboxBundle.rootfs(shared.resolve("rootfs"));
    }

    @BeforeEach
    void makeRuntime() throws IOException {
        runtime = runtime(tmp.resolve("rt"));
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String id : ids) {
            try {
                runtime.delete(id);
            } catch (IOException e) {
                // already gone; the checks below say whether anything stayed
            }
            assertEquals(Optional.empty(), runtime.state(id), "runtime state left for " + id);
        }
    }

    @Test
    void separates_stdout_from_stderr_and_records_the_exit_code() throws Exception {
        CreateRequest req = request(false, false, "sh", "-c", "echo out; echo err >&2; exit 3");
        runtime.create(req);
        try (Attachment a = runtime.attach(req.id())) {
            runtime.start(req.id());
            Output out = Output.readAll(a);
            assertEquals("out\n", out.stdout());
            assertEquals("err\n", out.stderr());
        }
        ExitStatus exit = runtime.awaitExit(req.id(), WAIT_MILLIS).orElseThrow();
        assertEquals(3, exit.code());
        assertFalse(exit.oomKilled());
    }

    @Test
    void writes_k8s_file_log_lines() throws Exception {
        CreateRequest req = request(false, false, "sh", "-c", "echo out; echo err >&2");
        runtime.create(req);
        runtime.start(req.id());
        assertEquals(0, runtime.awaitExit(req.id(), WAIT_MILLIS).orElseThrow().code());
        List<String> lines = Files.readAllLines(req.logPath());
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+[+-]\\d\\d:\\d\\d stdout F out")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.endsWith(" stderr F err")), lines.toString());
    }

    @Test
    void passes_stdin_through_the_attachment_until_eof() throws Exception {
        CreateRequest req = request(false, true, "cat");
        runtime.create(req);
        try (Attachment a = runtime.attach(req.id())) {
            runtime.start(req.id());
            byte[] input = "hello\nworld\n".getBytes(StandardCharsets.UTF_8);
            a.writeStdin(input, 0, input.length);
            a.closeStdin();
            assertEquals("hello\nworld\n", Output.readAll(a).stdout());
        }
        assertEquals(0, runtime.awaitExit(req.id(), WAIT_MILLIS).orElseThrow().code());
    }

    @Test
    void resizes_the_terminal_of_a_tty_container() throws Exception {
        CreateRequest req = request(true, true, "sh", "-c", "while read line; do stty size; done");
        runtime.create(req);
        try (Attachment a = runtime.attach(req.id())) {
            runtime.start(req.id());
            runtime.resize(req.id(), 41, 123);
            assertTrue(promptUntil(a, "41 123"), "stty never reported 41 123");
        }
        runtime.kill(req.id(), "KILL");
        assertEquals(137, runtime.awaitExit(req.id(), WAIT_MILLIS).orElseThrow().code());
    }

    @Test
    void kills_with_term_and_with_kill() throws Exception {
        CreateRequest trapping = request(false, false, "sh", "-c", "trap 'exit 7' TERM; while true; do sleep 0.05; done");
        CreateRequest sleeping = request(false, false, "sleep", "100");
        runtime.create(trapping);
        runtime.create(sleeping);
        runtime.start(trapping.id());
        runtime.start(sleeping.id());
        Thread.sleep(200); // let the shell install its trap
        runtime.kill(trapping.id(), "TERM");
        runtime.kill(sleeping.id(), "SIGKILL");
        assertEquals(7, runtime.awaitExit(trapping.id(), WAIT_MILLIS).orElseThrow().code());
        assertEquals(137, runtime.awaitExit(sleeping.id(), WAIT_MILLIS).orElseThrow().code());
        assertEquals("stopped", runtime.state(sleeping.id()).orElseThrow().status());
    }

    @Test
    void pauses_and_resumes() throws Exception {
        CreateRequest req = request(false, false, "sleep", "100");
        OciRuntime.Created created = runtime.create(req);
        assertEquals(new OciRuntime.RuntimeState("created", created.pid()), runtime.state(req.id()).orElseThrow());
        runtime.start(req.id());
        runtime.pause(req.id());
        assertEquals("paused", runtime.state(req.id()).orElseThrow().status());
        runtime.resume(req.id());
        assertEquals("running", runtime.state(req.id()).orElseThrow().status());
        assertEquals(Optional.empty(), runtime.exitStatus(req.id()));
    }

    @Test
    void updates_the_memory_limit() throws Exception {
        CreateRequest req = request(false, false, "sleep", "100");
        int pid = runtime.create(req).pid();
        runtime.start(req.id());
        long limit = 48L << 20;
        runtime.update(req.id(), new Resources(limit, -1, 0, 0, 0, 0, 0, "", "", 0, 0));
        assertEquals(limit, memoryLimit(pid));
    }

    @Test
    void runs_an_exec_with_its_output_and_exit_code() throws Exception {
        CreateRequest req = request(false, false, "sleep", "100");
        runtime.create(req);
        runtime.start(req.id());
        ExecProcess exec = runtime.exec(req.id(), new ExecRequest("exec1",
                BusyboxBundle.process(false, "sh", "-c", "echo in-exec; echo oops >&2; exit 5"), false, false, true));
        try (Attachment a = exec.attach()) {
            Output out = Output.readAll(a);
            assertEquals("in-exec\n", out.stdout());
            assertEquals("oops\n", out.stderr());
        }
        assertTrue(exec.pid() > 0, "the pid of a process that has run is known");
        assertEquals(5, exec.waitFor());
        assertEquals(Optional.of(5), exec.exitCode());
    }

    @Test
    void keeps_the_order_of_an_execs_output_across_stdout_and_stderr() throws Exception {
        CreateRequest req = request(false, false, "sleep", "100");
        runtime.create(req);
        runtime.start(req.id());
        ExecProcess exec = runtime.exec(req.id(), new ExecRequest("exec5", BusyboxBundle.process(false, "sh", "-c",
                "echo 1; sleep 0.05; echo 2 >&2; sleep 0.05; echo 3; sleep 0.05; echo 4 >&2"), false, false, true));
        List<String> seen = new ArrayList<>();
        try (Attachment a = exec.attach()) {
            for (Attachment.Chunk c; (c = a.read()) != null; ) {
                seen.add(c.stream() + ":" + new String(c.data(), StandardCharsets.UTF_8).strip());
            }
        }
        assertEquals(List.of("1:1", "2:2", "1:3", "2:4"), seen);
        assertEquals(0, exec.waitFor());
    }

    @Test
    void an_exec_whose_client_leaves_goes_on_to_its_exit() throws Exception {
        CreateRequest req = request(false, false, "sleep", "100");
        runtime.create(req);
        runtime.start(req.id());
        ExecProcess exec = runtime.exec(req.id(), new ExecRequest("exec6", BusyboxBundle.process(false, "sh", "-c",
                "echo started; sleep 0.3; seq 1 20000; exit 7"), false, false, true));
        try (Attachment a = exec.attach()) {
            assertEquals("started\n", new String(a.read().data(), StandardCharsets.UTF_8));
        }
        assertEquals(7, exec.waitFor(), "output written after the client left does not end the process");
    }

    @Test
    void gives_a_tty_exec_its_console_size() throws Exception {
        CreateRequest req = request(false, false, "sleep", "100");
        runtime.create(req);
        runtime.start(req.id());
        String process = """
                {"terminal": true, "consoleSize": {"height": 30, "width": 90}, "user": {"uid": 0, "gid": 0},
                 "args": %s, "env": ["PATH=/bin", "TERM=xterm"], "cwd": "/"}""".formatted(ttySizeCommand());
        ExecProcess exec = runtime.exec(req.id(), new ExecRequest("exec4", process, true, false, true));
        try (Attachment a = exec.attach()) {
            assertEquals("30 90", Output.readAll(a).stdout().strip());
        }
        assertEquals(0, exec.waitFor());
    }

    @Test
    void feeds_stdin_to_an_exec() throws Exception {
        CreateRequest req = request(false, false, "sleep", "100");
        runtime.create(req);
        runtime.start(req.id());
        ExecProcess exec = runtime.exec(req.id(), new ExecRequest("exec2", BusyboxBundle.process(false, "cat"), false, true, true));
        try (Attachment a = exec.attach()) {
            byte[] in = "piped\n".getBytes(StandardCharsets.UTF_8);
            a.writeStdin(in, 0, in.length);
            a.closeStdin();
            assertEquals("piped\n", Output.readAll(a).stdout());
        }
        assertEquals(0, exec.waitFor());
    }

    @Test
    void reports_the_runtime_message_for_a_missing_exec_binary() throws Exception {
        CreateRequest req = request(false, false, "sleep", "100");
        runtime.create(req);
        runtime.start(req.id());
        ExecRequest bad = new ExecRequest("exec3", BusyboxBundle.process(false, "/nonexistent"), false, false, true);
        // under conmon the exec call fails; without conmon the attachment does, before any output
        RuntimeFailureException e = assertThrows(RuntimeFailureException.class, () -> {
            try (Attachment a = runtime.exec(req.id(), bad).attach()) {
                a.read();
            }
        });
        assertTrue(e.runtimeMessage().contains("/nonexistent"), e.getMessage());
        assertTrue(e.runtimeMessage().toLowerCase().contains("no such file or directory"), e.getMessage());
    }

    @Test
    void a_new_instance_finds_a_running_container_and_its_later_exit() throws Exception {
        CreateRequest req = request(false, false, "sleep", "100");
        int pid = runtime.create(req).pid();
        runtime.start(req.id());
        OciRuntime restarted = runtime(tmp.resolve("rt"));
        assertEquals(new OciRuntime.RuntimeState("running", pid), restarted.state(req.id()).orElseThrow());
        assertEquals(Optional.empty(), restarted.exitStatus(req.id()));
        restarted.kill(req.id(), "KILL");
        assertEquals(137, restarted.awaitExit(req.id(), WAIT_MILLIS).orElseThrow().code());
    }

    @Test
    void reads_an_exit_that_happened_while_no_instance_existed() throws Exception {
        CreateRequest req = request(false, false, "sh", "-c", "sleep 0.2; exit 4");
        runtime.create(req);
        runtime.start(req.id());
        runtime = null; // the "daemon" is gone while the container exits
        Path exitFile = req.stateDir().resolve("exits").resolve(req.id());
        for (int i = 0; i < 200 && !Files.exists(exitFile); i++) {
            Thread.sleep(50);
        }
        runtime = runtime(tmp.resolve("rt"));
        assertEquals(4, runtime.exitStatus(req.id()).orElseThrow().code());
    }

    @Test
    void reports_the_runtime_message_for_a_missing_binary() throws Exception {
        CreateRequest req = request(false, false, "/nonexistent");
        RuntimeFailureException e = assertThrows(RuntimeFailureException.class, () -> runtime.create(req));
        assertTrue(e.runtimeMessage().contains("/nonexistent"), e.getMessage());
        assertTrue(e.runtimeMessage().toLowerCase().contains("no such file or directory"), e.getMessage());
    }

    @Test
    void delete_leaves_no_process_or_state_behind() throws Exception {
        CreateRequest req = request(false, false, "sleep", "100");
        OciRuntime.Created created = runtime.create(req);
        runtime.start(req.id());
        runtime.delete(req.id());
        assertEquals(Optional.empty(), runtime.state(req.id()));
        assertFalse(new ConmonProcess(created.conmonPid()).running(), "conmon still runs");
        assertFalse(runsOrSleeps(created.pid()), "container still runs");
        assertFalse(Files.exists(req.bundle().resolve("attach")));
        ids.remove(req.id());
    }

    @Test
    void delete_of_an_exited_container_removes_its_cgroups_and_state() throws Exception {
        CreateRequest req = request(false, false, "sleep", "100");
        OciRuntime.Created created = runtime.create(req);
        List<Path> cgroups = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + created.pid() + "/cgroup"))) {
            String[] f = line.split(":", 3);
            String controller = f[1].isEmpty() ? "unified" : f[1].replace("name=", "");
            Path dir = Path.of("/sys/fs/cgroup", controller.split(",")[0], f[2]);
            if (Files.isDirectory(dir) && !f[2].equals("/")) {
                cgroups.add(dir);
            }
        }
        assertFalse(cgroups.isEmpty(), "the container has cgroups of its own");
        runtime.start(req.id());
        runtime.kill(req.id(), "KILL");
        for (int i = 0; i < 200 && runtime.exitStatus(req.id()).isEmpty(); i++) {
            Thread.sleep(50);
        }
        runtime.delete(req.id());
        assertEquals(Optional.empty(), runtime.state(req.id()));
        for (Path cg : cgroups) {
            assertFalse(Files.exists(cg), cg + " is left");
        }
        ids.remove(req.id());
    }

    private CreateRequest request(boolean tty, boolean stdin, String... args) throws IOException {
        String id = "berth-t-" + UUID.randomUUID().toString().substring(0, 8);
        ids.add(id);
        Path bundle = BusyboxBundle.bundle(tmp.resolve("b-" + id), rootfs, tty, args);
        Path state = Files.createDirectories(tmp.resolve("s-" + id));
        return new CreateRequest(id, bundle, state, state.resolve("ctr.log"), tty, stdin, true);
    }

    /** Sends lines until the terminal's output shows {@code expected}: the resize travels apart from stdin. */
    private static boolean promptUntil(Attachment a, String expected) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                for (Attachment.Chunk c; (c = a.read()) != null; ) {
                    synchronized (seen) {
                        seen.write(c.data());
                    }
                }
            } catch (IOException e) {
                // the attachment closes when the test is done
            }
        });
        byte[] line = "x\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 50; i++) {
            a.writeStdin(line, 0, line.length);
            TimeUnit.MILLISECONDS.sleep(100);
            synchronized (seen) {
                if (seen.toString(StandardCharsets.UTF_8).contains(expected)) {
                    return true;
                }
            }
        }
        reader.interrupt();
        return false;
    }

    /** True unless the pid is gone or a zombie waiting for its reaper. */
    private static boolean runsOrSleeps(int pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text = Files.readString(stat);
        return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    }

    private static long memoryLimit(int pid) throws IOException {
        String line = Files.readAllLines(Path.of("/proc/" + pid + "/cgroup")).stream()
                .filter(l -> l.matches("\\d+:([^:]*,)?memory(,[^:]*)?:.*")).findFirst().orElseThrow();
        String cgroup = line.substring(line.lastIndexOf(':') + 1);
        return Long.parseLong(Files.readString(Path.of("/sys/fs/cgroup/memory" + cgroup, "memory.limit_in_bytes")).strip());
    }

    /** Everything an attachment delivered until conmon closed it, split by stream. */
    record Output(String stdout, String stderr) {
        static Output readAll(Attachment a) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            for (Attachment.Chunk c; (c = a.read()) != null; ) {
                (c.stream() == 1 ? out : err).write(c.data());
            }
            return new Output(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
