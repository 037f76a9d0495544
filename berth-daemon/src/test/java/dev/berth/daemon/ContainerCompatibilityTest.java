package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.BusyboxDaemon;
import dev.berth.testkit.DockerCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stock docker CLI runs containers on a real berthd: lifecycle, stdio, logs, exit codes, errors. */
@Tag("integration")
class ContainerCompatibilityTest {
    private static BusyboxDaemon daemon;
    private static DockerCli docker;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        daemon = BusyboxDaemon.start(tmp);
        docker = daemon.docker();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void run_rm_keeps_stdout_and_stderr_apart_and_returns_the_exit_code() {
        DockerCli.Result r = docker.run("run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertEquals(3, r.exitCode(), r.describe());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
    }

    @Test
    void run_i_passes_stdin_through_and_closes_it() {
        DockerCli.Result r = docker.runWithStdin("line1\nline2\n".getBytes(StandardCharsets.UTF_8),
                "run", "--rm", "-i", "busybox", "sh", "-c", "cat; echo done");
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("line1\nline2\ndone\n", r.stdout());
    }

    @Test
    void the_container_is_pid_1_with_the_short_id_as_hostname() {
        DockerCli.Result r = docker.run("run", "--name", "iso", "busybox", "sh", "-c", "echo $$; hostname");
        try {
            assertEquals(0, r.exitCode(), r.describe());
            String id = docker.run("inspect", "-f", "{{.Id}}", "iso").check().stdout().strip();
            assertEquals(java.util.List.of("1", id.substring(0, 12)), r.stdout().lines().toList());
            docker.run("start", "iso").check();
            String pid = docker.run("inspect", "-f", "{{.State.Pid}}", "iso").check().stdout().strip();
            assertTrue(Integer.parseInt(pid) >= 0);
        } finally {
            docker.run("rm", "-f", "iso");
        }
    }

    @Test
    void detached_container_logs_stop_and_states() throws Exception {
        String id = docker.run("run", "-d", "--name", "ticker", "busybox", "sh", "-c",
                "i=0; while true; do echo tick $i; echo warn >&2; i=$((i+1)); sleep 0.2; done").check().stdout().strip();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        Thread.sleep(1000);
        assertEquals("running", docker.run("inspect", "-f", "{{.State.Status}}", "ticker").check().stdout().strip());
        assertTrue(docker.run("ps").check().stdout().contains("ticker"));
        DockerCli.Result logs = docker.run("logs", "--tail", "4", "ticker");
        assertEquals(2, logs.stdout().lines().filter(l -> l.startsWith("tick ")).count(), logs.describe());
        assertEquals(2, logs.stderr().lines().filter(l -> l.equals("warn")).count(), logs.describe());
        assertTrue(docker.run("logs", "-t", "ticker").check().stdout().lines().findFirst().orElse("")
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z tick 0"));
        long t0 = System.nanoTime();
        assertEquals("ticker", docker.run("stop", "-t", "1", "ticker").check().stdout().strip());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 5000);
        assertEquals("exited 137", docker.run("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "ticker")
                .check().stdout().strip());
        assertTrue(docker.run("ps", "-a", "--filter", "status=exited").check().stdout().contains("ticker"));
        assertEquals("ticker", docker.run("stop", "ticker").check().stdout().strip(), "already stopped is not an error");
        docker.run("rm", "ticker").check();
        assertFalse(docker.run("ps", "-a").check().stdout().contains("ticker"));
    }

    /** As dockerd: {@code -t 0} is SIGKILL right after the stop signal, {@code -t -1} waits for as long as it takes. */
    @Test
    void stop_t_0_kills_at_once_and_stop_t_minus_1_waits() throws Exception {
        // sh as pid 1 with no TERM trap ignores SIGTERM: only SIGKILL ends it
        docker.run("run", "-d", "--name", "deaf", "busybox", "sh", "-c", "while true; do sleep 0.1; done").check();
        docker.run("run", "-d", "--name", "slow", "busybox", "sh", "-c",
                "trap 'sleep 2; exit 5' TERM; while true; do sleep 0.1; done").check();
        try (DockerCli quick = new DockerCli(daemon.berthd().host(), Duration.ofSeconds(8))) {
            long start = System.nanoTime();
            quick.run("stop", "-t", "0", "deaf").check();
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "stop -t 0 did not wait");
            assertEquals("137", docker.run("inspect", "-f", "{{.State.ExitCode}}", "deaf").check().stdout().strip());
            quick.run("stop", "-t", "-1", "slow").check();
            assertEquals("5", docker.run("inspect", "-f", "{{.State.ExitCode}}", "slow").check().stdout().strip(),
                    "the TERM handler ran to its end, not cut by SIGKILL");
        } finally {
            docker.run("rm", "-f", "deaf", "slow");
        }
    }

    @Test
    void kill_pause_rename_wait_and_restart() {
        docker.run("run", "-d", "--name", "life", "busybox", "sh", "-c",
                "trap 'exit 7' TERM; while true; do sleep 0.1; done").check();
        try {
            docker.run("pause", "life").check();
            assertEquals("paused", docker.run("inspect", "-f", "{{.State.Status}}", "life").check().stdout().strip());
            assertTrue(docker.run("pause", "life").stderr().contains("is already paused"));
            docker.run("unpause", "life").check();
            docker.run("rename", "life", "life2").check();
            docker.run("restart", "-t", "0", "life2").check();
            assertEquals("running", docker.run("inspect", "-f", "{{.State.Status}}", "life2").check().stdout().strip());
            docker.run("kill", "-s", "TERM", "life2").check();
            assertEquals("7", docker.run("wait", "life2").check().stdout().strip());
            DockerCli.Result again = docker.run("kill", "life2");
            assertEquals(1, again.exitCode());
            assertTrue(again.stderr().contains("is not running"), again.stderr());
        } finally {
            docker.run("rm", "-f", "life", "life2");
        }
    }

    @Test
    void errors_match_docker_and_change_nothing() {
        DockerCli.Result noImage = docker.run("run", "--rm", "nosuchimage");
        assertEquals(125, noImage.exitCode(), noImage.describe());
        DockerCli.Result missing = docker.run("run", "--rm", "busybox", "/nonexistent");
        assertEquals(127, missing.exitCode(), missing.describe());
        docker.run("create", "--name", "dup", "busybox", "true").check();
        try {
            DockerCli.Result dup = docker.run("create", "--name", "dup", "busybox", "true");
            assertEquals(1, dup.exitCode());
            assertTrue(dup.stderr().contains("Conflict. The container name \"/dup\" is already in use"), dup.stderr());
            docker.run("run", "-d", "--name", "busy", "busybox", "sleep", "60").check();
            DockerCli.Result rm = docker.run("rm", "busy");
            assertEquals(1, rm.exitCode());
            assertTrue(rm.stderr().contains("You cannot remove a running container"), rm.stderr());
            DockerCli.Result mem = docker.run("run", "--rm", "-m", "1m", "busybox", "true");
            assertEquals(125, mem.exitCode());
            assertTrue(mem.stderr().contains("Minimum memory limit allowed is 6MB"), mem.stderr());
            DockerCli.Result mount = docker.run("run", "--rm", "--mount", "type=bind,source=/nonexistent-berth,target=/x",
                    "busybox", "true");
            assertEquals(125, mount.exitCode());
            assertTrue(mount.stderr().contains("bind source path does not exist"), mount.stderr());
        } finally {
            docker.run("rm", "-f", "dup", "busy");
        }
    }

    @Test
    void cgroup_parent_places_the_container() throws IOException {
        docker.run("run", "-d", "--name", "cg", "--cgroup-parent", "/berth-cgtest", "busybox", "sleep", "60").check();
        try {
            String pid = docker.run("inspect", "-f", "{{.State.Pid}}", "cg").check().stdout().strip();
            String id = docker.run("inspect", "-f", "{{.Id}}", "cg").check().stdout().strip();
            String cgroups = java.nio.file.Files.readString(Path.of("/proc", pid, "cgroup"));
            assertTrue(cgroups.contains("/berth-cgtest/" + id), cgroups);
        } finally {
            docker.run("rm", "-f", "cg");
        }
    }

    @Test
    void events_cover_the_run_rm_sequence() {
        long since = System.currentTimeMillis() / 1000 - 1;
        docker.run("run", "--rm", "--name", "evented", "busybox", "true").check();
        String until = Long.toString(System.currentTimeMillis() / 1000 + 1);
        String out = docker.run("events", "--since", Long.toString(since), "--until", until, "--filter",
                "container=evented", "--format", "{{.Action}}").check().stdout();
        assertEquals("create attach start die destroy", String.join(" ", out.strip().lines().toList()), out);
    }
}
