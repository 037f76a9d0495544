package dev.berth.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.linux.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * OCI bundles for tests: {@code runc spec}'s default config.json over one shared, read-only busybox
 * rootfs (the host's static busybox and a symlink per applet the tests use).
 */
final class BusyboxBundle {
    private static final List<String> APPLETS = List.of("sh", "cat", "echo", "sleep", "stty", "true");
    private static final ObjectMapper JSON = new ObjectMapper();

    private BusyboxBundle() {
    }

    static Path rootfs(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String d : List.of("proc", "sys", "dev", "tmp", "etc")) {
            Files.createDirectories(dir.resolve(d));
        }
        Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String applet : APPLETS) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        return dir;
    }

    /** A bundle in {@code dir} running {@code args} on {@code rootfs}. */
    static Path bundle(Path dir, Path rootfs, boolean terminal, String... args) throws IOException {
        Files.createDirectories(dir);
        Command.of("runc", "spec", "--bundle", dir.toString()).run().check();
        Path config = dir.resolve("config.json");
        ObjectNode spec = (ObjectNode) JSON.readTree(config.toFile());
        ObjectNode process = (ObjectNode) spec.get("process");
        ArrayNode argv = process.putArray("args");
        for (String a : args) {
            argv.add(a);
        }
        process.put("terminal", terminal);
        ObjectNode root = (ObjectNode) spec.get("root");
        root.put("path", rootfs.toAbsolutePath().toString());
        root.put("readonly", true);
        JSON.writeValue(config.toFile(), spec);
        return dir;
    }

    /** An OCI {@code process} object for exec. */
    static String process(boolean terminal, String... args) throws IOException {
        ObjectNode p = JSON.createObjectNode();
        p.put("terminal", terminal);
        p.putObject("user").put("uid", 0).put("gid", 0);
        ArrayNode argv = p.putArray("args");
        for (String a : args) {
            argv.add(a);
        }
        p.putArray("env").add("PATH=/bin").add("TERM=xterm");
        p.put("cwd", "/");
        return JSON.writeValueAsString(p);
    }
}
