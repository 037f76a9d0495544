package dev.berth.daemon.container;

import dev.berth.http.ApiException;
import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.http.Router;
import dev.berth.linux.Command;
import dev.berth.linux.CommandResult;
import dev.berth.oci.error.ConflictException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /containers/{id}/top?ps_args=}: the host's {@code ps} (default {@code -ef}), keeping the rows
 * of the processes in the container's cgroup, as dockerd does.
 */
public final class TopRoutes {
    private static final Duration PS_LIMIT = Duration.ofSeconds(30);
    private final ContainerContext ctx;

    public TopRoutes(ContainerContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.route("GET", "/containers/{id}/top", this::top);
    }

    private void top(HttpRequest req, HttpResponse res) throws IOException {
        ContainerRecord r = ctx.store().resolve(req.pathParam("id")).record();
        if (!r.state().running()) {
            throw new ConflictException("Container " + r.id() + " is not running");
        }
        if (r.state().restarting()) {
            throw new ConflictException("Container " + r.id() + " is restarting, wait until the container is running");
        }
        String psArgs = req.query("ps_args").filter(a -> !a.isBlank()).orElse("-ef");
        List<String> argv = new ArrayList<>(List.of("ps"));
        argv.addAll(Arrays.asList(psArgs.strip().split("\\s+")));
        CommandResult ps = Command.of(argv).timeout(PS_LIMIT).run();
        if (!ps.succeeded()) {
            throw ApiException.internal("Error running ps: exit status %d: %s", ps.exitCode(), ps.stderr().strip());
        }
        ProcessTable table;
        try {
            table = ProcessTable.filter(ps.stdout(), CgroupPaths.ofProcess(r.state().pid()).pids());
        } catch (java.nio.file.NoSuchFileException exitedMeanwhile) {
            throw new ConflictException("Container " + r.id() + " is not running");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Processes", table.processes());
        out.put("Titles", table.titles());
        res.json(200, out);
    }
}
