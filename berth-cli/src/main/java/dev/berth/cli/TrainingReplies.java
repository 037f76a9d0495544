package dev.berth.cli;

import dev.berth.api.client.EngineClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A stand-in for the daemon while {@link Training} runs: on a unix socket it answers each request
 * berth's commands send with a reply body captured from dockerd in the reference traces
 * (resources under {@code training/}), so the commands walk their real parsing and rendering
 * code without a berthd.
 *
 * <p>Use: {@code try (TrainingReplies replies = TrainingReplies.serve(dir.resolve("d.sock"))) {
 * Berth.run(new String[] {"-H", replies.host().toString(), "images"}, session); }}
 */
final class TrainingReplies implements AutoCloseable {
    private static final String JSON = "application/json";

    private final ServerSocketChannel server;
    private final URI host;
    private final Thread thread;

    private TrainingReplies(ServerSocketChannel server, URI host) {
        this.server = server;
        this.host = host;
        this.thread = Thread.ofPlatform().daemon().name("training-replies").start(this::serve);
    }

    static TrainingReplies serve(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return new TrainingReplies(server, URI.create("unix://" + socket.toAbsolutePath()));
    }

    URI host() {
        return host;
    }

    /** A thread per connection, so a client that keeps one idle while opening another never waits on us. */
    private void serve() {
        while (server.isOpen()) {
            try {
                SocketChannel channel = server.accept();
                Thread.ofPlatform().daemon().start(() -> converse(channel));
            } catch (IOException e) {
                // close() stopped the server.
            }
        }
    }

    private static void converse(SocketChannel channel) {
        try (channel) {
            InputStream in = Channels.newInputStream(channel);
            if (!converse(in, Channels.newOutputStream(channel))) {
                // A hijacked stream: end our side, then read the client's stdin to its end so closing sends no reset.
                channel.shutdownOutput();
                in.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            // The client went away mid-request; that ends this connection only.
        }
    }

    /** Answers requests on one keep-alive connection until the client closes it; false when it was hijacked. */
    private static boolean converse(InputStream in, OutputStream out) throws IOException {
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            String[] request = line.split(" ");
            skipHeadAndBody(in);
            if (!answer(request[0], request[1].replaceFirst("^/v1\\.\\d+/", "/"), out)) {
                return false;
            }
        }
        return true;
    }

    private static void skipHeadAndBody(InputStream in) throws IOException {
        long length = 0;
        boolean chunked = false;
        for (String field = readLine(in); field != null && !field.isEmpty(); field = readLine(in)) {
            String lower = field.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            in.skipNBytes(length);
            return;
        }
        for (String size = readLine(in); size != null; size = readLine(in)) {
            long chunk = Long.parseLong(size.split(";")[0].strip(), 16);
            in.skipNBytes(chunk);
            readLine(in);
            if (chunk == 0) {
                return;
            }
        }
    }

    /** Writes the reply; false when the connection was taken over (hijacked) and must now close. */
    private static boolean answer(String method, String path, OutputStream out) throws IOException {
        String route = path.split("\\?")[0];
        Reply reply = switch (method + " " + route) {
            case "HEAD /_ping", "GET /_ping" -> new Reply(200, "text/plain", "OK");
            case "GET /version" -> json("version.json");
            case "GET /info" -> json("info.json");
            case "GET /images/json" -> json("images.json");
            case "GET /system/df" -> json("system-df.json");
            case "GET /events" -> json("events.jsonl");
            case "GET /images/get" -> new Reply(200, "application/x-tar", new String(new byte[1024], StandardCharsets.ISO_8859_1));
            case "POST /images/create" -> json(path.contains("fromImage=") ? "pull.jsonl" : "import.jsonl");
            case "POST /auth" -> json("auth.json");
            case "POST /images/load" -> json("load.jsonl");
            case "POST /images/prune" -> json("prune.json");
            default -> route.startsWith("/images/") ? imageRoute(method, route) : ContainerReplies.answer(method, route);
        };
        if (reply.upgrade()) {
            upgrade(out);
            return false;
        }
        byte[] body = reply.body().getBytes(StandardCharsets.ISO_8859_1);
        String head = "HTTP/1.1 " + reply.status() + " Training\r\nApi-Version: " + EngineClient.MAX_VERSION
                + "\r\nContent-Type: " + reply.contentType() + reply.extraHeaders() + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (!method.equals("HEAD")) {
            out.write(body);
        }
        out.flush();
        return true;
    }

    /** Docker's hijack: 101, then one stdout frame, then the end of the stream (the connection closes). */
    private static void upgrade(OutputStream out) throws IOException {
        out.write(("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\n"
                + "Upgrade: tcp\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(ContainerReplies.FRAME.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** {@code /images/NAME/...}; the image named {@code missing} is not there, so error replies are walked too. */
    private static Reply imageRoute(String method, String route) {
        if (!route.startsWith("/images/") || route.startsWith("/images/missing")) {
            return new Reply(404, JSON, resource("error.json"));
        }
        if (method.equals("DELETE")) {
            return json("rmi.json");
        }
        if (route.endsWith("/history")) {
            return json("history.json");
        }
        if (route.endsWith("/push")) {
            return json("push.jsonl");
        }
        if (route.endsWith("/tag")) {
            return new Reply(201, "text/plain", "");
        }
        return json("image-inspect.json");
    }

    static Reply json(String name) {
        return new Reply(200, JSON, resource(name));
    }

    static String resource(String name) {
        try (InputStream in = TrainingReplies.class.getResourceAsStream("training/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing training resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** One canned answer; {@code extraHeaders} are whole {@code \r\nName: value} lines, {@code upgrade} asks for a hijack. */
    record Reply(int status, String contentType, String body, String extraHeaders, boolean upgrade) {
        Reply(int status, String contentType, String body) {
            this(status, contentType, body, "", false);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
