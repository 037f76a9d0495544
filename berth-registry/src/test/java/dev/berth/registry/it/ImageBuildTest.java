package dev.berth.registry.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * berth-registry/image/build-image.sh makes a root filesystem tar whose own jlink'ed java runs the registry. The
 * image is checked in a chroot of the unpacked tar (new mount and pid namespaces, nothing of the host's files
 * visible). Running it as a container with a published port, a bind-mounted config and a named volume is
 * berth-daemon's {@code RegistryContainerTest}.
 */
@Tag("integration")
class ImageBuildTest {

    @TempDir
    Path dir;

    @Test
    void builds_a_rootfs_tar_whose_runtime_runs_the_registry_in_a_chroot() throws Exception {
        Path module = Path.of(System.getProperty("user.dir"));
        assertTrue(Files.exists(module.resolve("target/lib")), "the module is packaged (mvn package) before this test");
        Path tar = dir.resolve("image.tar");
        Tools.run(module.resolve("image/build-image.sh").toString(), tar.toString()).check();
        Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
        Tools.run("tar", "-xf", tar.toString(), "-C", rootfs.toString()).check();
        assertTrue(Files.isExecutable(rootfs.resolve("opt/berth-registry/runtime/bin/java")));
        String modules = Tools.run(inImage(rootfs, "/opt/berth-registry/runtime/bin/java", "--list-modules"))
                .check().out();
        // only what jdeps found (java.desktop is snakeyaml's java.beans), not the whole JDK
        assertTrue(modules.contains("java.net.http") && !modules.contains("jdk.compiler")
                && !modules.contains("jdk.jshell"), modules);
        String version = Tools.run(inImage(rootfs, "/opt/berth-registry/bin/berth-registry", "--version"))
                .check().out();
        assertTrue(version.startsWith("berth-registry "), version);
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ProcessBuilder serve = new ProcessBuilder(inImage(rootfs, "/opt/berth-registry/bin/berth-registry",
                "serve", "/etc/berth/registry/config.yml")).redirectErrorStream(true)
                .redirectOutput(dir.resolve("serve.log").toFile());
        serve.environment().put("REGISTRY_HTTP_ADDR", "127.0.0.1:" + port);
        Process registry = serve.start();
        try {
            dev.berth.registry.V2Client v2 = new dev.berth.registry.V2Client("http://127.0.0.1:" + port);
            java.net.http.HttpResponse<byte[]> base = null;
            for (int i = 0; i < 100 && base == null; i++) {
                try {
                    base = v2.get("/v2/");
                } catch (java.io.IOException e) {
                    Thread.sleep(100);
                }
            }
            assertTrue(base != null && base.statusCode() == 200, () -> "serving from the image's default config: "
                    + read(dir.resolve("serve.log")));
            v2.pushImage("in/image", "v1", dev.berth.oci.MediaTypes.OCI_MANIFEST, "chroot");
            assertTrue(Files.isDirectory(rootfs.resolve("var/lib/registry/docker/registry/v2/repositories/in/image")),
                    "content lands in the image's /var/lib/registry");
        } finally {
            // unshare --fork ignores SIGTERM while it waits: SIGKILL it, and --kill-child takes the namespace down
            registry.destroyForcibly();
            registry.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /**
     * The command chrooted into the unpacked image, in its own mount and pid namespaces with a fresh /proc (java
     * finds its libraries through /proc/self/exe, and a container runtime mounts /proc too); the command dies
     * with the test's process.
     */
    private static java.util.List<String> inImage(Path rootfs, String... command) {
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("unshare", "--mount", "--pid",
                "--fork", "--kill-child=SIGKILL", "--mount-proc=" + rootfs.resolve("proc"), "chroot",
                rootfs.toString()));
        argv.addAll(java.util.List.of(command));
        return argv;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
