package dev.berth.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A berthd on a temp socket, a docker CLI pointed at it and the host's busybox imported as
 * {@value #IMAGE}: what most daemon integration tests start from.
 *
 * <pre>{@code
 * try (BusyboxDaemon d = BusyboxDaemon.start(tmp, "--userns-remap", "default")) {
 *     d.docker().run("run", "--rm", "busybox", "true").check();
 * }   // CLI config removed, berthd stopped and its dirs deleted
 * }</pre>
 */
public final class BusyboxDaemon implements AutoCloseable {
    public static final String IMAGE = "busybox";
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);

    private final BerthdProcess berthd;
    private final DockerCli docker;
    private final Path rootfs;

    private BusyboxDaemon(BerthdProcess berthd, DockerCli docker, Path rootfs) {
        this.berthd = berthd;
        this.docker = docker;
        this.rootfs = rootfs;
    }

    /** Starts berthd with {@code berthdArgs} and imports busybox from a rootfs tar written into {@code tmp}. */
    public static BusyboxDaemon start(Path tmp, String... berthdArgs) throws IOException {
        BerthdProcess berthd = BerthdProcess.start(berthdArgs);
        DockerCli docker = null;
        try {
            docker = new DockerCli(berthd.host(), CLI_TIMEOUT);
            Path rootfs = BusyboxRootfs.importAs(docker, tmp, IMAGE);
            return new BusyboxDaemon(berthd, docker, rootfs);
        } catch (IOException | RuntimeException | Error e) {
            closeBoth(docker, berthd);
            throw e;
        }
    }

    public BerthdProcess berthd() {
        return berthd;
    }

    public DockerCli docker() {
        return docker;
    }

    /** The busybox rootfs tar that was imported, for importing it again with other options. */
    public Path rootfs() {
        return rootfs;
    }

    /** Closes the CLI, then stops berthd; berthd stops even when closing the CLI fails. */
    @Override
    public void close() {
        closeBoth(docker, berthd);
    }

    private static void closeBoth(DockerCli docker, BerthdProcess berthd) {
        try {
            if (docker != null) {
                docker.close();
            }
        } finally {
            berthd.close();
        }
    }
}
