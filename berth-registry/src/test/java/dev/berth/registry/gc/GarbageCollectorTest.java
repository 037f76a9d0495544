package dev.berth.registry.gc;

import static dev.berth.registry.V2Client.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.oci.Digest;
import dev.berth.oci.MediaTypes;
import dev.berth.registry.TestRegistry;
import dev.berth.registry.V2Client;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GarbageCollectorTest {

    private static GarbageCollector.Options offline(boolean dryRun, boolean deleteUntagged) {
        return new GarbageCollector.Options(dryRun, deleteUntagged, Duration.ZERO);
    }

    @Test
    void collect_deletes_blobs_no_manifest_references() throws IOException {
        try (TestRegistry r = TestRegistry.inMemory()) {
            V2Client v2 = new V2Client(r.base());
            V2Client.Image kept = v2.pushImage("gc/app", "v1", MediaTypes.OCI_MANIFEST, "kept");
            Digest orphan = v2.pushBlob("gc/app", "orphan".getBytes(StandardCharsets.UTF_8));
            GarbageCollector.Report dry = r.registry().collector().collect(offline(true, false));
            assertEquals(List.of(orphan.toString()), dry.blobsDeleted());
            assertTrue(r.registry().blobs().size(orphan).isPresent(), "dry run deletes nothing");
            GarbageCollector.Report report = r.registry().collector().collect(offline(false, false));
            assertEquals(List.of(orphan.toString()), report.blobsDeleted());
            assertTrue(r.registry().blobs().size(orphan).isEmpty());
            assertEquals(404, v2.send("HEAD", "/v2/gc/app/blobs/" + orphan, null).statusCode());
            check(v2.get("/v2/gc/app/blobs/" + kept.layer()), 200);
            check(v2.get("/v2/gc/app/manifests/v1"), 200);
        }
    }

    @Test
    void delete_untagged_removes_untagged_manifests_and_their_blobs_but_keeps_referrers_of_tagged_ones()
            throws IOException {
        try (TestRegistry r = TestRegistry.inMemory()) {
            V2Client v2 = new V2Client(r.base());
            V2Client.Image old = v2.pushImage("gc/untag", "v1", MediaTypes.OCI_MANIFEST, "old");
            V2Client.Image current = v2.pushImage("gc/untag", "v1", MediaTypes.OCI_MANIFEST, "new");
            byte[] sig = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":"
                    + "\"application/x-sig\",\"config\":{\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\""
                    + current.config() + "\",\"size\":1},\"layers\":[],\"subject\":{\"mediaType\":\""
                    + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + current.manifest() + "\",\"size\":1}}")
                    .getBytes(StandardCharsets.UTF_8);
            Digest sigDigest = v2.pushManifest("gc/untag", Digest.sha256(sig).toString(), MediaTypes.OCI_MANIFEST,
                    sig);
            GarbageCollector.Report keepAll = r.registry().collector().collect(offline(false, false));
            assertEquals(List.of(), keepAll.blobsDeleted(), "without --delete-untagged every revision is a root");
            GarbageCollector.Report report = r.registry().collector().collect(offline(false, true));
            assertEquals(List.of("gc/untag@" + old.manifest()), report.manifestsDeleted());
            assertTrue(report.blobsDeleted().containsAll(List.of(old.manifest().toString(), old.layer().toString(),
                    old.config().toString())));
            assertEquals(404, v2.get("/v2/gc/untag/manifests/" + old.manifest()).statusCode());
            check(v2.get("/v2/gc/untag/manifests/" + sigDigest), 200);
            check(v2.get("/v2/gc/untag/blobs/" + current.layer()), 200);
        }
    }

    @Test
    void online_collection_never_breaks_pushes_running_during_it() throws Exception {
        try (TestRegistry r = TestRegistry.inMemory()) {
            V2Client v2 = new V2Client(r.base());
            for (int i = 0; i < 20; i++) {
                v2.pushBlob("gc/online", ("garbage-" + i).getBytes(StandardCharsets.UTF_8));
            }
            // The grace period covers a client's gap between checking a blob and pushing the manifest that
            // references it; the garbage above is older than that.
            Duration grace = Duration.ofSeconds(1);
            Thread.sleep(grace.toMillis() + 100);
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<V2Client.Image> pushed = new ConcurrentLinkedQueue<>();
            List<Thread> pushers = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                int id = p;
                pushers.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            // each push re-uses layer content other pushes made unreferenced garbage of
                            pushed.add(v2.pushImage("gc/online", "p" + id + "-" + i, MediaTypes.OCI_MANIFEST,
                                    "p" + id + "-" + (i % 3)));
                            v2.pushBlob("gc/online", ("garbage-" + id + "-" + i).getBytes(StandardCharsets.UTF_8));
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    }
                }));
            }
            int collections = 0;
            int deleted = 0;
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                GarbageCollector.Report report = r.registry().collector().collect(
                        new GarbageCollector.Options(false, true, grace));
                deleted += report.blobsDeleted().size();
                collections++;
            }
            stop.set(true);
            for (Thread t : pushers) {
                t.join();
            }
            assertEquals(List.of(), new ArrayList<>(failures));
            assertTrue(collections > 1, "collections ran: " + collections);
            assertTrue(deleted >= 20, "garbage was collected meanwhile: " + deleted);
            assertTrue(pushed.size() > 10, "pushes ran: " + pushed.size());
            for (V2Client.Image img : pushed) {
                check(v2.get("/v2/gc/online/manifests/" + img.manifest()), 200);
                check(v2.get("/v2/gc/online/blobs/" + img.layer()), 200);
                check(v2.get("/v2/gc/online/blobs/" + img.config()), 200);
            }
        }
    }

    @Test
    void concurrent_uploads_of_the_same_blob_all_succeed_with_one_copy() throws Exception {
        try (TestRegistry r = TestRegistry.inMemory()) {
            V2Client v2 = new V2Client(r.base());
            byte[] content = new byte[256 * 1024];
            new java.util.Random(7).nextBytes(content);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int id = i;
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        v2.pushBlob("same/" + id, content);
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(List.of(), new ArrayList<>(failures));
            Digest d = Digest.sha256(content);
            for (int i = 0; i < 8; i++) {
                assertArrayEquals(content, check(v2.get("/v2/same/" + i + "/blobs/" + d), 200).body());
            }
            assertEquals(List.of(), r.registry().purger().purge(Duration.ZERO, true), "no upload left behind");
        }
    }

    @Test
    void purger_removes_only_uploads_older_than_the_age() throws Exception {
        try (TestRegistry r = TestRegistry.inMemory()) {
            V2Client v2 = new V2Client(r.base());
            String stale = check(v2.send("POST", "/v2/purge/me/blobs/uploads/", null), 202).headers()
                    .firstValue("Location").orElseThrow();
            Thread.sleep(50);
            String fresh = check(v2.send("POST", "/v2/purge/me/blobs/uploads/", null), 202).headers()
                    .firstValue("Location").orElseThrow();
            List<String> purged = r.registry().purger().purge(Duration.ofMillis(25), false);
            assertEquals(1, purged.size());
            assertEquals(404, v2.get(stale).statusCode());
            check(v2.get(fresh), 204);
        }
    }
}
