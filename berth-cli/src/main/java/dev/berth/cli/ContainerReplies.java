package dev.berth.cli;

import java.util.Base64;
import java.nio.charset.StandardCharsets;

/**
 * {@link TrainingReplies}' answers for the container, exec, commit, volume and network routes: the
 * bodies dockerd sent in the reference traces. A container, volume or network named {@code missing}
 * is not there.
 */
final class ContainerReplies {
    private static final String JSON = "application/json";
    /** One multiplexed stdout frame, "hi\n": what attach, exec and logs stream. */
    static final String FRAME = "\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0003hi\n";
    private static final String NOT_FOUND = "{\"message\":\"No such container: missing\"}";

    private ContainerReplies() {
    }

    static TrainingReplies.Reply answer(String method, String route) {
        if (route.contains("/missing")) {
            return new TrainingReplies.Reply(404, JSON, NOT_FOUND);
        }
        return switch (method + " " + route) {
            case "GET /containers/json" -> TrainingReplies.json("containers.json");
            case "POST /containers/create" -> created("container-create.json");
            case "POST /containers/prune" -> TrainingReplies.json("container-prune.json");
            case "POST /commit" -> created("commit.json");
            case "GET /volumes" -> TrainingReplies.json("volumes.json");
            case "POST /volumes/create" -> created("volume.json");
            case "POST /volumes/prune" -> TrainingReplies.json("volume-prune.json");
            case "GET /networks" -> TrainingReplies.json("networks.json");
            case "POST /networks/create" -> created("network-create.json");
            case "POST /networks/prune" -> TrainingReplies.json("network-prune.json");
            default -> resource(method, route);
        };
    }

    private static TrainingReplies.Reply resource(String method, String route) {
        String[] parts = route.split("/");
        if (parts.length < 3) {
            return new TrainingReplies.Reply(404, JSON, NOT_FOUND);
        }
        String action = parts.length > 3 ? parts[3] : "";
        return switch (parts[1] + " " + method + " " + action) {
            case "containers GET json" -> TrainingReplies.json("container-inspect.json");
            case "containers POST attach", "exec POST start" -> new TrainingReplies.Reply(101, "", "", "", true);
            case "containers POST wait" -> TrainingReplies.json("wait.json");
            case "containers GET logs" -> new TrainingReplies.Reply(200, "application/vnd.docker.multiplexed-stream", FRAME);
            case "containers GET top" -> TrainingReplies.json("top.json");
            case "containers GET stats" -> TrainingReplies.json("stats.json");
            case "containers GET changes" -> TrainingReplies.json("changes.json");
            case "containers GET export" -> new TrainingReplies.Reply(200, "application/octet-stream", TrainingReplies.resource("archive.tar"));
            case "containers GET archive" -> archive("{\"name\":\"file.txt\",\"size\":6,\"mode\":420,\"mtime\":\"2026-11-28T04:14:59Z\",\"linkTarget\":\"\"}",
                    TrainingReplies.resource("archive.tar"));
            case "containers HEAD archive" -> archive("{\"name\":\"root\",\"size\":4096,\"mode\":2147484141,\"mtime\":\"2026-11-28T04:14:59Z\",\"linkTarget\":\"\"}", "");
            case "containers POST update" -> TrainingReplies.json("update.json");
            case "containers POST exec" -> created("exec-create.json");
            case "exec GET json" -> TrainingReplies.json("exec-inspect.json");
            case "volumes GET " -> TrainingReplies.json("volume.json");
            case "networks GET " -> TrainingReplies.json("network.json");
            case "networks POST connect", "networks POST disconnect" -> new TrainingReplies.Reply(200, "text/plain", "");
            case "containers POST start", "containers POST stop", "containers POST restart", "containers POST kill",
                 "containers POST pause", "containers POST unpause", "containers POST rename", "containers DELETE ",
                 "volumes DELETE ", "networks DELETE " -> new TrainingReplies.Reply(204, "text/plain", "");
            case "containers POST resize", "exec POST resize", "containers PUT archive" -> new TrainingReplies.Reply(200, "text/plain", "");
            default -> new TrainingReplies.Reply(404, JSON, NOT_FOUND);
        };
    }

    private static TrainingReplies.Reply created(String name) {
        return new TrainingReplies.Reply(201, JSON, TrainingReplies.resource(name));
    }

    private static TrainingReplies.Reply archive(String stat, String tar) {
        String header = Base64.getEncoder().encodeToString(stat.getBytes(StandardCharsets.UTF_8));
        return new TrainingReplies.Reply(200, "application/x-tar", tar, "\r\nX-Docker-Container-Path-Stat: " + header, false);
    }
}
