package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.testkit.BusyboxDaemon;
import dev.berth.testkit.DockerCli;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container that outgrows {@code -m} is killed by the cgroup's OOM killer, and berthd says so as dockerd does. */
@Tag("integration")
class OomKillTest {
    @TempDir
    Path tmp;

    @Test
    void a_container_over_its_memory_limit_is_oom_killed_with_137_and_an_oom_event() throws Exception {
        try (BusyboxDaemon daemon = BusyboxDaemon.start(tmp)) {
            DockerCli docker = daemon.docker();
            long since = System.currentTimeMillis() / 1000 - 1;
            // tail keeps the whole "line" of /dev/zero in memory: it grows until the limit stops it.
            DockerCli.Result run = docker.run("run", "--name", "hog", "-m", "8m", "--memory-swap", "8m",
                    "busybox", "tail", "/dev/zero");
            assertEquals(137, run.exitCode(), run.describe());
            assertEquals("true 137", docker.run("inspect", "-f", "{{.State.OOMKilled}} {{.State.ExitCode}}", "hog")
                    .check().stdout().strip());
            String until = Long.toString(System.currentTimeMillis() / 1000 + 1);
            String events = docker.run("events", "--since", Long.toString(since), "--until", until,
                    "--filter", "container=hog", "--filter", "event=oom", "--format", "{{.Action}}").check().stdout();
            assertEquals("oom", events.strip(), events);
            docker.run("rm", "hog").check();
        }
    }
}
