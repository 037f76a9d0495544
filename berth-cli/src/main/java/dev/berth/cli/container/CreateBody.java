package dev.berth.cli.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code POST /containers/create} body docker sends for a set of {@link ContainerOptions}: every
 * field, in Go's field order, with Go's nulls and empty values where a flag is not given.
 *
 * <p>Use: {@code Map<String, Object> body = new CreateBody(options, System.getenv()).build("busybox",
 * List.of("echo", "hi"), Attach.FOREGROUND, null);} then post it as JSON.
 */
public record CreateBody(ContainerOptions o, Map<String, String> hostEnv) {

    /** Which streams the container is created to attach: run's foreground, run -d and create differ. */
    public enum Attach { NONE, FOREGROUND }

    /** The network flags' values, as docker's flag types check and normalise them while parsing (a refusal is a flag error). */
    private record NetworkValues(ContainerNetworking networking, List<String> dns, List<String> dnsSearch, List<String> extraHosts) {
    }

    public Map<String, Object> build(String image, List<String> command, Attach attach, int[] consoleSize) {
        NetworkValues network = networkValues();
        if (!o.macAddress.isEmpty() && !ContainerNetworking.isMac(o.macAddress)) {
            throw new IllegalArgumentException(o.macAddress + " is not a valid mac address");
        }
        Map<String, Object> body = config(image, command, attach);
        body.put("HostConfig", hostConfig(consoleSize, network));
        body.put("NetworkingConfig", map("EndpointsConfig", network.networking().endpoints()));
        return body;
    }

    private NetworkValues networkValues() {
        List<String> dns = o.dns.stream().map(HostFlags::dns).toList();
        List<String> dnsSearch = o.dnsSearch.stream().map(HostFlags::dnsSearch).toList();
        List<String> extraHosts = o.addHosts.stream().map(HostFlags::extraHost).toList();
        o.links.forEach(HostFlags::link);
        List<NetworkAttachment> attachments = new ArrayList<>();
        for (String network : o.networks) {
            try {
                attachments.add(NetworkAttachment.parse(network));
            } catch (IllegalArgumentException e) {
                throw new InvalidFlag("--network", network, e.getMessage());
            }
        }
        return new NetworkValues(new ContainerNetworking(o, attachments), dns, dnsSearch, extraHosts);
    }

    private Map<String, Object> config(String image, List<String> command, Attach attach) {
        boolean foreground = attach == Attach.FOREGROUND;
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("Hostname", o.hostname);
        c.put("Domainname", o.domainname);
        c.put("User", o.user);
        c.put("AttachStdin", foreground && o.interactive);
        c.put("AttachStdout", foreground);
        c.put("AttachStderr", foreground);
        Map<String, Object> exposed = exposedPorts();
        if (!exposed.isEmpty()) {
            c.put("ExposedPorts", exposed);
        }
        c.put("Tty", o.tty);
        c.put("OpenStdin", o.interactive);
        c.put("StdinOnce", foreground && o.interactive);
        c.put("Env", nullIfEmpty(env()));
        c.put("Cmd", nullIfEmpty(command));
        Map<String, Object> health = healthcheck();
        if (health != null) {
            c.put("Healthcheck", health);
        }
        c.put("Image", image);
        c.put("Volumes", anonymousVolumes());
        c.put("WorkingDir", o.workdir);
        c.put("Entrypoint", o.entrypoint == null ? null : List.of(o.entrypoint));
        c.put("OnBuild", null);
        c.put("Labels", keyValues(o.labels));
        if (o.stopSignal != null) {
            c.put("StopSignal", o.stopSignal);
        }
        if (o.stopTimeout != null) {
            c.put("StopTimeout", o.stopTimeout);
        }
        return c;
    }

