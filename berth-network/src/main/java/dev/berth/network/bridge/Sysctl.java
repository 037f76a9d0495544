package dev.berth.network.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes under {@code /proc/sys}, only when the value differs (a write of the same value still costs a syscall). */
public final class Sysctl {
    private Sysctl() {
    }

    public static void set(String key, String value) throws IOException {
        Path p = Path.of("/proc/sys", key.replace('.', '/'));
        if (!Files.exists(p)) {
            return;
        }
        if (!Files.readString(p, StandardCharsets.US_ASCII).strip().equals(value)) {
            Files.writeString(p, value, StandardCharsets.US_ASCII);
        }
    }

    /** A per-interface key, for names that may hold dots ({@code net/ipv4/conf/NAME/route_localnet}). */
    public static void setInterface(String family, String ifName, String key, String value) throws IOException {
        Path p = Path.of("/proc/sys/net", family, "conf", ifName, key);
        if (Files.exists(p) && !Files.readString(p, StandardCharsets.US_ASCII).strip().equals(value)) {
            Files.writeString(p, value, StandardCharsets.US_ASCII);
        }
    }
}
