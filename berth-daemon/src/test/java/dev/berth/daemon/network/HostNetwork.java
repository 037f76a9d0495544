package dev.berth.daemon.network;

import dev.berth.testkit.TestBridge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The host side of networking tests: host commands ({@code ip}, {@code nft}, {@code nsenter}), free
 * 10.x subnets that clash with no host route, and clients that reach published ports from the host.
 * Traffic only ever goes to this host's own addresses or to namespaces the tests made.
 */
final class HostNetwork {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private HostNetwork() {
    }

    /** What a host command did. */
    record Output(int exitCode, String stdout, String stderr) {
        Output check() {
            if (exitCode != 0) {
                throw new AssertionError("exit " + exitCode + "\n" + stdout + "\n" + stderr);
            }
            return this;
        }
    }

    static String hex(int chars) {
        return HexFormat.of().formatHex(bytes((chars + 1) / 2)).substring(0, chars);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static Output run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " timed out");
            }
            return new Output(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A free 10.x.y (first three octets of a /24) for a test's network, as test bridges get theirs. */
    static String freeSubnet24() {
        try {
            return TestBridge.freeSubnet24();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The IPv4 address of the interface the default route leaves by: the host as other machines see it. */
    static String externalAddress() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/route")).stream().skip(1).toList()) {
                String[] f = line.trim().split("\\s+");
                if (f[1].equals("00000000") && f[7].equals("00000000")) {
                    String addr = run("ip", "-o", "-4", "addr", "show", "dev", f[0], "scope", "global").check().stdout();
                    String[] words = addr.trim().split("\\s+");
                    for (int i = 0; i + 1 < words.length; i++) {
                        if (words[i].equals("inet")) {
                            return words[i + 1].substring(0, words[i + 1].indexOf('/'));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the host has no default route with an IPv4 address");
    }

    /** berthd's nftables table, or empty when it does not exist. */
    static String nftTable(String table) {
        Output o = run("nft", "list", "table", "inet", table);
        return o.exitCode() == 0 ? o.stdout() : "";
    }

    static boolean nftTableExists(String table) {
        return run("nft", "list", "tables").check().stdout().lines().anyMatch(l -> l.strip().equals("table inet " + table));
    }

    /** The body of {@code http://ADDRESS:PORT/}, or throws when it cannot be fetched. */
    static String httpGet(String address, int port) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + "/"))
                .timeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> res = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IOException("HTTP " + res.statusCode() + " from " + address + ":" + port);
        }
        return res.body();
    }

    /** Sends one datagram to ADDRESS:PORT and returns the reply. */
    static String udpExchange(String address, int port, String message) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(2000);
            byte[] out = message.getBytes(StandardCharsets.UTF_8);
            IOException last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                s.send(new DatagramPacket(out, out.length, new InetSocketAddress(InetAddress.ofLiteral(address), port)));
                DatagramPacket in = new DatagramPacket(new byte[1500], 1500);
                try {
                    s.receive(in);
                    return new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    last = e;
                }
            }
            throw last;
        }
    }
}
