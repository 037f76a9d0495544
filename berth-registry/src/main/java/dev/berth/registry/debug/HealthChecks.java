package dev.berth.registry.debug;

import dev.berth.registry.config.RegistryConfig;
import dev.berth.registry.storage.StorageDriver;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code health}: checks run on their intervals, each failing after {@code threshold} failures in a row;
 * {@code /debug/health} answers 200 {@code {}} when all pass and 503 with each failing check's message otherwise.
 * As in distribution, a file check fails while its file exists (an operator's "drain me" switch).
 */
public final class HealthChecks {

    private final Map<String, String> failing = new ConcurrentHashMap<>();
    private final Map<String, Integer> streaks = new ConcurrentHashMap<>();

    public void schedule(RegistryConfig.Health health, StorageDriver driver, ScheduledExecutorService timer) {
        if (health.storageDriver().enabled()) {
            every(timer, health.storageDriver().interval().toMillis(), "storagedriver_" + driver.name(),
                    health.storageDriver().threshold(), () -> driver.stat("/"));
        }
        for (RegistryConfig.FileCheck f : health.file()) {
            every(timer, f.interval().toMillis(), f.file().toString(), 1, () -> {
                if (Files.exists(f.file())) {
                    throw new IllegalStateException("file exists");
                }
                return null;
            });
        }
        HttpClient client = health.http().isEmpty() ? null : HttpClient.newHttpClient();
        for (RegistryConfig.HttpCheck h : health.http()) {
            every(timer, h.interval().toMillis(), h.uri().toString(), h.threshold(), () -> {
                HttpRequest.Builder b = HttpRequest.newBuilder(h.uri()).timeout(h.timeout()).GET();
                h.headers().forEach((k, vs) -> vs.forEach(v -> b.header(k, v)));
                int status = client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != h.statusCode()) {
                    throw new IllegalStateException("downstream service returned unexpected status: " + status);
                }
                return null;
            });
        }
    }

    /** Runs one check now, counting it like a scheduled run (tests and the first run use it). */
    public void run(String name, int threshold, Check check) {
        try {
            check.run();
            streaks.remove(name);
            failing.remove(name);
        } catch (Exception e) {
            int streak = streaks.merge(name, 1, Integer::sum);
            if (streak >= threshold) {
                failing.put(name, String.valueOf(e.getMessage()));
            }
        }
    }

    /** Failing checks and their messages; empty when healthy. */
    public Map<String, String> status() {
        return new TreeMap<>(failing);
    }

    /** One check: returns when healthy, throws with the reason when not. */
    @FunctionalInterface
    public interface Check {
        Object run() throws Exception;
    }

    private void every(ScheduledExecutorService timer, long millis, String name, int threshold, Check check) {
        run(name, threshold, check);
        timer.scheduleWithFixedDelay(() -> run(name, threshold, check), millis, millis, TimeUnit.MILLISECONDS);
    }
}
