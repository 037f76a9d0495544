package dev.berth.daemon.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.http.Router;
import dev.berth.oci.error.ConflictException;
import dev.berth.oci.error.InvalidArgumentException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code POST /containers/{id}/update}: merges the new limits and restart policy into the stored
 * HostConfig, checks the result as create does, applies it to a running container through the runtime
 * ({@code runc update}) and then persists it.
 */
public final class UpdateRoutes {
    private final ContainerContext ctx;

    public UpdateRoutes(ContainerContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.route("POST", "/containers/{id}/update", this::update);
    }

    private void update(HttpRequest req, HttpResponse res) throws IOException {
        Container c = ctx.store().resolve(req.pathParam("id"));
        JsonNode body = req.jsonTree();
        if (body == null || !body.isObject()) {
            throw new InvalidArgumentException("update configuration cannot be empty");
        }
        synchronized (c) {
            ContainerRecord r = c.record();
            if (r.state().status().equals("removing") || r.state().dead()) {
                throw new ConflictException("Cannot update container " + r.id()
                        + ": container is marked for removal and cannot be \"update\"");
            }
            ObjectNode next = cannotUpdate(r.id(), () -> ResourceUpdate.merge(r.hostConfig(), body));
            HostConfigView view = HostConfigView.of(next);
            HostConfigChecks.resources(view);
            HostConfigChecks.restartPolicy(view);
            if (r.state().running()) {
                try {
                    ctx.runtime(r).update(r.id(), ResourceUpdate.runtimeResources(next, body));
                } catch (IOException e) {
                    throw dev.berth.http.ApiException.internal("Cannot update container %s: %s", r.id(), e.getMessage());
                }
            }
            ctx.store().update(c, x -> x.withHostConfig(next));
        }
        ctx.event(c.record(), "update", Map.of());
        Map<String, Object> out = new HashMap<>();
        out.put("Warnings", null);
        res.json(200, out);
    }

    /** dockerd prefixes a refused update with the container it refused. */
    private static ObjectNode cannotUpdate(String id, java.util.function.Supplier<ObjectNode> merge) {
        try {
            return merge.get();
        } catch (ConflictException e) {
            throw new ConflictException("Cannot update container " + id + ": " + e.getMessage());
        }
    }
}
