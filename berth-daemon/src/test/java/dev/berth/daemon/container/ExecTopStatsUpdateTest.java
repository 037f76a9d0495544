package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.BusyboxDaemon;
import dev.berth.testkit.DockerCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stock docker CLI's exec, top, stats and update against a real berthd and one running container. */
@Tag("integration")
class ExecTopStatsUpdateTest {
    private static BusyboxDaemon daemon;
    private static DockerCli docker;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        daemon = BusyboxDaemon.start(tmp);
        docker = daemon.docker();
        docker.run("run", "-d", "--name", "box", "-e", "FROM_RUN=1", "-w", "/etc", "busybox", "sleep", "600").check();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            docker.run("rm", "-f", "box");
            daemon.close();
        }
    }

    @Test
    void exec_keeps_stdout_and_stderr_apart_and_returns_the_exit_code() {
        DockerCli.Result r = docker.run("exec", "box", "sh", "-c", "echo out; echo err >&2; exit 4");
        assertEquals(4, r.exitCode(), r.describe());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
    }

    @Test
    void exec_gets_the_container_env_workdir_and_its_own_overrides() {
        DockerCli.Result defaults = docker.run("exec", "box", "sh", "-c", "echo $FROM_RUN $PWD $(id -u)");
        assertEquals("1 /etc 0\n", defaults.stdout(), defaults.describe());
        DockerCli.Result own = docker.run("exec", "-e", "X=2", "-w", "/tmp", "-u", "nobody", "box", "sh", "-c",
                "echo $X $FROM_RUN $PWD $(id -u)");
        assertEquals("2 1 /tmp 65534\n", own.stdout(), own.describe());
    }

    @Test
    void exec_i_feeds_stdin_until_the_client_closes_it() {
        DockerCli.Result r = docker.runWithStdin("piped\nline2\n".getBytes(StandardCharsets.UTF_8),
                "exec", "-i", "box", "sh", "-c", "cat; echo done");
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("piped\nline2\ndone\n", r.stdout());
    }

    @Test
    void exec_d_runs_in_the_background() throws Exception {
        docker.run("exec", "-d", "box", "sh", "-c", "echo bg > /tmp/bg-done").check();
        String seen = "";
        for (int i = 0; i < 50 && !seen.equals("bg"); i++) {
            Thread.sleep(100);
            seen = docker.run("exec", "box", "cat", "/tmp/bg-done").stdout().strip();
        }
        assertEquals("bg", seen);
    }

    @Test
    void exec_t_gets_a_terminal_of_the_client_size() throws Exception {
        Process p = new ProcessBuilder("timeout", "-k", "5", "30", "script", "-qec",
                "stty rows 33 cols 101; docker -H " + daemon.berthd().host() + " exec -t box stty size", "/dev/null")
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(35, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("33 101"), out);
    }

    @Test
    void exec_into_a_stopped_container_is_a_conflict() {
        docker.run("create", "--name", "idle", "busybox", "true").check();
        try {
            DockerCli.Result r = docker.run("exec", "idle", "true");
            assertEquals(1, r.exitCode(), r.describe());
            assertTrue(r.stderr().matches("(?s).*Container [0-9a-f]{64} is not running.*"), r.stderr());
        } finally {
            docker.run("rm", "-f", "idle");
        }
    }

    @Test
    void top_lists_the_container_processes_only() {
        DockerCli.Result r = docker.run("top", "box");
        assertEquals(0, r.exitCode(), r.describe());
        List<String> lines = r.stdout().lines().toList();
        assertTrue(lines.getFirst().matches("UID\\s+PID\\s+PPID\\s+C\\s+STIME\\s+TTY\\s+TIME\\s+CMD"), lines.getFirst());
        assertEquals(2, lines.size(), r.stdout());
        assertTrue(lines.get(1).endsWith("sleep 600"), lines.get(1));
        DockerCli.Result custom = docker.run("top", "box", "-o", "pid,comm");
        assertEquals(List.of("PID", "COMMAND"), List.of(custom.stdout().lines().findFirst().orElseThrow().split("\\s+")));
        assertTrue(custom.stdout().lines().toList().get(1).endsWith("sleep"), custom.stdout());
    }

    @Test
    void stats_no_stream_shows_one_row_with_pids_and_memory() {
        DockerCli.Result r = docker.run("stats", "--no-stream", "--format",
                "{{.Name}} {{.PIDs}} {{.MemUsage}} {{.CPUPerc}}", "box");
        assertEquals(0, r.exitCode(), r.describe());
        String[] f = r.stdout().strip().split(" ");
        assertEquals("box", f[0], r.stdout());
        assertEquals("1", f[1], r.stdout());
        assertTrue(f[2].matches("[0-9.]+[KMG]i?B"), r.stdout());
        assertNotEquals("0B", f[2], r.stdout());
        assertTrue(f[5].endsWith("%"), r.stdout());
    }

    @Test
    void update_changes_the_limits_in_inspect_and_in_the_cgroup() throws Exception {
        docker.run("run", "-d", "--name", "limited", "busybox", "sleep", "600").check();
        try {
            docker.run("update", "--memory", "64m", "--cpus", "0.5", "--pids-limit", "50", "--restart", "on-failure:3",
                    "limited").check();
            assertEquals("67108864 500000000 50 on-failure 3", docker.run("inspect", "-f",
                    "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}} "
                            + "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}",
                    "limited").check().stdout().strip());
            int pid = Integer.parseInt(docker.run("inspect", "-f", "{{.State.Pid}}", "limited").check().stdout().strip());
            CgroupPaths cg = CgroupPaths.ofProcess(pid);
            if (cg.isV2()) {
                assertEquals("67108864", read(cg.v2().get(), "memory.max"));
                assertEquals("50000 100000", read(cg.v2().get(), "cpu.max"));
                assertEquals("50", read(cg.v2().get(), "pids.max"));
            } else {
                assertEquals("67108864", read(cg.dir("memory").orElseThrow(), "memory.limit_in_bytes"));
                assertEquals("50000", read(cg.dir("cpu").orElseThrow(), "cpu.cfs_quota_us"));
                assertEquals("50", read(cg.dir("pids").orElseThrow(), "pids.max"));
            }
            docker.run("update", "--pids-limit", "-1", "limited").check();
            assertEquals("max", read(cg.dir("pids").orElseThrow(), "pids.max"));
            DockerCli.Result conflict = docker.run("update", "--cpu-quota", "20000", "limited");
            assertEquals(1, conflict.exitCode(), conflict.describe());
            assertTrue(conflict.stderr().contains("CPU Quota cannot be updated as NanoCPUs has already been set"),
                    conflict.stderr());
        } finally {
            docker.run("rm", "-f", "limited");
        }
    }

    @Test
    void inspect_lists_running_execs() throws Exception {
        docker.run("run", "-d", "--name", "execs", "busybox", "sleep", "600").check();
        try {
            assertEquals("null", docker.run("inspect", "-f", "{{json .ExecIDs}}", "execs").check().stdout().strip());
            docker.run("exec", "-d", "execs", "sleep", "30").check();
            String ids = docker.run("inspect", "-f", "{{json .ExecIDs}}", "execs").check().stdout().strip();
            assertTrue(ids.matches("\\[\"[0-9a-f]{64}\"\\]"), ids);
        } finally {
            docker.run("rm", "-f", "execs");
        }
    }

    private static String read(Path dir, String file) throws IOException {
        return Files.readString(dir.resolve(file)).strip();
    }

    @Test
    void exec_start_without_upgrade_streams_frames_and_the_exit_code_is_set_when_it_closes() throws Exception {
        String id = jsonField(curl("-X", "POST", "-H", "Content-Type: application/json", "-d",
                "{\"containerId\":\"x\",\"AttachStdout\":true,\"AttachStderr\":true,\"Tty\":null,"
                        + "\"Cmd\":[\"sh\",\"-c\",\"echo out; echo err >&2; exit 3\"]}",
                "/v1.44/containers/box/exec"), "Id");
        byte[] stream = curlBytes("-X", "POST", "-H", "Content-Type: application/json", "-d",
                "{\"Detach\":null,\"Tty\":null}", "/v1.44/exec/" + id + "/start");
        byte[] expected = concat(frame(1, "out\n"), frame(2, "err\n"));
        assertEquals(new String(expected, StandardCharsets.ISO_8859_1), new String(stream, StandardCharsets.ISO_8859_1));
        var inspect = new com.fasterxml.jackson.databind.ObjectMapper().readTree(curl("/v1.44/exec/" + id + "/json"));
        assertEquals(3, inspect.get("ExitCode").asInt(), inspect.toString());
        assertEquals(false, inspect.get("Running").asBoolean());
        assertEquals("sh", inspect.path("ProcessConfig").path("entrypoint").asText());
        assertEquals(2, inspect.path("ProcessConfig").path("arguments").size());
        assertTrue(inspect.get("ContainerID").asText().matches("[0-9a-f]{64}"), inspect.toString());
        assertTrue(inspect.get("Pid").asInt() > 0, inspect.toString());
    }

    @Test
    void exec_into_a_paused_container_is_a_conflict() throws Exception {
        docker.run("run", "-d", "--name", "frozen", "busybox", "sleep", "600").check();
        try {
            docker.run("pause", "frozen").check();
            DockerCli.Result r = docker.run("exec", "frozen", "true");
            assertEquals(1, r.exitCode(), r.describe());
            assertTrue(r.stderr().contains("is paused, unpause the container before exec"), r.stderr());
        } finally {
            docker.run("rm", "-f", "frozen");
        }
    }

    @Test
    void stats_samples_twice_without_stream_and_streams_once_a_second() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var once = mapper.readTree(curl("/v1.41/containers/box/stats?stream=0"));
        assertTrue(once.path("precpu_stats").path("system_cpu_usage").asLong() > 0, once.toString());
        assertTrue(once.path("cpu_stats").path("system_cpu_usage").asLong()
                > once.path("precpu_stats").path("system_cpu_usage").asLong(), once.toString());
        assertTrue(once.path("memory_stats").path("usage").asLong() > 0, once.toString());
        assertEquals(1, once.path("pids_stats").path("current").asInt(), once.toString());
        assertEquals("/box", once.get("name").asText());
        String streamed = new String(curlBytes("--max-time", "2.5", "/v1.41/containers/box/stats"),
                StandardCharsets.UTF_8);
        List<String> objects = streamed.lines().filter(l -> !l.isBlank()).toList();
        assertTrue(objects.size() >= 2 && objects.size() <= 4, streamed);
        assertTrue(mapper.readTree(objects.get(1)).path("precpu_stats").path("cpu_usage").path("total_usage").asLong() > 0);
    }

    @Test
    void exec_of_a_missing_program_reports_the_runtime_error_with_126() {
        DockerCli.Result r = docker.run("exec", "box", "/nonexistent");
        assertEquals(126, r.exitCode(), r.describe());
        assertTrue(r.stdout().startsWith("OCI runtime exec failed: "), r.describe());
        assertTrue(r.stdout().contains("/nonexistent"), r.describe());
    }

    @Test
    void exec_publishes_create_start_and_die_events() {
        long since = System.currentTimeMillis() / 1000 - 1;
        docker.run("exec", "box", "sh", "-c", "exit 7");
        long until = System.currentTimeMillis() / 1000 + 1;
        DockerCli.Result events = docker.run("events", "--since", Long.toString(since), "--until", Long.toString(until),
                "--filter", "container=box", "--format", "{{.Action}} {{index .Actor.Attributes \"exitCode\"}}");
        List<String> actions = events.stdout().lines().map(String::strip).toList();
        assertTrue(actions.contains("exec_create: sh -c exit 7"), events.describe());
        assertTrue(actions.contains("exec_start: sh -c exit 7"), events.describe());
        assertTrue(actions.contains("exec_die 7"), events.describe());
    }

    @Test
    void exec_it_reads_terminal_input() throws Exception {
        Process p = new ProcessBuilder("timeout", "-k", "5", "30", "script", "-qec",
                "docker -H " + daemon.berthd().host() + " exec -it box sh -c 'read x; echo got-$x; exit 5'", "/dev/null")
                .redirectErrorStream(true).start();
        p.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(35, TimeUnit.SECONDS));
        assertTrue(out.contains("got-hello"), out);
        assertEquals(5, p.exitValue(), out);
    }

    private static byte[] frame(int stream, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[8 + data.length];
        out[0] = (byte) stream;
        out[7] = (byte) data.length;
        System.arraycopy(data, 0, out, 8, data.length);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String jsonField(String json, String field) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get(field).asText();
    }

    private static String curl(String... args) throws Exception {
        return new String(curlBytes(args), StandardCharsets.UTF_8);
    }

    /** curl over berthd's socket; the last argument is the path. Bounded by timeout, so a stuck stream fails the test. */
    private static byte[] curlBytes(String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("timeout", "-k", "5", "20", "curl", "-sS",
                "--unix-socket", daemon.berthd().socket().toString()));
        argv.addAll(List.of(args).subList(0, args.length - 1));
        argv.add("http://localhost" + args[args.length - 1]);
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(p.exitValue() == 0 || p.exitValue() == 28, "curl exited " + p.exitValue());
        return out;
    }
}
