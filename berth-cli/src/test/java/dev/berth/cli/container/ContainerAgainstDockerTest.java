package dev.berth.cli.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.Berth;
import dev.berth.cli.InProcessBerth;
import dev.berth.cli.InProcessBerth.Run;
import dev.berth.testkit.BerthdProcess;
import dev.berth.testkit.BusyboxRootfs;
import dev.berth.testkit.DockerCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** berth's container and volume commands and the stock docker CLI against the same real berthd. */
@Tag("integration")
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ContainerAgainstDockerTest {
    private static final String IMAGE = "ct-busybox";
    private static BerthdProcess berthd;
    private static DockerCli docker;
    @TempDir
    static Path temp;

    @BeforeAll
    static void start() throws Exception {
        berthd = BerthdProcess.start();
        docker = new DockerCli(berthd.host(), Duration.ofSeconds(60));
        Path rootfs = temp.resolve("rootfs.tar");
        BusyboxRootfs.writeTar(rootfs);
        Run imported = berth(Files.readAllBytes(rootfs), "import", "-c", "CMD [\"sh\"]", "-", IMAGE + ":latest");
        assertEquals(0, imported.status(), imported.err());
    }

    @AfterAll
    static void stop() {
        if (docker != null) {
            docker.close();
        }
        if (berthd != null) {
            berthd.close();
        }
    }

    static Run berth(byte[] stdin, String... args) {
        return InProcessBerth.against(berthd.host(), stdin, Map.of(), args);
    }

    static Run berth(String... args) {
        return berth(new byte[0], args);
    }

    /** Same exit status and stdout from both CLIs. */
    static Run same(byte[] stdin, String... args) {
        Run ours = berth(stdin, args);
        DockerCli.Result theirs = docker.runWithStdin(stdin, args);
        String what = String.join(" ", args) + "\n" + theirs.describe() + "\nberth: " + ours;
        assertEquals(theirs.exitCode(), ours.status(), () -> "exit of " + what);
        assertEquals(theirs.stdout(), ours.out(), () -> "stdout of " + what);
        return ours;
    }

    @Test
    void run_rm_prints_output_like_docker() {
        Run run = same(new byte[0], "run", "--rm", IMAGE, "echo", "hi");
        assertEquals("hi\n", run.out());
    }

    @Test
    void run_t_copies_the_raw_tty_bytes() {
        Run run = same(new byte[0], "run", "--rm", "-t", IMAGE, "sh", "-c", "echo tty; echo err >&2");
        assertEquals("tty\r\nerr\r\n", run.out());
    }

    @Test
    void run_exits_with_the_containers_status() {
        Run run = same(new byte[0], "run", "--rm", IMAGE, "sh", "-c", "echo out; echo err >&2; exit 3");
        assertEquals(3, run.status());
        assertEquals("err\n", run.err());
    }

    @Test
    void run_of_a_missing_executable_exits_127() {
        Run run = same(new byte[0], "run", "--rm", IMAGE, "/nonexistent");
        assertEquals(127, run.status());
        assertTrue(run.err().startsWith("berth: Error response from daemon: "), run.err());
        assertTrue(run.err().endsWith("\n\nRun 'berth run --help' for more information\n"), run.err());
    }

    @Test
    void run_i_passes_stdin_and_its_end() {
        byte[] stdin = "line1\nline2\n".getBytes(StandardCharsets.UTF_8);
        Run run = same(stdin, "run", "-i", "--rm", IMAGE, "sh", "-c", "cat; echo done");
        assertEquals("line1\nline2\ndone\n", run.out());
    }

    @Test
    void run_d_ps_logs_stop_rm_work_together() {
        Run started = berth("run", "-d", "--name", "ct-daemon", "-e", "GREETING=hello", IMAGE, "sh", "-c", "echo $GREETING; sleep 60");
        assertEquals(0, started.status(), started.err());
        String id = started.out().strip();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        Run ps = berth("ps", "--format", "{{.ID}} {{.Names}} {{.Image}} {{.Command}} {{.State}}");
        assertTrue(ps.out().contains(id.substring(0, 12) + " ct-daemon " + IMAGE + " \"sh -c 'echo $GREETI…\" running"), ps.out());
        DockerCli.Result dockerPs = docker.run("ps", "--format", "{{.ID}} {{.Names}} {{.Image}} {{.Command}} {{.State}}");
        assertEquals(dockerPs.stdout(), ps.out());
        String table = berth("ps", "-a", "--no-trunc").out();
        assertTrue(table.startsWith("CONTAINER ID"), table);
        assertTrue(table.contains(id), table);
        waitForLogs("ct-daemon", "hello\n");
        same(new byte[0], "logs", "ct-daemon");
        same(new byte[0], "inspect", "-f", "{{.State.Status}} {{.Config.Env}}", "ct-daemon");
        Run stopped = berth("stop", "-t", "1", "ct-daemon");
        assertEquals(0, stopped.status(), stopped.err());
        assertEquals("ct-daemon\n", stopped.out());
        same(new byte[0], "ps", "-a", "-q", "--no-trunc", "--filter", "name=ct-daemon");
        Run removed = berth("rm", "ct-daemon");
        assertEquals("ct-daemon\n", removed.out(), removed.err());
        Run again = berth("rm", "ct-daemon");
        assertEquals(1, again.status());
        assertEquals("Error response from daemon: No such container: ct-daemon\n", again.err());
    }

    @Test
    void volume_create_ls_inspect_rm_match_docker() {
        Run created = berth("volume", "create", "--label", "owner=ct", "ct-vol");
        assertEquals("ct-vol\n", created.out(), created.err());
        same(new byte[0], "volume", "ls", "--filter", "name=ct-vol");
        same(new byte[0], "volume", "ls", "-q", "--filter", "label=owner=ct");
        same(new byte[0], "volume", "inspect", "-f", "{{.Name}} {{.Driver}} {{.Labels}}", "ct-vol");
        same(new byte[0], "volume", "inspect", "ct-vol");
        assertEquals("ct-vol\n", berth("volume", "rm", "ct-vol").out());
        Run missing = berth("volume", "rm", "ct-vol");
        assertEquals(1, missing.status());
        assertTrue(missing.err().startsWith("Error response from daemon: "), missing.err());
    }

    @Test
    void exec_runs_in_a_running_container_with_its_exit_code() {
        Run started = berth("run", "-d", "--name", "ct-exec", IMAGE, "sleep", "60");
        assertEquals(0, started.status(), started.err());
        try {
            Run four = same(new byte[0], "exec", "ct-exec", "sh", "-c", "echo in; exit 4");
            assertEquals(4, four.status());
            Run env = same(new byte[0], "exec", "-e", "X=1", "-w", "/tmp", "ct-exec", "sh", "-c", "echo $X $(pwd)");
            assertEquals("1 /tmp\n", env.out());
            byte[] stdin = "piped\n".getBytes(StandardCharsets.UTF_8);
            assertEquals("piped\n", same(stdin, "exec", "-i", "ct-exec", "cat").out());
        } finally {
            berth("rm", "-f", "ct-exec");
        }
    }

    @Test
    void lifecycle_commands_print_like_docker() {
        Run created = berth("create", "--name", "ct-life", IMAGE, "sleep", "60");
        assertEquals(0, created.status(), created.err());
        try {
            assertEquals("ct-life\n", berth("start", "ct-life").out());
            assertEquals("ct-life\n", berth("pause", "ct-life").out());
            same(new byte[0], "inspect", "--type", "container", "-f", "{{.State.Status}}", "ct-life");
            assertEquals("ct-life\n", berth("unpause", "ct-life").out());
            Run renamed = berth("rename", "ct-life", "ct-life2");
            assertEquals(0, renamed.status(), renamed.err());
            same(new byte[0], "container", "inspect", "-f", "{{.Name}} {{.State.Running}}", "ct-life2");
            same(new byte[0], "port", "ct-life2");
            assertEquals("ct-life2\n", berth("kill", "ct-life2").out());
            Run waited = berth("wait", "ct-life2");
            assertEquals("137\n", waited.out(), waited.err());
            Run again = berth("kill", "ct-life2");
            assertEquals(1, again.status());
            assertTrue(again.err().startsWith("Error response from daemon: "), again.err());
        } finally {
            berth("rm", "-f", "ct-life", "ct-life2");
        }
    }

    @Test
    void run_errors_match_dockers_stderr() {
        String[] args = {"run", "--rm", IMAGE, "/nonexistent"};
        Run ours = berth(args);
        DockerCli.Result theirs = docker.run(args);
        assertEquals(theirs.exitCode(), ours.status());
        assertEquals(withoutIds(theirs.stderr().replace("docker", "berth")), withoutIds(ours.err()));
        Run missingImage = berth("run", "--rm", "--pull", "never", "ct-nothing");
        DockerCli.Result dockerMissing = docker.run("run", "--rm", "--pull", "never", "ct-nothing");
        assertEquals(dockerMissing.exitCode(), missingImage.status());
        assertEquals(dockerMissing.stderr().replace("docker", "berth"), missingImage.err());
    }

    @Test
    void copy_diff_top_stats_update_commit_export_work_on_a_running_container() throws Exception {
        Run started = berth("run", "-d", "--name", "ct-files", IMAGE, "sh", "-c", "echo hello > /root/file.txt; sleep 60");
        assertEquals(0, started.status(), started.err());
        try {
            waitForExec("ct-files", "cat /root/file.txt", "hello\n");
            Path local = Files.writeString(temp.resolve("in.txt"), "from host\n");
            assertEquals(0, berth("cp", local.toString(), "ct-files:/root/").status());
            assertEquals(0, berth("cp", local.toString(), "ct-files:/root/renamed.txt").status());
            assertEquals("from host\nfrom host\n", berth("exec", "ct-files", "cat", "/root/in.txt", "/root/renamed.txt").out());
            Path back = temp.resolve("back.txt");
            assertEquals(0, berth("cp", "ct-files:/root/file.txt", back.toString()).status());
            assertEquals("hello\n", Files.readString(back));
            same(new byte[0], "diff", "ct-files");
            same(new byte[0], "top", "ct-files", "-o", "comm");
            String stats = berth("stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}", "ct-files").out();
            assertEquals(stats, docker.run("stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}", "ct-files").stdout());
            assertEquals("ct-files\n", berth("update", "-m", "64m", "ct-files").out());
            same(new byte[0], "inspect", "-f", "{{.HostConfig.Memory}}", "ct-files");
        } finally {
            berth("rm", "-f", "ct-files");
        }
    }

    @Test
    void commit_and_export_a_container() throws Exception {
        Run created = berth("create", "--name", "ct-commit", IMAGE, "true");
        assertEquals(0, created.status(), created.err());
        try {
            Path tar = temp.resolve("export.tar");
            Run exported = berth("export", "-o", tar.toString(), "ct-commit");
            assertEquals(0, exported.status(), exported.err());
            assertTrue(Files.size(tar) > 1024, "export size " + Files.size(tar));
            Run committed = berth("commit", "-m", "from berth", "-c", "ENV FROM_COMMIT=1", "ct-commit", "ct-committed:v1");
            assertTrue(committed.out().startsWith("sha256:"), committed.out() + committed.err());
            same(new byte[0], "inspect", "--type", "image", "-f", "{{.Comment}} {{.Config.Env}}", "ct-committed:v1");
        } finally {
            berth("rm", "-f", "ct-commit");
            berth("rmi", "ct-committed:v1");
        }
    }

    private static void waitForExec(String container, String script, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && !berth("exec", container, "sh", "-c", script).out().equals(expected)) {
            sleep();
        }
    }

    @Test
    void run_forwards_sigint_to_the_container_when_not_a_tty() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Berth.class.getName(), "-H", berthd.host(), "run", "--rm", "--name", "ct-signal",
                IMAGE, "sh", "-c", "trap 'echo trapped; exit 7' INT; while true; do sleep 0.1; done"));
        Process berthProcess = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && !berth("ps", "-q", "--filter", "name=ct-signal").out().strip().matches("[0-9a-f]{12}")) {
                sleep();
            }
            Thread.sleep(500);
            new ProcessBuilder("kill", "-INT", Long.toString(berthProcess.pid())).start().waitFor();
            assertTrue(berthProcess.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "berth did not end after SIGINT");
            assertEquals(7, berthProcess.exitValue());
            assertEquals("trapped\n", new String(berthProcess.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            berthProcess.destroyForcibly();
            berth("rm", "-f", "ct-signal");
        }
    }

    private static String withoutIds(String text) {
        return text.replaceAll("[0-9a-f]{64}", "ID");
    }

    private static void waitForLogs(String name, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && !berth("logs", name).out().equals(expected)) {
            sleep();
        }
        assertEquals(expected, berth("logs", name).out());
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
