package dev.berth.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The ioctls against real links: a bridge and a veth pair made for the test. */
@Tag("integration")
class InterfacesTest {

    @Test
    void brings_a_link_up_and_enslaves_it_to_a_bridge() throws Exception {
        String tag = Long.toHexString(System.nanoTime() & 0xfffff);
        String br = "ibr" + tag;
        String veth = "iva" + tag;
        Command.of("ip", "link", "add", br, "type", "bridge").run().check();
        try {
            Command.of("ip", "link", "add", veth, "type", "veth", "peer", "name", "ivb" + tag).run().check();
            Interfaces.addToBridge(br, veth);
            Interfaces.up(veth);
            assertEquals(br, Files.readSymbolicLink(Path.of("/sys/class/net", veth, "master")).getFileName().toString());
            int flags = Integer.decode(Files.readString(Path.of("/sys/class/net", veth, "flags")).strip());
            assertTrue((flags & 1) == 1, "IFF_UP");
        } finally {
            Command.of("ip", "link", "del", veth).run();
            Command.of("ip", "link", "del", br).run();
        }
    }

    @Test
    void a_missing_link_is_an_error_naming_it() {
        LinuxException e = assertThrows(LinuxException.class, () -> Interfaces.up("nosuchlink0"));
        assertTrue(e.getMessage().contains("nosuchlink0"), e.getMessage());
    }
}
