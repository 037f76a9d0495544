package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.BusyboxDaemon;
import dev.berth.testkit.DockerCli;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restart policies and health checks through the stock docker CLI on a real berthd, across daemon restarts. */
@Tag("integration")
class RestartAndHealthTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
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
            docker.run("rm", "-f", "of2", "al", "al-stopped", "us", "hc-ok", "hc-bad", "al-cancel",
                    "al-manual");
            daemon.close();
        }
    }

    @Test
    void on_failure_2_restarts_twice_then_stays_exited() throws Exception {
        docker.run("run", "-d", "--name", "of2", "--restart", "on-failure:2", "busybox", "sh", "-c", "exit 1").check();
        awaitInspect("of2", "{{.State.Status}} {{.RestartCount}}", "exited 2"::equals);
        assertEquals("exited 2 1", inspect("of2", "{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}}"));
        Thread.sleep(500);
        assertEquals("exited 2", inspect("of2", "{{.State.Status}} {{.RestartCount}}"), "no third restart");
        String actions = events("of2");
        assertEquals(3, actions.lines().filter("start"::equals).count(), actions);
        assertEquals(3, actions.lines().filter("die"::equals).count(), actions);
    }

    @Test
    void always_comes_back_after_daemon_restarts_and_a_crash_while_it_was_down() throws Exception {
        docker.run("run", "-d", "--name", "al", "--restart", "always", "busybox", "sleep", "1000").check();
        daemon.berthd().restart();
        assertEquals("running", inspect("al", "{{.State.Status}}"));

        long pid = Long.parseLong(inspect("al", "{{.State.Pid}}"));
        daemon.berthd().kill();
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        daemon.berthd().restart();
        awaitInspect("al", "{{.State.Status}}", "running"::equals);
        assertNotEquals(Long.toString(pid), inspect("al", "{{.State.Pid}}"));
        assertEquals("true", inspect("al", "{{.State.Running}}"));
    }

    @Test
    void always_stopped_by_hand_starts_again_with_the_daemon_but_unless_stopped_does_not() throws Exception {
        docker.run("run", "-d", "--name", "al-stopped", "--restart", "always", "busybox", "sleep", "1000").check();
        docker.run("run", "-d", "--name", "us", "--restart", "unless-stopped", "busybox", "sleep", "1000").check();
        docker.run("stop", "-t", "1", "al-stopped", "us").check();
        Thread.sleep(500);
        assertEquals("exited", inspect("al-stopped", "{{.State.Status}}"), "docker stop ends restarts");
        assertEquals("exited", inspect("us", "{{.State.Status}}"));

        daemon.berthd().restart();
        awaitInspect("al-stopped", "{{.State.Status}}", "running"::equals);
        assertEquals("exited", inspect("us", "{{.State.Status}}"));
    }

    @Test
    void stop_calls_off_a_waiting_restart() throws Exception {
        docker.run("run", "-d", "--name", "al-cancel", "--restart", "always", "busybox", "sh", "-c", "exit 3").check();
        awaitInspect("al-cancel", "{{.RestartCount}}", n -> Integer.parseInt(n) >= 4);
        docker.run("stop", "-t", "1", "al-cancel").check();
        String after = inspect("al-cancel", "{{.State.Status}} {{.State.Restarting}} {{.RestartCount}}");
        assertTrue(after.startsWith("exited false "), after);
        Thread.sleep(3_500);
        assertEquals(after, inspect("al-cancel", "{{.State.Status}} {{.State.Restarting}} {{.RestartCount}}"));
    }

    /** The exit a restart's stop waits for is the policy's to judge before the start: it was counted as a crash. */
    @Test
    void a_restart_by_hand_is_no_policy_restart() throws Exception {
        docker.run("run", "-d", "--name", "al-manual", "--restart", "always", "busybox", "sh", "-c",
                "trap 'exit 0' TERM; while :; do sleep 0.1; done").check();
        for (int i = 0; i < 5; i++) {
            docker.run("restart", "al-manual").check();
            Thread.sleep(300);
            assertEquals("running false 0", inspect("al-manual",
                    "{{.State.Status}} {{.State.Restarting}} {{.RestartCount}}"), "after restart " + (i + 1));
        }
        String actions = events("al-manual");
        assertEquals(6, actions.lines().filter("start"::equals).count(), actions);
        assertEquals(5, actions.lines().filter("restart"::equals).count(), actions);
    }

    @Test
    void a_passing_health_cmd_makes_the_container_healthy() throws Exception {
        Instant since = Instant.now().minusSeconds(1);
        docker.run("run", "-d", "--name", "hc-ok", "--health-cmd", "echo ok", "--health-interval", "1s", "busybox",
                "sleep", "1000").check();
        awaitInspect("hc-ok", "{{.State.Health.Status}}", "healthy"::equals);
        assertEquals("0 0 ok\n", inspect("hc-ok",
                "{{.State.Health.FailingStreak}} {{(index .State.Health.Log 0).ExitCode}} {{(index .State.Health.Log 0).Output}}")
                + "\n");
        String status = docker.run("ps", "--filter", "name=hc-ok", "--format", "{{.Status}}").check().stdout().strip();
        assertTrue(status.matches("Up .* \\(healthy\\)"), status);
        assertEquals("hc-ok", docker.run("ps", "--filter", "health=healthy", "--format", "{{.Names}}").check()
                .stdout().strip());
        assertTrue(events("hc-ok", since).lines().anyMatch("health_status: healthy"::equals), events("hc-ok", since));
    }

    @Test
    void a_failing_health_cmd_makes_the_container_unhealthy_after_the_retries() throws Exception {
        docker.run("run", "-d", "--name", "hc-bad", "--health-cmd", "echo no; exit 2", "--health-interval", "1s",
                "--health-retries", "2", "busybox", "sleep", "1000").check();
        awaitInspect("hc-bad", "{{.State.Health.Status}}", "unhealthy"::equals);
        String log = inspect("hc-bad", "{{.State.Health.FailingStreak}} {{(index .State.Health.Log 0).ExitCode}}");
        assertEquals("2 2", log);
        String status = docker.run("ps", "--filter", "name=hc-bad", "--format", "{{.Status}}").check().stdout().strip();
        assertTrue(status.endsWith("(unhealthy)"), status);
        List<String> unhealthy = docker.run("ps", "--filter", "health=unhealthy", "--format", "{{.Names}}").check()
                .stdout().lines().toList();
        assertTrue(unhealthy.contains("hc-bad") && !unhealthy.contains("hc-ok"), unhealthy.toString());
        assertTrue(events("hc-bad").lines().anyMatch("health_status: unhealthy"::equals));
        assertTrue(docker.run("ps", "--filter", "health=sick").stderr().contains("Unrecognised filter value for health"));
    }

    private static String inspect(String name, String format) {
        return docker.run("inspect", "-f", format, name).check().stdout().strip();
    }

    private static void awaitInspect(String name, String format, Predicate<String> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            DockerCli.Result r = docker.run("inspect", "-f", format, name);
            last = r.stdout().strip();
            if (r.succeeded() && done.test(last)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + ": " + format + " is still '" + last + "' after " + WAIT + "\n" + daemon.berthd().logTail());
    }

    private static String events(String name) {
        return events(name, Instant.now().minus(Duration.ofMinutes(5)));
    }

    private static String events(String name, Instant since) {
        return docker.run("events", "--since", Long.toString(since.getEpochSecond()), "--until",
                Long.toString(Instant.now().getEpochSecond() + 1), "--filter", "container=" + name, "--format",
                "{{.Action}}").check().stdout();
    }
}
