package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {
    @TempDir
    Path dir;

    @Test
    void walks_every_command_without_an_unexpected_exit_code() throws IOException {
        try (TrainingReplies replies = TrainingReplies.serve(dir.resolve("d.sock"))) {
            assertEquals(0, Training.train(replies.host().toString(), dir));
        }
    }

    @Test
    void runs_every_plain_command_for_real_and_not_only_its_help() {
        Set<String> run = Training.working(dir).stream().filter(command -> !command.contains("--help"))
                .map(List::getFirst).collect(Collectors.toSet());
        for (String name : CommandCatalog.TOP_LEVEL) {
            assertTrue(!CommandCatalog.subcommands(name).isEmpty() || run.contains(name), name);
        }
    }

    @Test
    void replies_render_as_docker_tables_when_images_and_version_run() throws IOException {
        try (TrainingReplies replies = TrainingReplies.serve(dir.resolve("d.sock"))) {
            String host = replies.host().toString();
            String images = run("-H", host, "images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}}");
            assertTrue(images.startsWith("trace-busybox:latest d16506111182 1.99MB\n"), images);
            String version = run("-H", host, "version", "--format", "{{.Server.Version}} {{.Client.APIVersion}}");
            assertEquals("20.10.24+dfsg1 1.50\n", version);
        }
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Berth.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err, Map.of());
        assertEquals(0, status, String.join(" ", args));
        return out.toString(StandardCharsets.UTF_8);
    }
}
