package dev.berth.daemon.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.image.store.Image;
import dev.berth.image.store.ImageStore;
import dev.berth.oci.ContainerConfig;
import dev.berth.oci.OciJson;
import dev.berth.oci.error.NotFoundException;
import dev.berth.storage.archive.TreeRemover;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /containers/create}: checks the request, merges it with the image, prepares the
 * container's writable snapshot and files, and stores the record. Nothing is left behind when a
 * check fails.
 */
public final class ContainerCreator {
    private final ContainerContext ctx;

    public ContainerCreator(ContainerContext ctx) {
        this.ctx = ctx;
    }

    public ContainerRecord create(JsonNode body, Optional<String> requestedName) throws IOException {
        String name = requestedName.filter(n -> !n.isEmpty()).map(Names::validate).orElse(null);
        ContainerConfig req = OciJson.mapper().convertValue(body, ContainerConfig.class);
        HostConfigView hc = HostConfigView.of(body.get("HostConfig"));
        HostConfigChecks.check(hc, ctx.runtimes().keySet(), !ctx.snapshotter().idMap().isIdentity());
        if (req.image().isEmpty()) {
            throw new dev.berth.oci.error.InvalidArgumentException("No image was specified");
        }
        Image image = ctx.images().find(req.image())
                .orElseThrow(() -> new NotFoundException("No such image: " + ImageStore.shownName(req.image())));
        String id = Names.newId();
        ContainerConfig config = ConfigMerge.merge(req, image.config().configOrEmpty(), req.image(), id.substring(0, 12));
        List<String> command = ConfigMerge.commandLine(config);
        if (name == null) {
            name = freeName();
        }
        NetworkState networks = ctx.networking().plan(hc, body.get("NetworkingConfig"));
        List<ContainerRecord.MountPoint> mounts = ctx.mounts().resolve(config, hc);
        ObjectNode hostConfig = withDefaults(hc);
        String runtime = hc.runtime(ctx.config().get().runtime().defaultRuntime());
        ContainerRecord record = new ContainerRecord(id, name, Instant.now().toString(), command.getFirst(),
                command.subList(1, command.size()), config, hostConfig, image.id().toString(), ContainerState.created(),
                0, ctx.snapshotter().type(), runtime, false, mounts);
        Optional<String> parent = image.layers().isEmpty() ? Optional.empty()
                : Optional.of(image.layers().getLast().snapshot());
        ctx.snapshotter().prepare(id, parent);
        try {
            java.nio.file.Files.createDirectories(ctx.store().dir(id));
            ContainerFiles.write(ctx.store().dir(id), config.hostname() + domain(config), hc.strings("ExtraHosts"),
                    hc.networkMode().equals("host"),
                    hc.strings("Dns").isEmpty() ? ctx.config().get().network().dns() : hc.strings("Dns"),
                    hc.strings("DnsSearch").isEmpty() ? ctx.config().get().network().dnsSearch() : hc.strings("DnsSearch"),
                    hc.strings("DnsOptions"));
            ctx.networking().save(id, networks);
            ctx.store().add(record);
        } catch (IOException | RuntimeException e) {
            ctx.snapshotter().remove(id);
            deleteQuietly(ctx.store().dir(id));
            throw e;
        }
        ctx.event(record, "create", Map.of());
        return record;
    }

    private static String domain(ContainerConfig c) {
        return c.domainname().isEmpty() ? "" : "." + c.domainname();
    }

    private String freeName() {
        for (int i = 0; i < 10; i++) {
            String n = Names.generate();
            if (ctx.store().find(n).isEmpty()) {
                return n;
            }
        }
        return Names.generate() + (System.nanoTime() % 100);
    }

    /** The HostConfig as inspect shows it: what the client sent plus the defaults the daemon applied. */
    private ObjectNode withDefaults(HostConfigView hc) {
        ObjectNode h = hc.json().deepCopy();
        if (h.path("NetworkMode").asText("").isEmpty()) {
            h.put("NetworkMode", "default");
        }
        if (h.path("ShmSize").asLong(0) == 0) {
            h.put("ShmSize", 64L * 1024 * 1024);
        }
        if (h.path("Runtime").asText("").isEmpty()) {
            h.put("Runtime", ctx.config().get().runtime().defaultRuntime());
        }
        if (!h.has("RestartPolicy") || h.get("RestartPolicy").isNull()) {
            h.putObject("RestartPolicy").put("Name", "no").put("MaximumRetryCount", 0);
        }
        if (!h.has("LogConfig") || h.path("LogConfig").path("Type").asText("").isEmpty()) {
            h.putObject("LogConfig").put("Type", "k8s-file").putObject("Config");
        }
        return h;
    }

    private static void deleteQuietly(java.nio.file.Path dir) {
        try {
            TreeRemover.remove(dir);
        } catch (IOException ignored) {
            // best effort: the record was never written, so nothing refers to this directory
        }
    }
}
