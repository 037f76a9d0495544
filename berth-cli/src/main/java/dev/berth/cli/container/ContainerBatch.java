package dev.berth.cli.container;

import dev.berth.api.client.EngineError;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * docker's way with several containers: act on each in turn, print each name as typed when it
 * worked, and after the last one report every failure together with exit status 1.
 *
 * <p>Use: {@code ContainerBatch.apply(session, names, name -> client.post("/containers/" + name + "/stop", null).close());}
 */
public final class ContainerBatch {
    /** One container's request; an {@link EngineError} is that container's failure. */
    public interface Action {
        void apply(String name) throws IOException;
    }

    private ContainerBatch() {
    }

    public static int apply(Session session, List<String> names, Action action) throws IOException {
        List<String> errors = new ArrayList<>();
        for (String name : names) {
            try {
                action.apply(name);
                session.out().println(name);
            } catch (EngineError e) {
                errors.add("Error response from daemon: " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new StatusError(1, String.join("\n", errors));
        }
        return 0;
    }
}
