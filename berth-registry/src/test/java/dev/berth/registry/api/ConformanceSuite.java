package dev.berth.registry.api;

import static dev.berth.registry.V2Client.check;
import static dev.berth.registry.V2Client.errorCode;
import static dev.berth.registry.V2Client.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.oci.Digest;
import dev.berth.oci.MediaTypes;
import dev.berth.oci.OciJson;
import dev.berth.registry.TestRegistry;
import dev.berth.registry.V2Client;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OCI distribution-spec conformance workflows (pull, push, content discovery, content management), run
 * against the in-memory driver and the filesystem driver.
 */
abstract class ConformanceSuite {

    protected TestRegistry registry;
    protected V2Client v2;

    protected abstract TestRegistry start() throws IOException;

    @BeforeEach
    void setUp() throws IOException {
        registry = start();
        v2 = new V2Client(registry.base());
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    // --- pull ---------------------------------------------------------------------------------------------------

    @Test
    void base_answers_with_the_api_version_header() throws IOException {
        HttpResponse<byte[]> r = check(v2.get("/v2/"), 200);
        assertEquals("registry/2.0", r.headers().firstValue("Docker-Distribution-API-Version").orElseThrow());
        assertEquals("{}", new String(r.body(), StandardCharsets.UTF_8).strip());
    }

    @Test
    void pull_manifest_by_tag_and_by_digest_returns_the_pushed_bytes() throws IOException {
        V2Client.Image img = v2.pushImage("conf/pull", "v1", MediaTypes.OCI_MANIFEST, "a");
        for (String ref : List.of("v1", img.manifest().toString())) {
            HttpResponse<byte[]> r = check(v2.get("/v2/conf/pull/manifests/" + ref, "Accept", MediaTypes.OCI_MANIFEST),
                    200);
            assertArrayEquals(img.manifestBytes(), r.body());
            assertEquals(MediaTypes.OCI_MANIFEST, r.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(img.manifest().toString(), r.headers().firstValue("Docker-Content-Digest").orElseThrow());
        }
        HttpResponse<byte[]> head = check(v2.send("HEAD", "/v2/conf/pull/manifests/v1", null), 200);
        assertEquals(String.valueOf(img.manifestBytes().length),
                head.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void pull_unknown_manifest_is_manifest_unknown() throws IOException {
        v2.pushImage("conf/pull", "v1", MediaTypes.OCI_MANIFEST, "a");
        HttpResponse<byte[]> r = check(v2.get("/v2/conf/pull/manifests/nope"), 404);
        assertEquals("MANIFEST_UNKNOWN", errorCode(r));
        assertEquals(404, v2.send("HEAD", "/v2/conf/pull/manifests/sha256:" + "0".repeat(64), null).statusCode());
    }

    @Test
    void pull_blob_whole_ranged_and_conditional() throws IOException {
        byte[] content = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        Digest d = v2.pushBlob("conf/blob", content);
        HttpResponse<byte[]> whole = check(v2.get("/v2/conf/blob/blobs/" + d), 200);
        assertArrayEquals(content, whole.body());
        assertEquals(d.toString(), whole.headers().firstValue("Docker-Content-Digest").orElseThrow());
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        assertEquals("\"" + d + "\"", etag);
        HttpResponse<byte[]> part = check(v2.get("/v2/conf/blob/blobs/" + d, "Range", "bytes=4-7"), 206);
        assertEquals("4567", new String(part.body(), StandardCharsets.UTF_8));
        assertEquals("bytes 4-7/16", part.headers().firstValue("Content-Range").orElseThrow());
        assertEquals(416, v2.get("/v2/conf/blob/blobs/" + d, "Range", "bytes=20-30").statusCode());
        assertEquals(304, v2.get("/v2/conf/blob/blobs/" + d, "If-None-Match", etag).statusCode());
        HttpResponse<byte[]> head = check(v2.send("HEAD", "/v2/conf/blob/blobs/" + d, null), 200);
        assertEquals("16", head.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void pull_unknown_blob_is_blob_unknown_and_blobs_are_per_repository() throws IOException {
        Digest d = v2.pushBlob("conf/one", "x".getBytes(StandardCharsets.UTF_8));
        assertEquals("BLOB_UNKNOWN", errorCode(check(v2.get("/v2/conf/two/blobs/" + d), 404)));
        assertEquals("DIGEST_INVALID", errorCode(check(v2.get("/v2/conf/one/blobs/sha256:xyz"), 400)));
    }

    @Test
    void invalid_repository_names_are_name_invalid() throws IOException {
        for (String name : List.of("UPPER", "a..b", "-lead", "a/_b")) {
            HttpResponse<byte[]> r = v2.get("/v2/" + name + "/tags/list");
            assertEquals(400, r.statusCode(), name);
            assertEquals("NAME_INVALID", errorCode(r), name);
        }
        assertEquals("NAME_INVALID", errorCode(v2.get("/v2/" + "a".repeat(256) + "/tags/list")));
    }

    // --- push ---------------------------------------------------------------------------------------------------

    @Test
    void push_blob_in_one_post_with_digest() throws IOException {
        byte[] content = "monolithic".getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.sha256(content);
        HttpResponse<byte[]> r = check(v2.send("POST", "/v2/conf/mono/blobs/uploads/?digest=" + d, content,
                "Content-Type", "application/octet-stream"), 201);
        assertEquals(d.toString(), r.headers().firstValue("Docker-Content-Digest").orElseThrow());
        assertTrue(r.headers().firstValue("Location").orElseThrow().endsWith("/v2/conf/mono/blobs/" + d));
        assertArrayEquals(content, check(v2.get("/v2/conf/mono/blobs/" + d), 200).body());
    }

    @Test
    void push_blob_in_chunks_with_content_range_and_status() throws IOException {
        byte[] content = "chunk-one|chunk-two|end".getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.sha256(content);
        HttpResponse<byte[]> start = check(v2.send("POST", "/v2/conf/chunk/blobs/uploads/", null), 202);
        String location = start.headers().firstValue("Location").orElseThrow();
        assertTrue(start.headers().firstValue("Docker-Upload-UUID").isPresent());
        HttpResponse<byte[]> p1 = check(v2.send("PATCH", location, Arrays.copyOfRange(content, 0, 10),
                "Content-Range", "0-9", "Content-Type", "application/octet-stream"), 202);
        assertEquals("0-9", p1.headers().firstValue("Range").orElseThrow());
        location = p1.headers().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> outOfOrder = v2.send("PATCH", location, Arrays.copyOfRange(content, 15, 20),
                "Content-Range", "15-19", "Content-Type", "application/octet-stream");
        assertEquals(416, outOfOrder.statusCode());
        assertEquals("0-9", outOfOrder.headers().firstValue("Range").orElseThrow());
        check(v2.send("PATCH", location, Arrays.copyOfRange(content, 10, 20), "Content-Range", "10-19",
                "Content-Type", "application/octet-stream"), 202);
        HttpResponse<byte[]> status = check(v2.get(location), 204);
        assertEquals("0-19", status.headers().firstValue("Range").orElseThrow());
        check(v2.send("PUT", location + "?digest=" + d, Arrays.copyOfRange(content, 20, content.length),
                "Content-Type", "application/octet-stream"), 201);
        assertArrayEquals(content, check(v2.get("/v2/conf/chunk/blobs/" + d), 200).body());
        assertEquals("BLOB_UPLOAD_UNKNOWN", errorCode(check(v2.get(location), 404)));
    }

    @Test
    void push_with_wrong_digest_is_digest_invalid_and_leaves_no_blob() throws IOException {
        byte[] content = "real".getBytes(StandardCharsets.UTF_8);
        Digest wrong = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> r = v2.send("POST", "/v2/conf/bad/blobs/uploads/?digest=" + wrong, content);
        assertEquals(400, r.statusCode());
        assertEquals("DIGEST_INVALID", errorCode(r));
        assertEquals(404, v2.send("HEAD", "/v2/conf/bad/blobs/" + wrong, null).statusCode());
        assertEquals(404, v2.send("HEAD", "/v2/conf/bad/blobs/" + Digest.sha256(content), null).statusCode());
        assertTrue(registry.registry().blobs().size(Digest.sha256(content)).isEmpty());
    }

    @Test
    void cancelled_upload_is_gone() throws IOException {
        String location = check(v2.send("POST", "/v2/conf/cancel/blobs/uploads/", null), 202).headers()
                .firstValue("Location").orElseThrow();
        check(v2.send("DELETE", location, null), 204);
        assertEquals(404, v2.get(location).statusCode());
    }

    @Test
    void mount_links_a_blob_from_another_repository() throws IOException {
        Digest d = v2.pushBlob("conf/source", "shared".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> r = check(v2.send("POST", "/v2/conf/target/blobs/uploads/?mount=" + d
                + "&from=conf/source", null), 201);
        assertTrue(r.headers().firstValue("Location").orElseThrow().endsWith("/v2/conf/target/blobs/" + d));
        check(v2.send("HEAD", "/v2/conf/target/blobs/" + d, null), 200);
        HttpResponse<byte[]> fallback = v2.send("POST", "/v2/conf/target/blobs/uploads/?mount=sha256:"
                + "1".repeat(64) + "&from=conf/source", null);
        assertEquals(202, fallback.statusCode());
    }

    @Test
    void manifest_referencing_a_missing_blob_is_refused() throws IOException {
        Digest config = v2.pushBlob("conf/missing", "{}".getBytes(StandardCharsets.UTF_8));
        byte[] manifest = OciJson.bytes(Map.of("schemaVersion", 2, "mediaType", MediaTypes.OCI_MANIFEST,
                "config", Map.of("mediaType", MediaTypes.OCI_CONFIG, "digest", config.toString(), "size", 2),
                "layers", List.of(Map.of("mediaType", MediaTypes.OCI_LAYER, "digest", "sha256:" + "2".repeat(64),
                        "size", 1))));
        HttpResponse<byte[]> r = v2.send("PUT", "/v2/conf/missing/manifests/v1", manifest,
                "Content-Type", MediaTypes.OCI_MANIFEST);
        assertEquals(400, r.statusCode());
        assertEquals("MANIFEST_BLOB_UNKNOWN", errorCode(r));
        assertEquals("sha256:" + "2".repeat(64), json(r).path("errors").path(0).path("detail").asText());
    }

    @Test
    void index_and_manifest_list_need_their_children() throws IOException {
        V2Client.Image child = v2.pushImage("conf/index", "child", MediaTypes.DOCKER_MANIFEST, "c");
        for (String type : List.of(MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST)) {
            byte[] good = OciJson.bytes(Map.of("schemaVersion", 2, "mediaType", type, "manifests", List.of(
                    Map.of("mediaType", MediaTypes.DOCKER_MANIFEST, "digest", child.manifest().toString(),
                            "size", child.manifestBytes().length,
                            "platform", Map.of("architecture", "amd64", "os", "linux")))));
            Digest d = v2.pushManifest("conf/index", "multi", type, good);
            HttpResponse<byte[]> r = check(v2.get("/v2/conf/index/manifests/" + d, "Accept", type), 200);
            assertEquals(type, r.headers().firstValue("Content-Type").orElseThrow());
            byte[] bad = OciJson.bytes(Map.of("schemaVersion", 2, "mediaType", type, "manifests", List.of(
                    Map.of("mediaType", MediaTypes.DOCKER_MANIFEST, "digest", "sha256:" + "3".repeat(64),
                            "size", 10))));
            assertEquals("MANIFEST_BLOB_UNKNOWN", errorCode(v2.send("PUT", "/v2/conf/index/manifests/bad", bad,
                    "Content-Type", type)));
        }
    }

    @Test
    void manifest_put_by_wrong_digest_and_invalid_manifests_are_refused() throws IOException {
        V2Client.Image img = v2.pushImage("conf/put", "v1", MediaTypes.DOCKER_MANIFEST, "p");
        HttpResponse<byte[]> wrong = v2.send("PUT", "/v2/conf/put/manifests/sha256:" + "4".repeat(64),
                img.manifestBytes(), "Content-Type", MediaTypes.DOCKER_MANIFEST);
        assertEquals("DIGEST_INVALID", errorCode(wrong));
        assertEquals("MANIFEST_INVALID", errorCode(v2.send("PUT", "/v2/conf/put/manifests/v2",
                "not json".getBytes(StandardCharsets.UTF_8), "Content-Type", MediaTypes.OCI_MANIFEST)));
        assertEquals("MANIFEST_INVALID", errorCode(v2.send("PUT", "/v2/conf/put/manifests/v2", img.manifestBytes(),
                "Content-Type", MediaTypes.OCI_MANIFEST)));
        assertEquals("TAG_INVALID", errorCode(v2.send("PUT", "/v2/conf/put/manifests/.bad", img.manifestBytes(),
                "Content-Type", MediaTypes.DOCKER_MANIFEST)));
    }

    @Test
    void accept_negotiation_refuses_types_the_client_does_not_take() throws IOException {
        v2.pushImage("conf/accept", "oci", MediaTypes.OCI_MANIFEST, "n");
        assertEquals(404, v2.get("/v2/conf/accept/manifests/oci", "Accept", MediaTypes.DOCKER_MANIFEST).statusCode());
        check(v2.get("/v2/conf/accept/manifests/oci", "Accept",
                MediaTypes.DOCKER_MANIFEST + ", " + MediaTypes.OCI_MANIFEST + ";q=0.9"), 200);
        check(v2.get("/v2/conf/accept/manifests/oci", "Accept", "*/*"), 200);
        check(v2.get("/v2/conf/accept/manifests/oci"), 200);
    }

    // --- content discovery --------------------------------------------------------------------------------------

    @Test
    void tags_list_paginates_with_n_last_and_link() throws IOException {
        V2Client.Image img = v2.pushImage("conf/tags", "a", MediaTypes.OCI_MANIFEST, "t");
        for (String t : List.of("d", "c", "b", "e")) {
            v2.pushManifest("conf/tags", t, MediaTypes.OCI_MANIFEST, img.manifestBytes());
        }
        assertEquals(List.of("a", "b", "c", "d", "e"), tags(check(v2.get("/v2/conf/tags/tags/list"), 200)));
        HttpResponse<byte[]> page1 = check(v2.get("/v2/conf/tags/tags/list?n=2"), 200);
        assertEquals(List.of("a", "b"), tags(page1));
        String link = page1.headers().firstValue("Link").orElseThrow();
        assertEquals("</v2/conf/tags/tags/list?last=b&n=2>; rel=\"next\"", link);
        HttpResponse<byte[]> page2 = check(v2.get(link.substring(1, link.indexOf('>'))), 200);
        assertEquals(List.of("c", "d"), tags(page2));
        HttpResponse<byte[]> last = check(v2.get("/v2/conf/tags/tags/list?n=2&last=d"), 200);
        assertEquals(List.of("e"), tags(last));
        assertTrue(last.headers().firstValue("Link").isEmpty());
        assertEquals("PAGINATION_NUMBER_INVALID", errorCode(v2.get("/v2/conf/tags/tags/list?n=-1")));
        assertEquals("NAME_UNKNOWN", errorCode(check(v2.get("/v2/conf/nothing/tags/list"), 404)));
    }

    @Test
    void catalog_lists_repositories_in_pages() throws IOException {
        for (String repo : List.of("cat/b", "cat/a", "cat/c/deep")) {
            v2.pushImage(repo, "latest", MediaTypes.OCI_MANIFEST, repo);
        }
        assertEquals(List.of("cat/a", "cat/b", "cat/c/deep"),
                strings(json(check(v2.get("/v2/_catalog"), 200)).path("repositories")));
        HttpResponse<byte[]> page = check(v2.get("/v2/_catalog?n=1&last=cat/a"), 200);
        assertEquals(List.of("cat/b"), strings(json(page).path("repositories")));
        assertEquals("</v2/_catalog?last=cat%2Fb&n=1>; rel=\"next\"", page.headers().firstValue("Link").orElseThrow());
    }

    @Test
    void referrers_list_manifests_with_a_subject_and_filter_by_artifact_type() throws IOException {
        V2Client.Image subject = v2.pushImage("conf/ref", "v1", MediaTypes.OCI_MANIFEST, "s");
        Digest empty = v2.pushBlob("conf/ref", "{}".getBytes(StandardCharsets.UTF_8));
        List<Digest> referrers = new ArrayList<>();
        for (String type : List.of("application/vnd.example.sbom", "application/vnd.example.sig")) {
            byte[] artifact = OciJson.bytes(Map.of("schemaVersion", 2, "mediaType", MediaTypes.OCI_MANIFEST,
                    "artifactType", type,
                    "config", Map.of("mediaType", MediaTypes.OCI_EMPTY, "digest", empty.toString(), "size", 2),
                    "layers", List.of(Map.of("mediaType", MediaTypes.OCI_EMPTY, "digest", empty.toString(), "size", 2)),
                    "subject", Map.of("mediaType", MediaTypes.OCI_MANIFEST, "digest", subject.manifest().toString(),
                            "size", subject.manifestBytes().length),
                    "annotations", Map.of("org.example.kind", type)));
            Digest d = Digest.sha256(artifact);
            HttpResponse<byte[]> put = check(v2.send("PUT", "/v2/conf/ref/manifests/" + d, artifact,
                    "Content-Type", MediaTypes.OCI_MANIFEST), 201);
            assertEquals(subject.manifest().toString(), put.headers().firstValue("OCI-Subject").orElseThrow());
            referrers.add(d);
        }
        HttpResponse<byte[]> all = check(v2.get("/v2/conf/ref/referrers/" + subject.manifest()), 200);
        assertEquals(MediaTypes.OCI_INDEX, all.headers().firstValue("Content-Type").orElseThrow());
        JsonNode manifests = json(all).path("manifests");
        assertEquals(2, manifests.size());
        HttpResponse<byte[]> sboms = check(v2.get("/v2/conf/ref/referrers/" + subject.manifest()
                + "?artifactType=application/vnd.example.sbom"), 200);
        assertEquals("artifactType", sboms.headers().firstValue("OCI-Filters-Applied").orElseThrow());
        JsonNode only = json(sboms).path("manifests");
        assertEquals(1, only.size());
        assertEquals(referrers.getFirst().toString(), only.path(0).path("digest").asText());
        assertEquals("application/vnd.example.sbom", only.path(0).path("artifactType").asText());
        assertEquals("application/vnd.example.sbom", only.path(0).path("annotations").path("org.example.kind").asText());
        assertEquals(0, json(check(v2.get("/v2/conf/ref/referrers/sha256:" + "5".repeat(64)), 200))
                .path("manifests").size());
    }

    // --- content management -------------------------------------------------------------------------------------

    @Test
    void delete_manifest_by_digest_removes_it_and_its_tags() throws IOException {
        V2Client.Image img = v2.pushImage("conf/del", "v1", MediaTypes.OCI_MANIFEST, "d");
        check(v2.send("DELETE", "/v2/conf/del/manifests/" + img.manifest(), null), 202);
        assertEquals(404, v2.get("/v2/conf/del/manifests/" + img.manifest()).statusCode());
        assertEquals(404, v2.get("/v2/conf/del/manifests/v1").statusCode());
        assertEquals(List.of(), tags(check(v2.get("/v2/conf/del/tags/list"), 200)));
        assertEquals("MANIFEST_UNKNOWN", errorCode(v2.send("DELETE", "/v2/conf/del/manifests/" + img.manifest(),
                null)));
    }

    @Test
    void delete_tag_keeps_the_manifest() throws IOException {
        V2Client.Image img = v2.pushImage("conf/deltag", "v1", MediaTypes.OCI_MANIFEST, "dt");
        check(v2.send("DELETE", "/v2/conf/deltag/manifests/v1", null), 202);
        assertEquals(404, v2.get("/v2/conf/deltag/manifests/v1").statusCode());
        check(v2.get("/v2/conf/deltag/manifests/" + img.manifest()), 200);
    }

    @Test
    void delete_blob_unlinks_it_from_the_repository() throws IOException {
        Digest d = v2.pushBlob("conf/delblob", "gone".getBytes(StandardCharsets.UTF_8));
        check(v2.send("DELETE", "/v2/conf/delblob/blobs/" + d, null), 202);
        assertEquals(404, v2.send("HEAD", "/v2/conf/delblob/blobs/" + d, null).statusCode());
        assertEquals("BLOB_UNKNOWN", errorCode(v2.send("DELETE", "/v2/conf/delblob/blobs/" + d, null)));
    }

    @Test
    void unknown_routes_are_plain_404() throws IOException {
        HttpResponse<byte[]> r = v2.get("/v3/whatever");
        assertEquals(404, r.statusCode());
        assertFalse(new String(r.body(), StandardCharsets.UTF_8).contains("errors"));
    }

    private static List<String> tags(HttpResponse<byte[]> r) throws IOException {
        return strings(json(r).path("tags"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
