package dev.berth.registry.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs external programs for the interoperability tests, with a timeout and their output in failures. */
final class Tools {

    record Result(List<String> command, int exit, String out) {
        Result check() {
            if (exit != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + exit + ":\n" + out);
            }
            return this;
        }
    }

    private Tools() {
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("tool-", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " timed out:\n" + Files.readString(out));
            }
            return new Result(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static Result run(String... command) throws IOException, InterruptedException {
        return run(List.of(command));
    }
}
