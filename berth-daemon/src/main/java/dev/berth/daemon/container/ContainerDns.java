package dev.berth.daemon.container;

import dev.berth.linux.NetNamespaces;
import dev.berth.network.NetworkController;
import dev.berth.network.dns.EmbeddedDns;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Docker's embedded DNS: for each container on a user-defined network, a resolver on 127.0.0.11:53 (UDP
 * and TCP) inside its sandbox. The sockets are opened in the sandbox's namespace and served from berthd,
 * so answers come from the controller's live endpoints; other names go to the upstream servers, asked
 * from the host's namespace (where the host's own resolvers, even on loopback, are reachable).
 */
public final class ContainerDns {
    private static final System.Logger LOG = dev.berth.daemon.config.Log.logger("berthd");
    private static final InetSocketAddress LISTEN = new InetSocketAddress(InetAddress.ofLiteral("127.0.0.11"), 53);
    private final NetworkController controller;
    private final Supplier<List<String>> upstreams;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    private record Running(EmbeddedDns server, Set<String> networks, Map<String, String> links) {
    }

    /**
     * @param upstreams the servers to forward to: the daemon's {@code --dns}, else the host's resolv.conf
     */
    public ContainerDns(NetworkController controller, Supplier<List<String>> upstreams) {
        this.controller = controller;
        this.upstreams = upstreams;
    }

    /**
     * Starts (or re-scopes, after connect and disconnect) the resolver of a container.
     *
     * @param links the container's own link aliases on user-defined networks (alias → linked container's
     *              name), which only this container resolves, as with Docker's {@code --link} there
     */
    public void start(String containerId, Path sandbox, Set<String> networkIds, Map<String, String> links)
            throws IOException {
        Set<String> scope = ConcurrentHashMap.newKeySet();
        scope.addAll(networkIds);
        Map<String, String> aliases = new ConcurrentHashMap<>(links);
        Running r = running.get(containerId);
        if (r != null) {
            r.networks().clear();
            r.networks().addAll(networkIds);
            r.links().clear();
            r.links().putAll(links);
            return;
        }
        List<InetSocketAddress> up = new ArrayList<>();
        for (String s : upstreams.get()) {
            up.add(new InetSocketAddress(InetAddress.ofLiteral(s), 53));
        }
        Channels ch;
        try {
            ch = NetNamespaces.callIn(sandbox, () -> {
                DatagramChannel udp = DatagramChannel.open();
                ServerSocketChannel tcp = ServerSocketChannel.open();
                try {
                    udp.bind(LISTEN);
                    tcp.bind(LISTEN);
                } catch (IOException e) {
                    udp.close();
                    tcp.close();
                    throw e;
                }
                return new Channels(udp, tcp);
            });
        } catch (Exception e) {
            throw new IOException("could not start the embedded DNS server: " + e.getMessage(), e);
        }
        EmbeddedDns server = EmbeddedDns.start(ch.udp(), ch.tcp(),
                name -> controller.resolve(scope, aliases.getOrDefault(name, name)), up);
        running.put(containerId, new Running(server, scope, aliases));
    }

    public void stop(String containerId) {
        Running r = running.remove(containerId);
        if (r != null) {
            try {
                r.server().close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the DNS server of " + containerId + ": " + e.getMessage());
            }
        }
    }

    public void stopAll() {
        List.copyOf(running.keySet()).forEach(this::stop);
    }

    private record Channels(DatagramChannel udp, ServerSocketChannel tcp) {
    }
}
