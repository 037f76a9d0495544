package dev.berth.daemon.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.oci.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /containers/{id}/exec}, read leniently as dockerd does: unknown fields
 * (Testcontainers sends {@code containerId}) and explicit nulls are ignored.
 *
 * @param consoleSize rows and columns for a TTY exec (API ≥ 1.42), empty when not sent or zero
 */
public record ExecConfig(List<String> cmd, List<String> env, String user, String workingDir, boolean tty,
                         boolean attachStdin, boolean attachStdout, boolean attachStderr, boolean privileged,
                         String detachKeys, Optional<ConsoleSize> consoleSize) {

    /** A terminal size as Docker sends it: {@code [rows, cols]}. */
    public record ConsoleSize(int rows, int cols) {
        /** Empty for a missing, null or all-zero size; anything but two non-negative numbers is rejected. */
        static Optional<ConsoleSize> parse(JsonNode node) {
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            if (!node.isArray() || node.size() != 2 || !node.get(0).canConvertToInt() || !node.get(1).canConvertToInt()
                    || node.get(0).asInt() < 0 || node.get(1).asInt() < 0) {
                throw new InvalidArgumentException("invalid ConsoleSize: " + node);
            }
            int rows = node.get(0).asInt();
            int cols = node.get(1).asInt();
            return rows == 0 && cols == 0 ? Optional.empty() : Optional.of(new ConsoleSize(rows, cols));
        }
    }

    public ExecConfig {
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
    }

    public static ExecConfig parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidArgumentException("exec configuration cannot be empty");
        }
        List<String> cmd = strings(body.get("Cmd"));
        if (cmd.isEmpty()) {
            throw new InvalidArgumentException("No exec command specified");
        }
        return new ExecConfig(cmd, strings(body.get("Env")), text(body, "User"), text(body, "WorkingDir"),
                flag(body, "Tty"), flag(body, "AttachStdin"), flag(body, "AttachStdout"), flag(body, "AttachStderr"),
                flag(body, "Privileged"), text(body, "DetachKeys"), ConsoleSize.parse(body.get("ConsoleSize")));
    }

    /** Docker's text for the exec in events: the command's words joined by spaces. */
    public String commandLine() {
        return String.join(" ", cmd);
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else if (n != null && n.isTextual()) {
            out.add(n.asText());
        }
        return out;
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? "" : n.asText();
    }

    private static boolean flag(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n != null && n.asBoolean(false);
    }
}
