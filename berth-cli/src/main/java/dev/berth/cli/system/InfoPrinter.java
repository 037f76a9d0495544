package dev.berth.cli.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.HumanSize;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** docker's {@code prettyPrintServerInfo}: the {@code GET /info} fields in docker's order and wording. */
final class InfoPrinter {
    private final StringBuilder out = new StringBuilder();
    private final List<String> warnings = new ArrayList<>();

    static String client(String version, boolean debug) {
        return "Client:\n Version:    " + version + "\n Context:    default\n Debug Mode: " + debug + "\n";
    }

    /** Returns the server section; daemon warnings go to {@code err} like docker's. */
    static String server(JsonNode info, boolean clientDebug, PrintStream err) {
        InfoPrinter p = new InfoPrinter();
        p.print(info, clientDebug);
        p.warnings.forEach(err::println);
        return p.out.toString();
    }

    private void line(String label, Object value) {
        out.append(label).append(' ').append(value).append('\n');
    }

    private void nonEmpty(String label, JsonNode value) {
        if (!value.asText("").isEmpty()) {
            line(label, value.asText());
        }
    }

    private static String joined(JsonNode list) {
        List<String> items = new ArrayList<>();
        list.forEach(n -> items.add(n.asText()));
        return String.join(" ", items);
    }

    private void print(JsonNode info, boolean clientDebug) {
        line(" Containers:", info.path("Containers").asLong());
        line("  Running:", info.path("ContainersRunning").asLong());
        line("  Paused:", info.path("ContainersPaused").asLong());
        line("  Stopped:", info.path("ContainersStopped").asLong());
        line(" Images:", info.path("Images").asLong());
        nonEmpty(" Server Version:", info.path("ServerVersion"));
        nonEmpty(" Storage Driver:", info.path("Driver"));
        info.path("DriverStatus").forEach(pair -> out.append("  ").append(pair.path(0).asText()).append(": ").append(pair.path(1).asText()).append('\n'));
        info.path("SystemStatus").forEach(pair -> out.append(" ").append(pair.path(0).asText()).append(": ").append(pair.path(1).asText()).append('\n'));
        nonEmpty(" Logging Driver:", info.path("LoggingDriver"));
        nonEmpty(" Cgroup Driver:", info.path("CgroupDriver"));
        nonEmpty(" Cgroup Version:", info.path("CgroupVersion"));
        plugins(info.path("Plugins"));
        line(" Swarm:", info.path("Swarm").path("LocalNodeState").asText(""));
        runtimes(info);
        if (info.path("OSType").asText().equals("linux")) {
            linuxDetails(info);
        }
        host(info, clientDebug);
        registries(info.path("RegistryConfig"));
        line(" Live Restore Enabled:", info.path("LiveRestoreEnabled").asBoolean());
        nonEmpty(" Product License:", info.path("ProductLicense"));
        out.append('\n');
        info.path("Warnings").forEach(w -> warnings.add(w.asText()));
    }

    private void plugins(JsonNode plugins) {
        out.append(" Plugins:\n");
        line("  Volume:", joined(plugins.path("Volume")));
        line("  Network:", joined(plugins.path("Network")));
        if (!plugins.path("Authorization").isEmpty()) {
            line("  Authorization:", joined(plugins.path("Authorization")));
        }
        line("  Log:", joined(plugins.path("Log")));
    }

    private void runtimes(JsonNode info) {
        if (info.path("Runtimes").isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        info.path("Runtimes").fieldNames().forEachRemaining(names::add);
        line(" Runtimes:", String.join(" ", names));
        line(" Default Runtime:", info.path("DefaultRuntime").asText(""));
    }

    private void linuxDetails(JsonNode info) {
        line(" Init Binary:", info.path("InitBinary").asText(""));
        line(" containerd version:", info.path("ContainerdCommit").path("ID").asText(""));
        line(" runc version:", info.path("RuncCommit").path("ID").asText(""));
        line(" init version:", info.path("InitCommit").path("ID").asText(""));
        if (info.path("SecurityOptions").isEmpty()) {
            return;
        }
        out.append(" Security Options:\n");
        for (JsonNode option : info.path("SecurityOptions")) {
            for (String part : option.asText().split(",")) {
                String[] kv = part.split("=", 2);
                if (kv[0].equals("name")) {
                    out.append("  ").append(kv.length > 1 ? kv[1] : "").append('\n');
                } else if (kv[0].equals("profile")) {
                    line("   Profile:", kv.length > 1 ? kv[1] : "");
                }
            }
        }
    }

    private void host(JsonNode info, boolean clientDebug) {
        nonEmpty(" Kernel Version:", info.path("KernelVersion"));
        nonEmpty(" Operating System:", info.path("OperatingSystem"));
        nonEmpty(" OSType:", info.path("OSType"));
        nonEmpty(" Architecture:", info.path("Architecture"));
        line(" CPUs:", info.path("NCPU").asLong());
        line(" Total Memory:", HumanSize.binary(info.path("MemTotal").asDouble()));
        nonEmpty(" Name:", info.path("Name"));
        nonEmpty(" ID:", info.path("ID"));
        line(" Docker Root Dir:", info.path("DockerRootDir").asText(""));
        boolean debug = info.path("Debug").asBoolean();
        line(" Debug Mode:", debug);
        if (debug || clientDebug) {
            line("  File Descriptors:", info.path("NFd").asLong());
            line("  Goroutines:", info.path("NGoroutines").asLong());
            line("  System Time:", info.path("SystemTime").asText(""));
            line("  EventsListeners:", info.path("NEventsListener").asLong());
        }
        nonEmpty(" HTTP Proxy:", info.path("HttpProxy"));
        nonEmpty(" HTTPS Proxy:", info.path("HttpsProxy"));
        nonEmpty(" No Proxy:", info.path("NoProxy"));
        if (!info.path("Labels").isEmpty()) {
            out.append(" Labels:\n");
            info.path("Labels").forEach(l -> out.append("  ").append(l.asText()).append('\n'));
        }
        line(" Experimental:", info.path("ExperimentalBuild").asBoolean());
    }

    private void registries(JsonNode registry) {
        if (registry.isMissingNode() || registry.isNull()) {
            return;
        }
        if (!registry.path("InsecureRegistryCIDRs").isEmpty() || !registry.path("IndexConfigs").isEmpty()) {
            out.append(" Insecure Registries:\n");
            registry.path("IndexConfigs").forEach(index -> {
                if (!index.path("Secure").asBoolean()) {
                    out.append("  ").append(index.path("Name").asText()).append('\n');
                }
            });
            registry.path("InsecureRegistryCIDRs").forEach(cidr -> out.append("  ").append(cidr.asText()).append('\n'));
        }
        if (!registry.path("Mirrors").isEmpty()) {
            out.append(" Registry Mirrors:\n");
            registry.path("Mirrors").forEach(m -> out.append("  ").append(m.asText()).append('\n'));
        }
    }
}
