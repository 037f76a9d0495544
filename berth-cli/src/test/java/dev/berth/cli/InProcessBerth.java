package dev.berth.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** berth's {@code main} run in this JVM on captured streams: what a test sees of one berth command. */
public final class InProcessBerth {
    /** A command's exit status, stdout and stderr. */
    public record Run(int status, String out, String err) {
    }

    private InProcessBerth() {
    }

    /** Runs {@code berth ARGS} with {@code stdin} as its input and {@code env} as its whole environment. */
    public static Run run(byte[] stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Berth.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code berth -H HOST ARGS}. */
    public static Run against(String host, byte[] stdin, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("-H", host));
        all.addAll(List.of(args));
        return run(stdin, env, all.toArray(String[]::new));
    }
}
