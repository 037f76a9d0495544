package dev.berth.daemon.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** What {@code info} and {@code version} report about the host, read once at start. */
public record HostFacts(String kernelVersion, String operatingSystem, String osVersion, String architecture,
                        String cgroupVersion, int cpus, long memTotal, String hostname) {

    public static HostFacts read() {
        Map<String, String> os = osRelease();
        return new HostFacts(firstLine(Path.of("/proc/sys/kernel/osrelease"), "unknown"),
                os.getOrDefault("PRETTY_NAME", "Linux"), os.getOrDefault("VERSION_ID", ""),
                arch(), Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1",
                Runtime.getRuntime().availableProcessors(), readMemTotal(),
                firstLine(Path.of("/proc/sys/kernel/hostname"), "localhost"));
    }

    private static String arch() {
        String a = System.getProperty("os.arch");
        return a.equals("amd64") ? "x86_64" : a;
    }

    private static String firstLine(Path p, String fallback) {
        try {
            return Files.readAllLines(p).getFirst().strip();
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    private static Map<String, String> osRelease() {
        Map<String, String> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^\"|\"$", ""));
                }
            }
        } catch (IOException e) {
            // an unknown OS is reported as plain Linux
        }
        return m;
    }

    private static long readMemTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // reported as 0 below
        }
        return 0;
    }
}
