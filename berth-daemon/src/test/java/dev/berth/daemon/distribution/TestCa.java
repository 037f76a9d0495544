package dev.berth.daemon.distribution;

import dev.berth.linux.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A throw-away certificate authority made with {@code openssl}, and server certificates it signs
 * for IP addresses, so a registry can serve HTTPS that berthd verifies through certs.d.
 *
 * <pre>{@code
 * TestCa ca = TestCa.create(dir);
 * TestCa.Server s = ca.serverFor(List.of("127.0.0.1", "10.231.7.2"));
 * Setup.onLoopback(kind).withTls(s.certificate(), s.key());
 * Files.copy(ca.certificate(), certsD.resolve("127.0.0.1:5000/ca.crt"));
 * }</pre>
 */
record TestCa(Path dir) {
    /** A server's certificate and key in PEM. */
    record Server(Path certificate, Path key) {
    }

    static TestCa create(Path dir) throws IOException {
        Files.createDirectories(dir);
        TestCa ca = new TestCa(dir);
        Command.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", ca.key().toString(), "-out", ca.certificate().toString(), "-days", "2",
                "-subj", "/CN=berth test CA").run().check();
        return ca;
    }

    Path certificate() {
        return dir.resolve("ca.crt");
    }

    private Path key() {
        return dir.resolve("ca.key");
    }

    /** A certificate for the addresses given (subjectAltName IP entries), signed by this CA. */
    Server serverFor(List<String> ips) throws IOException {
        String name = "server-" + String.join("_", ips).replace(':', '-');
        Path key = dir.resolve(name + ".key");
        Path csr = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + ".crt");
        Path ext = dir.resolve(name + ".ext");
        Files.writeString(ext, "subjectAltName=" + ips.stream().map(ip -> "IP:" + ip).collect(Collectors.joining(","))
                + "\nextendedKeyUsage=serverAuth\n");
        Command.of("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=" + ips.getFirst()).run().check();
        Command.of("openssl", "x509", "-req", "-in", csr.toString(), "-CA", certificate().toString(),
                "-CAkey", key().toString(), "-CAcreateserial", "-days", "2", "-extfile", ext.toString(),
                "-out", cert.toString()).run().check();
        return new Server(cert, key);
    }
}
