package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.BusyboxDaemon;
import dev.berth.testkit.DockerCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Choosing the OCI runtime: daemon.json's {@code runtimes} and {@code default-runtime}, and {@code --runtime} per
 * container, end to end through conmon. Which runtime ran a container shows in whose state directory
 * ({@code <exec-root>/runtime/<name>/state/<id>}) it has while it runs.
 */
@Tag("integration")
class RuntimeSelectionTest {
    private static BusyboxDaemon daemon;
    private static DockerCli docker;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        daemon = BusyboxDaemon.start(tmp);
        docker = daemon.docker();
        Files.writeString(daemon.berthd().configFile(), """
                {"runtimes": {"crun": {"path": "/usr/bin/crun"},
                              "crun-json": {"path": "crun", "runtimeArgs": ["--log-format=json"]}},
                 "default-runtime": "crun"}
                """);
        daemon.berthd().restart();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void the_default_runtime_of_daemon_json_runs_containers() {
        assertEquals("crun", docker.run("info", "-f", "{{.DefaultRuntime}}").check().stdout().strip());
        String id = docker.run("run", "-d", "--name", "dflt", "busybox", "sleep", "1000").check().stdout().strip();
        try {
            assertEquals("crun", docker.run("inspect", "-f", "{{.HostConfig.Runtime}}", "dflt").check().stdout().strip());
            assertTrue(Files.isDirectory(stateDir("crun", id)));
            assertEquals("in\n", docker.run("exec", "dflt", "echo", "in").check().stdout());
        } finally {
            docker.run("rm", "-f", "dflt");
        }
    }

    @Test
    void runtime_per_container() {
        assertEquals("hi\n", docker.run("run", "--rm", "--runtime", "crun", "busybox", "echo", "hi").check().stdout());
        String id = docker.run("run", "-d", "--name", "withrunc", "--runtime", "runc", "busybox", "sleep", "1000")
                .check().stdout().strip();
        try {
            assertEquals("runc", docker.run("inspect", "-f", "{{.HostConfig.Runtime}}", "withrunc").check().stdout().strip());
            assertTrue(Files.isDirectory(stateDir("runc", id)));
        } finally {
            docker.run("rm", "-f", "withrunc");
        }
        // A runtime of another name that is crun, with its own global flags.
        assertEquals("extra\n", docker.run("run", "--rm", "--runtime", "crun-json", "busybox", "echo", "extra")
                .check().stdout());
    }

    @Test
    void crun_containers_stop_and_get_oom_killed_like_runc_ones() {
        docker.run("run", "-d", "--name", "crunlife", "busybox", "sleep", "1000").check();
        try {
            docker.run("stop", "-t", "1", "crunlife").check();
            assertEquals("137", docker.run("inspect", "-f", "{{.State.ExitCode}}", "crunlife").check().stdout().strip());
        } finally {
            docker.run("rm", "-f", "crunlife");
        }
        DockerCli.Result oom = docker.run("run", "--name", "crunhog", "-m", "8m", "--memory-swap", "8m",
                "busybox", "tail", "/dev/zero");
        try {
            assertEquals(137, oom.exitCode(), oom.describe());
            assertEquals("true", docker.run("inspect", "-f", "{{.State.OOMKilled}}", "crunhog").check().stdout().strip());
        } finally {
            docker.run("rm", "-f", "crunhog");
        }
    }

    @Test
    void an_unknown_runtime_is_dockerds_error_and_creates_nothing() {
        DockerCli.Result r = docker.run("run", "--rm", "--name", "nosuchrt", "--runtime", "nosuch", "busybox", "true");
        assertEquals(125, r.exitCode(), r.describe());
        assertTrue(r.stderr().contains("Error response from daemon: unknown or invalid runtime name: nosuch"), r.stderr());
        assertEquals("", docker.run("ps", "-aq", "--filter", "name=nosuchrt").check().stdout());
    }

    private static Path stateDir(String runtime, String id) {
        return daemon.berthd().execRoot().resolve("runtime").resolve(runtime).resolve("state").resolve(id);
    }
}
