package dev.berth.registry.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The load client of bench/registry.sh's concurrency figure, so both registries are measured by the same client and
 * the client costs little: {@code clients} virtual threads share one HTTP/1.1 connection pool, and each operation
 * pushes a fresh 1 MiB blob (POST, then a monolithic PUT with its digest) and pulls it back (GET, length checked).
 * Blobs and digests are made before the clock starts. A warm-up round (unmeasured, another repository) comes first.
 * Needs only the JDK, so it runs as a source file:
 *
 * <pre>{@code
 * java berth-registry/src/test/java/dev/berth/registry/bench/ConcurrentLoad.java http://127.0.0.1:5000 128 16 1
 * }</pre>
 * Prints {@code ops/s}; arguments are base URL, operations, clients and a seed (runs with other seeds push new data).
 */
public final class ConcurrentLoad {

    private static final int SIZE = 1 << 20;

    private record Blob(byte[] content, String digest) {
    }

    private ConcurrentLoad() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int ops = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        run(http, base + "/v2/bench/warmup", blobs(Math.max(clients, ops / 4), seed * 1_000_003 + 7), clients);
        List<Blob> blobs = blobs(ops, seed);
        long start = System.nanoTime();
        int failed = run(http, base + "/v2/bench/concurrent", blobs, clients);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failed > 0) {
            System.err.println(failed + " of " + ops + " operations failed");
            System.exit(1);
        }
        System.out.printf("%.1f%n", ops / seconds);
    }

    private static List<Blob> blobs(int count, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        List<Blob> blobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] b = new byte[SIZE];
            random.nextBytes(b);
            String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
            blobs.add(new Blob(b, digest));
        }
        return blobs;
    }

    /** Runs every blob's push+pull on {@code clients} threads; returns how many failed. */
    private static int run(HttpClient http, String repo, List<Blob> blobs, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < blobs.size(); i = next.getAndIncrement()) {
                        try {
                            pushPull(http, repo, blobs.get(i));
                        } catch (Exception e) {
                            if (failed.getAndIncrement() == 0) {
                                System.err.println("first failure: " + e);
                            }
                        }
                    }
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        }
        return failed.get();
    }

    private static void pushPull(HttpClient http, String repo, Blob blob) throws Exception {
        HttpResponse<Void> post = http.send(HttpRequest.newBuilder(URI.create(repo + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        expect(post, 202);
        URI location = URI.create(repo).resolve(post.headers().firstValue("Location").orElseThrow());
        String sep = location.getRawQuery() == null ? "?" : "&";
        HttpResponse<Void> put = http.send(HttpRequest.newBuilder(URI.create(location + sep + "digest=" + blob.digest()))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob.content())).build(),
                HttpResponse.BodyHandlers.discarding());
        expect(put, 201);
        HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(URI.create(repo + "/blobs/" + blob.digest()))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        expect(get, 200);
        if (get.body().length != SIZE) {
            throw new IllegalStateException("pulled " + get.body().length + " bytes, pushed " + SIZE);
        }
    }

    private static void expect(HttpResponse<?> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.uri() + " -> " + r.statusCode());
        }
    }
}
