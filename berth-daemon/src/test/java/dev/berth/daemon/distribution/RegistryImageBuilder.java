package dev.berth.daemon.distribution;

import dev.berth.linux.Command;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.spi.ToolProvider;

/**
 * Builds the berth-registry container image with the documented {@code berth-registry/image/build-image.sh}, from
 * this build's classes rather than a packaged module: the registry's {@code target/classes} and every directory on
 * its runtime classpath ({@code target/runtime-classpath.txt}, written by the registry's build) are packed as jars
 * and handed to the script as {@code REGISTRY_JAR} and {@code REGISTRY_LIB}. So {@code mvn test} needs no
 * {@code package} before it.
 */
final class RegistryImageBuilder {
    private RegistryImageBuilder() {
    }

    /** Writes the image's root filesystem tar under {@code dir} and returns it. */
    static Path build(Path dir) throws IOException {
        Path module = Path.of(System.getProperty("user.dir")).resolveSibling("berth-registry");
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path jar = dir.resolve("berth-registry.jar");
        pack(module.resolve("target/classes"), jar);
        String classpath = Files.readString(module.resolve("target/runtime-classpath.txt")).strip();
        for (String entry : classpath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                // a sibling module of the reactor: MODULE/target/classes
                pack(p, lib.resolve(p.getParent().getParent().getFileName() + ".jar"));
            } else {
                Files.copy(p, lib.resolve(p.getFileName()));
            }
        }
        Path tar = dir.resolve("berth-registry-image.tar");
        Command.of(module.resolve("image/build-image.sh").toString(), tar.toString())
                .env("JAVA_HOME", System.getProperty("java.home"))
                .env("REGISTRY_JAR", jar.toString())
                .env("REGISTRY_LIB", lib.toString())
                .timeout(Duration.ofMinutes(10))
                .run().check();
        return tar;
    }

    private static void pack(Path classes, Path jar) throws IOException {
        ToolProvider tool = ToolProvider.findFirst("jar").orElseThrow(() -> new IOException("no jar tool in this JDK"));
        int code = tool.run(System.out, System.err, "--create", "--file", jar.toString(),
                "-C", classes.toString(), ".");
        if (code != 0) {
            throw new IOException("jar --create of " + classes + " exited " + code);
        }
    }
}
