package dev.berth.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.oci.Digest;
import dev.berth.oci.MediaTypes;
import dev.berth.oci.OciJson;
import dev.berth.registry.errcode.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pushed manifest, parsed only as far as the registry needs: its media type, the blobs and manifests it
 * references (which must exist), its OCI 1.1 {@code subject}, and what the referrers API reports about it.
 *
 * @param blobs config and layers of an image manifest (foreign layers with {@code urls} excluded)
 * @param manifests the children of an index or manifest list
 */
public record ManifestDocument(String mediaType, List<Ref> blobs, List<Ref> manifests, Optional<Digest> subject,
                               Optional<String> artifactType, Map<String, String> annotations) {

    /** One referenced digest, with the media type the referencing manifest gives it. */
    public record Ref(Digest digest, String mediaType) {
    }

    public static final List<String> SUPPORTED = List.of(MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST,
            MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX);

    /**
     * Parses {@code body}; {@code contentType} is what the client declared. The type is the body's
     * {@code mediaType}, else the declared one, else inferred from the shape (OCI allows omitting it).
     */
    public static ManifestDocument parse(byte[] body, Optional<String> contentType) {
        JsonNode root;
        try {
            root = OciJson.mapper().readTree(body);
        } catch (IOException e) {
            throw ErrorCode.MANIFEST_INVALID.withMessage("manifest invalid", "not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw ErrorCode.MANIFEST_INVALID.withMessage("manifest invalid", "not a JSON object");
        }
        String declared = contentType.map(ManifestDocument::bareType).orElse("");
        String type = mediaType(root, declared);
        if (root.path("schemaVersion").asInt(0) != 2) {
            throw ErrorCode.MANIFEST_INVALID.withMessage("manifest invalid", "schemaVersion must be 2");
        }
        boolean index = MediaTypes.isIndex(type);
        List<Ref> blobs = new ArrayList<>();
        List<Ref> manifests = new ArrayList<>();
        if (index) {
            for (JsonNode m : required(root, "manifests")) {
                manifests.add(ref(m));
            }
        } else {
            blobs.add(ref(requiredObject(root, "config")));
            for (JsonNode l : required(root, "layers")) {
                if (!l.has("urls")) {
                    blobs.add(ref(l));
                }
            }
        }
        Optional<Digest> subject = root.has("subject") ? Optional.of(ref(root.get("subject")).digest())
                : Optional.empty();
        Optional<String> artifactType = Optional.ofNullable(root.path("artifactType").textValue())
                .or(() -> index ? Optional.empty() : Optional.ofNullable(root.path("config").path("mediaType")
                        .textValue()));
        Map<String, String> annotations = root.has("annotations")
                ? OciJson.mapper().convertValue(root.get("annotations"),
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { })
                : Map.of();
        return new ManifestDocument(type, List.copyOf(blobs), List.copyOf(manifests), subject, artifactType,
                annotations);
    }

    private static String mediaType(JsonNode root, String declared) {
        String inBody = root.path("mediaType").textValue();
        if (inBody != null && !declared.isEmpty() && !inBody.equals(declared)) {
            throw ErrorCode.MANIFEST_INVALID.withMessage("manifest invalid",
                    "mediaType " + inBody + " does not match Content-Type " + declared);
        }
        String type = inBody != null ? inBody : !declared.isEmpty() && SUPPORTED.contains(declared) ? declared
                : root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        if (type.equals(MediaTypes.DOCKER_SCHEMA1) || type.equals(MediaTypes.DOCKER_SCHEMA1_SIGNED)) {
            throw ErrorCode.MANIFEST_INVALID.withMessage("manifest invalid",
                    "Docker schema 1 manifests are not supported");
        }
        if (!SUPPORTED.contains(type)) {
            throw ErrorCode.MANIFEST_INVALID.withMessage("manifest invalid", "unsupported media type " + type);
        }
        return type;
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isArray()) {
            throw ErrorCode.MANIFEST_INVALID.withMessage("manifest invalid", field + " must be an array");
        }
        return n;
    }

    private static JsonNode requiredObject(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isObject()) {
            throw ErrorCode.MANIFEST_INVALID.withMessage("manifest invalid", field + " is required");
        }
        return n;
    }

    private static Ref ref(JsonNode descriptor) {
        String digest = descriptor.path("digest").textValue();
        try {
            return new Ref(Digest.parse(digest), descriptor.path("mediaType").asText(""));
        } catch (IllegalArgumentException e) {
            throw ErrorCode.MANIFEST_INVALID.withMessage("manifest invalid", "bad digest in descriptor: " + digest);
        }
    }

    /** {@code application/x; charset=…} → {@code application/x}. */
    public static String bareType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip();
    }
}
