package dev.berth.cli.container;

import dev.berth.api.client.EngineClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * docker's {@code --sig-proxy}: while a non-TTY container is attached, INT, TERM and HUP sent to berth
 * go to the container as {@code POST /containers/ID/kill?signal=NAME} instead of ending berth (with a
 * TTY the terminal sends ctrl-c as a byte instead). Closing puts the previous handlers back.
 *
 * <p>Use: {@code try (SignalProxy proxy = SignalProxy.forward(client, id)) { … wait for the container … }}.
 */
public final class SignalProxy implements AutoCloseable {
    private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");

    private final Map<Signal, SignalHandler> previous = new HashMap<>();

    private SignalProxy() {
    }

    public static SignalProxy forward(EngineClient client, String container) {
        SignalProxy proxy = new SignalProxy();
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                proxy.previous.put(signal, Signal.handle(signal, s -> kill(client, container, name)));
            } catch (IllegalArgumentException unavailable) {
                // The VM keeps some signals for itself; those are simply not forwarded.
            }
        }
        return proxy;
    }

    private static void kill(EngineClient client, String container, String signal) {
        try {
            client.post("/containers/" + container + "/kill?signal=" + signal, null).close();
        } catch (Exception e) {
            // The container may have stopped meanwhile; docker ignores this too.
        }
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
