package dev.berth.cli.container;

import dev.berth.cli.Query;
import dev.berth.api.client.EngineClient;
import java.io.IOException;
import java.util.Arrays;

/**
 * Keeps a TTY container's (or exec's) console the size of our terminal: sends
 * {@code POST <base>/resize?h=&w=} at once and whenever {@code stty size} changes (polled every
 * 250 ms, which needs no signal handling).
 *
 * <p>Use: {@code try (ResizeWatcher w = ResizeWatcher.start(client, "/containers/" + id)) { … }}.
 */
public final class ResizeWatcher implements AutoCloseable {
    private final EngineClient client;
    private final String base;
    private final Thread thread;
    private volatile boolean running = true;

    private ResizeWatcher(EngineClient client, String base) {
        this.client = client;
        this.base = base;
        this.thread = Thread.ofPlatform().daemon().name("berth-resize").start(this::watch);
    }

    public static ResizeWatcher start(EngineClient client, String base) {
        return new ResizeWatcher(client, base);
    }

    private void watch() {
        int[] last = null;
        while (running) {
            int[] now = RawTerminal.size();
            if (now != null && !Arrays.equals(now, last)) {
                last = now;
                resize(client, base, now);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One resize; failures are ignored as docker ignores them (the container may already be gone). */
    public static void resize(EngineClient client, String base, int[] size) {
        try {
            client.post(Query.path(base + "/resize").add("h", Integer.toString(size[0])).add("w", Integer.toString(size[1])).toString(), null).close();
        } catch (IOException | RuntimeException e) {
            // The container or exec may have ended already.
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
