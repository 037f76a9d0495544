package dev.berth.cli;

import dev.berth.api.client.EngineClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What one berth invocation works with: its streams, environment and the daemon endpoint. The
 * connection is made, and the API version negotiated, only when a command first asks for
 * {@link #client()}, so {@code --help} and argument errors never touch the daemon.
 *
 * <p>Use: a command calls {@code session.client().get("/info")}; a failure to reach the daemon
 * becomes docker's "Cannot connect …" {@link StatusError}.
 */
public final class Session implements AutoCloseable {
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Terminals terminals;
    private final Clock clock;
    private DaemonEndpoint.Flags flags;
    private EngineClient client;

    /** Whether stdin and stdout are terminals, which changes what save and load do. */
    public record Terminals(boolean in, boolean out) {
        public static final Terminals NONE = new Terminals(false, false);
    }

    public Session(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Terminals terminals, Clock clock) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
        this.terminals = terminals;
        this.clock = clock;
    }

    void useFlags(DaemonEndpoint.Flags flags) {
        this.flags = flags;
    }

    public InputStream in() {
        return in;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public Map<String, String> env() {
        return env;
    }

    public Terminals terminals() {
        return terminals;
    }

    public Clock clock() {
        return clock;
    }

    public DaemonEndpoint endpoint() {
        DaemonEndpoint.Flags given = flags != null ? flags : new DaemonEndpoint.Flags(null, false, false, null, null, null);
        try {
            return DaemonEndpoint.resolve(given, env, Path.of(env.getOrDefault("HOME", System.getProperty("user.home"))));
        } catch (IllegalArgumentException e) {
            throw new StatusError(1, e.getMessage());
        }
    }

    /** Makes a command object: commands take the session in their constructor, picocli's own types do not. */
    public <K> K factoryCreate(Class<K> type) {
        try {
            try {
                return type.getDeclaredConstructor(Session.class).newInstance(this);
            } catch (NoSuchMethodException plain) {
                return picocli.CommandLine.defaultFactory().create(type);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + type.getName(), e);
        }
    }

    /** The client, connected and version-negotiated on first use. */
    public EngineClient client() {
        if (client == null) {
            DaemonEndpoint endpoint = endpoint();
            try {
                EngineClient connected = EngineClient.connect(endpoint.host(), endpoint.tls());
                connected.negotiate();
                client = connected;
            } catch (IOException e) {
                throw cannotConnect(endpoint);
            }
        }
        return client;
    }

    /** docker's wording for a daemon that is not there. */
    public static StatusError cannotConnect(DaemonEndpoint endpoint) {
        return new StatusError(1, "Cannot connect to the Berth daemon at " + endpoint.host() + ". Is the berth daemon running?");
    }

    /** An I/O failure talking to a daemon that answered before is still a connection failure to the user. */
    public StatusError lostConnection(IOException e) {
        return new StatusError(1, "error during connect: " + e.getMessage());
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
