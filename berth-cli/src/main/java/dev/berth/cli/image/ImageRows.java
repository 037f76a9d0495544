package dev.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.oci.Reference;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the daemon's image summaries into the rows docker prints: one per repository and tag,
 * {@code <none>} for dangling images, digest-only references as rows of their own, in the order
 * the daemon sent them.
 */
public record ImageRows(boolean trunc, boolean showDigests, Instant now, ZoneId zone) {
    private static final String NONE = "<none>";

    public List<ImageRow> of(JsonNode summaries) {
        List<ImageRow> rows = new ArrayList<>();
        for (JsonNode image : summaries) {
            if (isDangling(image)) {
                rows.add(row(image, NONE, NONE, NONE));
            } else {
                rows.addAll(tagged(image));
            }
        }
        return rows;
    }

    /** docker's isDangling: no tags and no digests, or only {@code <none>:<none>} and {@code <none>@<none>}. */
    static boolean isDangling(JsonNode image) {
        JsonNode tags = image.path("RepoTags");
        JsonNode digests = image.path("RepoDigests");
        if (tags.isEmpty() && digests.isEmpty()) {
            return true;
        }
        return tags.size() == 1 && tags.get(0).asText().equals("<none>:<none>")
                && digests.size() == 1 && digests.get(0).asText().equals("<none>@<none>");
    }

    private List<ImageRow> tagged(JsonNode image) {
        Map<String, List<String>> tags = new LinkedHashMap<>();
        Map<String, List<String>> digests = new LinkedHashMap<>();
        for (JsonNode ref : image.path("RepoTags")) {
            parse(ref.asText()).filter(r -> r.tag().isPresent())
                    .ifPresent(r -> tags.computeIfAbsent(r.familiarName(), k -> new ArrayList<>()).add(r.tag().get()));
        }
        for (JsonNode ref : image.path("RepoDigests")) {
            parse(ref.asText()).filter(r -> r.digest().isPresent())
                    .ifPresent(r -> digests.computeIfAbsent(r.familiarName(), k -> new ArrayList<>()).add(r.digest().get().toString()));
        }
        List<ImageRow> rows = new ArrayList<>();
        tags.forEach((repo, repoTags) -> {
            List<String> repoDigests = showDigests ? digests.getOrDefault(repo, List.of()) : List.of();
            digests.remove(repo);
            for (String tag : repoTags) {
                if (repoDigests.isEmpty()) {
                    rows.add(row(image, repo, tag, NONE));
                }
                repoDigests.forEach(d -> rows.add(row(image, repo, tag, d)));
            }
        });
        digests.forEach((repo, repoDigests) -> {
            if (showDigests) {
                repoDigests.forEach(d -> rows.add(row(image, repo, NONE, d)));
            } else {
                rows.add(row(image, repo, NONE, ""));
            }
        });
        return rows;
    }

    private static java.util.Optional<Reference> parse(String ref) {
        try {
            return java.util.Optional.of(Reference.parse(ref));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private ImageRow row(JsonNode image, String repo, String tag, String digest) {
        return new ImageRow(image, repo, tag, digest, trunc, now, zone);
    }
}