    private Map<String, Object> hostConfig(int[] consoleSize, NetworkValues network) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("Binds", nullIfEmpty(o.volumes.stream().filter(v -> v.contains(":")).toList()));
        h.put("ContainerIDFile", o.cidfile);
        h.put("LogConfig", map("Type", o.logDriver, "Config", keyValues(o.logOpts)));
        h.put("NetworkMode", network.networking().mode());
        h.put("PortBindings", portBindings());
        h.put("RestartPolicy", restartPolicy());
        h.put("AutoRemove", o.rm);
        h.put("VolumeDriver", "");
        h.put("VolumesFrom", nullIfEmpty(o.volumesFrom));
        h.put("ConsoleSize", consoleSize == null ? List.of(0, 0) : List.of(consoleSize[0], consoleSize[1]));
        h.put("CapAdd", nullIfEmpty(o.capAdd));
        h.put("CapDrop", nullIfEmpty(o.capDrop));
        h.put("CgroupnsMode", o.cgroupns);
        h.put("Dns", network.dns());
        h.put("DnsOptions", o.dnsOptions);
        h.put("DnsSearch", network.dnsSearch());
        h.put("ExtraHosts", nullIfEmpty(network.extraHosts()));
        h.put("GroupAdd", nullIfEmpty(o.groupAdd));
        h.put("IpcMode", o.ipc);
        h.put("Cgroup", "");
        h.put("Links", nullIfEmpty(o.links));
        h.put("OomScoreAdj", o.oomScoreAdj);
        h.put("PidMode", o.pid);
        h.put("Privileged", o.privileged);
        h.put("PublishAllPorts", o.publishAll);
        h.put("ReadonlyRootfs", o.readOnly);
        h.put("SecurityOpt", nullIfEmpty(o.securityOpt));
        if (!o.tmpfs.isEmpty()) {
            h.put("Tmpfs", tmpfs());
        }
        h.put("UTSMode", o.uts);
        h.put("UsernsMode", o.userns);
        h.put("ShmSize", o.shmSize == null ? 0L : size("--shm-size", o.shmSize));
        if (!o.sysctls.isEmpty()) {
            h.put("Sysctls", keyValues(o.sysctls));
        }
        if (o.runtime != null) {
            h.put("Runtime", o.runtime);
        }
        h.put("Isolation", "");
        resources(h);
        if (!o.mounts.isEmpty()) {
            h.put("Mounts", o.mounts.stream().map(MountSpec::parse).map(MountSpec::toJson).toList());
        }
        h.put("MaskedPaths", null);
        h.put("ReadonlyPaths", null);
        if (o.init) {
            h.put("Init", true);
        }
        return h;
    }

    private void resources(Map<String, Object> h) {
        h.put("CpuShares", o.cpuShares);
        h.put("Memory", o.memory == null ? 0L : size("-m, --memory", o.memory));
        h.put("NanoCpus", o.cpus == null ? 0L : cpus(o.cpus));
        h.put("CgroupParent", o.cgroupParent);
        h.put("BlkioWeight", o.blkioWeight);
        for (String field : List.of("BlkioWeightDevice", "BlkioDeviceReadBps", "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps")) {
            h.put(field, List.of());
        }
        h.put("CpuPeriod", o.cpuPeriod);
        h.put("CpuQuota", o.cpuQuota);
        h.put("CpuRealtimePeriod", 0);
        h.put("CpuRealtimeRuntime", 0);
        h.put("CpusetCpus", o.cpusetCpus);
        h.put("CpusetMems", o.cpusetMems);
        h.put("Devices", o.devices.stream().map(CreateBody::device).toList());
        h.put("DeviceCgroupRules", null);
        h.put("DeviceRequests", null);
        h.put("MemoryReservation", o.memoryReservation == null ? 0L : size("--memory-reservation", o.memoryReservation));
        h.put("MemorySwap", o.memorySwap == null ? 0L : swap(o.memorySwap));
        h.put("MemorySwappiness", -1);
        h.put("OomKillDisable", o.oomKillDisable);
        h.put("PidsLimit", o.pidsLimit);
        h.put("Ulimits", o.ulimits.stream().map(CreateBody::ulimit).toList());
        h.put("CpuCount", 0);
        h.put("CpuPercent", 0);
        h.put("IOMaximumIOps", 0);
        h.put("IOMaximumBandwidth", 0);
    }

    /** Env files first, then {@code -e}; a bare name takes its value from the caller's environment when it has one. */
    List<String> env() {
        List<String> all = new ArrayList<>();
        for (String file : o.envFiles) {
            all.addAll(envFile(file));
        }
        all.addAll(o.env);
        return all.stream().map(this::withHostValue).toList();
    }

    private String withHostValue(String entry) {
        if (entry.contains("=") || !hostEnv.containsKey(entry)) {
            return entry;
        }
        return entry + "=" + hostEnv.get(entry);
    }

    private static List<String> envFile(String file) {
        try {
            return Files.readAllLines(Path.of(file)).stream().map(String::stripLeading)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("open " + file + ": no such file or directory");
        }
    }

    private Map<String, Object> exposedPorts() {
        Map<String, Object> ports = new TreeMap<>();
        for (String p : publishSpecs()) {
            PortSpec.parse(p).bindings().forEach(b -> ports.put(b.port(), Map.of()));
        }
        for (String e : o.expose) {
            PortSpec.exposed(e).forEach(key -> ports.put(key, Map.of()));
        }
        return ports;
    }

    private Map<String, Object> portBindings() {
        Map<String, Object> bindings = new TreeMap<>();
        for (String p : publishSpecs()) {
            for (PortSpec.Binding b : PortSpec.parse(p).bindings()) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) bindings.computeIfAbsent(b.port(), k -> new ArrayList<>());
                list.add(map("HostIp", b.hostIp(), "HostPort", b.hostPort()));
            }
        }
        return bindings;
    }

    /** docker's convertToStandardNotation: {@code published=8080,target=80[,protocol=udp]} becomes {@code 8080:80/udp}. */
    private List<String> publishSpecs() {
        List<String> specs = new ArrayList<>();
        for (String p : o.publish) {
            if (!p.contains("=")) {
                specs.add(p);
                continue;
            }
            Map<String, String> params = new HashMap<>(Map.of("protocol", "tcp"));
            for (String param : p.split(",", -1)) {
                int eq = param.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("invalid publish opts format (should be name=value but got '" + param + "')");
                }
                params.put(param.substring(0, eq), param.substring(eq + 1));
            }
            specs.add(params.getOrDefault("published", "") + ":" + params.getOrDefault("target", "") + "/" + params.get("protocol"));
        }
        return specs;
    }

    private Map<String, Object> anonymousVolumes() {
        Map<String, Object> volumes = new TreeMap<>();
        o.volumes.stream().filter(v -> !v.contains(":")).forEach(v -> volumes.put(v, Map.of()));
        return volumes;
    }

    private Map<String, Object> healthcheck() {
        if (o.noHealthcheck) {
            if (o.healthCmd != null) {
                throw new IllegalArgumentException("--no-healthcheck conflicts with --health-* options");
            }
            return map("Test", List.of("NONE"));
        }
        if (o.healthCmd == null && o.healthInterval == null && o.healthTimeout == null && o.healthStartPeriod == null
                && o.healthStartInterval == null && o.healthRetries == 0) {
            return null;
        }
        Map<String, Object> h = new LinkedHashMap<>();
        if (o.healthCmd != null) {
            h.put("Test", List.of("CMD-SHELL", o.healthCmd));
        }
        putDuration(h, "Interval", "--health-interval", o.healthInterval);
        putDuration(h, "Timeout", "--health-timeout", o.healthTimeout);
        putDuration(h, "StartPeriod", "--health-start-period", o.healthStartPeriod);
        putDuration(h, "StartInterval", "--health-start-interval", o.healthStartInterval);
        if (o.healthRetries != 0) {
            h.put("Retries", o.healthRetries);
        }
        return h;
    }

    private static void putDuration(Map<String, Object> h, String field, String flag, String value) {
        if (value == null) {
            return;
        }
        long nanos;
        try {
            nanos = GoDuration.parse(value).nanos();
        } catch (IllegalArgumentException e) {
            throw new InvalidFlag(flag, value, e.getMessage());
        }
        if (nanos < 0) {
            throw new IllegalArgumentException(flag + " cannot be negative");
        }
        if (nanos != 0) {
            h.put(field, nanos);
        }
    }

    private Map<String, Object> restartPolicy() {
        String[] parts = o.restart.split(":", 2);
        String name = parts[0];
        if (!List.of("no", "always", "unless-stopped", "on-failure", "").contains(name)) {
            throw new IllegalArgumentException("invalid restart policy '" + name + "'");
        }
        int retries = 0;
        if (parts.length > 1) {
            if (!name.equals("on-failure")) {
                throw new IllegalArgumentException("invalid restart policy format: maximum retry count can only be used with 'on-failure'");
            }
            try {
                retries = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid restart policy format: maximum retry count must be an integer");
            }
        }
        if (o.rm && !name.equals("no") && !name.isEmpty()) {
            throw new IllegalArgumentException("conflicting options: cannot specify both --restart and --rm");
        }
        return map("Name", name.isEmpty() ? "no" : name, "MaximumRetryCount", retries);
    }

    private Map<String, Object> tmpfs() {
        Map<String, Object> mounts = new TreeMap<>();
        for (String t : o.tmpfs) {
            int colon = t.indexOf(':');
            mounts.put(colon < 0 ? t : t.substring(0, colon), colon < 0 ? "" : t.substring(colon + 1));
        }
        return mounts;
    }

    static Map<String, Object> ulimit(String text) {
        String[] nameValue = text.split("=", 2);
        if (nameValue.length != 2) {
            throw new InvalidFlag("--ulimit", text, "invalid ulimit argument: " + text);
        }
        String[] limits = nameValue[1].split(":", 2);
        try {
            long soft = Long.parseLong(limits[0]);
            long hard = limits.length > 1 ? Long.parseLong(limits[1]) : soft;
            if (soft > hard) {
                throw new InvalidFlag("--ulimit", text, "ulimit soft limit must be less than or equal to hard limit: " + soft + " > " + hard);
            }
            return map("Name", nameValue[0], "Hard", hard, "Soft", soft);
        } catch (NumberFormatException e) {
            throw new InvalidFlag("--ulimit", text, "invalid ulimit value: " + nameValue[1]);
        }
    }

    private static Map<String, Object> device(String text) {
        String[] parts = text.split(":");
        String inside = parts.length > 1 ? parts[1] : parts[0];
        String permissions = parts.length > 2 ? parts[2] : "rwm";
        return map("PathOnHost", parts[0], "PathInContainer", inside, "CgroupPermissions", permissions);
    }

    static long size(String flag, String value) {
        try {
            return ByteSize.parse(value).bytes();
        } catch (IllegalArgumentException e) {
            throw new InvalidFlag(flag, value, e.getMessage());
        }
    }

    private static long swap(String value) {
        return value.equals("-1") ? -1 : size("--memory-swap", value);
    }

    private static long cpus(String value) {
        try {
            return NanoCpus.parse(value).value();
        } catch (IllegalArgumentException e) {
            throw new InvalidFlag("--cpus", value, e.getMessage());
        }
    }

    static Map<String, Object> keyValues(List<String> entries) {
        Map<String, Object> map = new TreeMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            map.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        return map;
    }

    private static <T> List<T> nullIfEmpty(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
