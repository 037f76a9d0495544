package dev.berth.daemon.distribution;

import dev.berth.linux.Command;
import java.io.IOException;

/**
 * A network namespace joined to the host by a veth pair on a /30 of the test's own (10.200.x.0),
 * so a registry can listen on an address that is not loopback while traffic stays on this machine.
 */
final class TestNamespace implements AutoCloseable {
    private final String name;
    private final String hostVeth;

    private TestNamespace(String name, String hostVeth) {
        this.name = name;
        this.hostVeth = hostVeth;
    }

    static TestNamespace create(String name, String hostIp, String nsIp) throws IOException {
        String hostVeth = "vh" + name;
        String nsVeth = "vn" + name;
        Command.of("ip", "netns", "add", name).run().check();
        TestNamespace ns = new TestNamespace(name, hostVeth);
        try {
            Command.of("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", nsVeth).run().check();
            Command.of("ip", "link", "set", nsVeth, "netns", name).run().check();
            Command.of("ip", "addr", "add", hostIp + "/30", "dev", hostVeth).run().check();
            Command.of("ip", "link", "set", hostVeth, "up").run().check();
            Command.of("ip", "netns", "exec", name, "ip", "addr", "add", nsIp + "/30", "dev", nsVeth).run().check();
            Command.of("ip", "netns", "exec", name, "ip", "link", "set", nsVeth, "up").run().check();
            Command.of("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up").run().check();
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    @Override
    public void close() throws IOException {
        Command.of("ip", "link", "del", hostVeth).run();
        Command.of("ip", "netns", "del", name).run();
    }
}
