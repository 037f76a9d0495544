package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.BusyboxDaemon;
import dev.berth.testkit.DockerCli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --init}: tini runs as PID 1 (as {@code /sbin/docker-init}), the command is its child and gets the signals. */
@Tag("integration")
class InitProcessTest {
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
    void init_is_pid_1_and_the_command_its_child() {
        DockerCli.Result r = docker.run("run", "--rm", "--init", "busybox", "ps", "-o", "pid,ppid,comm");
        assertEquals(0, r.exitCode(), r.describe());
        List<List<String>> rows = r.stdout().lines().skip(1).map(l -> List.of(l.strip().split("\\s+"))).toList();
        assertEquals(List.of("1", "0", "docker-init"), rows.get(0), r.stdout());
        assertEquals(List.of("1", "ps"), rows.get(1).subList(1, 3), r.stdout());
        assertEquals(2, rows.size(), r.stdout());
    }

    @Test
    void without_init_the_command_is_pid_1() {
        DockerCli.Result r = docker.run("run", "--rm", "busybox", "ps", "-o", "pid,comm");
        assertEquals(List.of("PID", "COMMAND", "1", "ps"), List.of(r.check().stdout().strip().split("\\s+")));
    }

    @Test
    void stop_reaches_the_child_through_init() {
        docker.run("run", "-d", "--init", "--name", "sleeper", "busybox", "sleep", "1000").check();
        try {
            docker.run("stop", "-t", "30", "sleeper").check();
            // sleep dies of the SIGTERM tini forwards, and tini exits 128+15 for it; a SIGKILL after the
            // timeout would have left 137.
            assertEquals("143", docker.run("inspect", "-f", "{{.State.ExitCode}}", "sleeper").check().stdout().strip());
        } finally {
            docker.run("rm", "-f", "sleeper");
        }
    }

    @Test
    void init_reaps_orphans_and_passes_the_exit_code_on() {
        DockerCli.Result r = docker.run("run", "--rm", "--init", "busybox", "sh", "-c", "sleep 100 & exit 5");
        assertEquals(5, r.exitCode(), r.describe());
    }
}
