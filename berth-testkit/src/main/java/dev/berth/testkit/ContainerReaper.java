package dev.berth.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Removes what containers of a test daemon leave behind once the daemon is gone: conmon keeps
 * containers running by design, so a test that ends with containers still up would leak their
 * processes and cgroups into the next test.
 */
final class ContainerReaper {
    private ContainerReaper() {
    }

    /** Kills every conmon working under {@code dir} and deletes the runtimes' containers under {@code execRoot}. */
    static void reap(Path dir, Path execRoot) throws IOException {
        killConmons(dir);
        Path runtimes = execRoot.resolve("runtime");
        if (!Files.isDirectory(runtimes)) {
            return;
        }
        try (Stream<Path> kinds = Files.list(runtimes)) {
            for (Path kind : kinds.toList()) {
                Path state = kind.resolve("state");
                if (!Files.isDirectory(state)) {
                    continue;
                }
                try (Stream<Path> ids = Files.list(state)) {
                    for (Path id : ids.toList()) {
                        run(kind.getFileName().toString(), "--root", state.toString(), "delete", "--force",
                                id.getFileName().toString());
                    }
                }
            }
        }
    }

    private static void killConmons(Path dir) throws IOException {
        String marker = dir.toAbsolutePath().toString();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String comm = Files.readString(p.resolve("comm")).strip();
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (comm.equals("conmon") && cmdline.contains(marker)) {
                        run("kill", "-9", p.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
    }

    private static void run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
