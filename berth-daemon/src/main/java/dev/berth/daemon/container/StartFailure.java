package dev.berth.daemon.container;

/**
 * The runtime could not start the process. The message keeps the runtime's words, since the docker
 * CLI derives {@code run}'s exit code from them (not found → 127, permission denied → 126). Like dockerd,
 * the API answers 400.
 */
public final class StartFailure extends dev.berth.oci.error.InvalidArgumentException {
    private final int exitCode;

    public StartFailure(String runtimeMessage) {
        super("failed to create task for container: OCI runtime create failed: " + plain(runtimeMessage) + ": unknown");
        String m = runtimeMessage.toLowerCase();
        this.exitCode = m.contains("executable file not found") || m.contains("no such file or directory") ? 127
                : m.contains("permission denied") || m.contains("is a directory") ? 126 : 128;
    }

    /** runc logs {@code time="…" level=error msg="…"}; dockerd shows only the message. */
    static String plain(String runtimeMessage) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("msg=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(runtimeMessage);
        return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : runtimeMessage.strip();
    }

    public int exitCode() {
        return exitCode;
    }
}
