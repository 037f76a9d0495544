package dev.berth.daemon.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.http.ApiException;
import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.http.Router;
import dev.berth.image.store.Image;
import dev.berth.oci.ContainerConfig;
import dev.berth.oci.OciJson;
import dev.berth.oci.Reference;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /commit?container=&repo=&tag=&comment=&author=&pause=&changes=}, body an optional
 * Config: {@code 201 {"Id":"sha256:…"}}.
 */
public final class CommitRoutes {
    private final ContainerContext ctx;
    private final ContainerCommitter committer;

    public CommitRoutes(ContainerContext ctx, ContainerCommitter committer) {
        this.ctx = ctx;
        this.committer = committer;
    }

    /** Wired where both sides are at hand: the containers and the image side's layer store. */
    public static CommitRoutes of(ContainerBackend containers, dev.berth.image.layer.LayerStore layers,
                                  String engineVersion) {
        return new CommitRoutes(containers.context(), new ContainerCommitter(containers.context(), containers.runner(),
                layers, engineVersion));
    }

    public void register(Router r) {
        r.route("POST", "/commit", this::commit);
    }

    private void commit(HttpRequest req, HttpResponse res) throws IOException {
        JsonNode body = req.jsonTree();
        ContainerConfig config = body.isObject() ? OciJson.mapper().convertValue(body, ContainerConfig.class) : null;
        Container c = ctx.store().resolve(req.query("container").orElse(""));
        Image image = committer.commit(c, new ContainerCommitter.Request(tag(req), req.query("comment").orElse(""),
                req.query("author").orElse(""), req.queryBool("pause", true), req.queryAll("changes"), config));
        res.json(201, Map.of("Id", image.id().toString()));
    }

    /** {@code repo} and {@code tag} as one reference; no repo means an untagged image. */
    private static Optional<Reference> tag(HttpRequest req) {
        String repo = req.query("repo").orElse("");
        String tag = req.query("tag").orElse("");
        if (repo.isEmpty()) {
            if (!tag.isEmpty()) {
                throw ApiException.invalidParameter("invalid reference format: repository name must have at least one component");
            }
            return Optional.empty();
        }
        Reference ref = Reference.parse(repo);
        if (ref.digest().isPresent()) {
            throw ApiException.invalidParameter("refusing to create a tag with a digest reference");
        }
        return Optional.of(tag.isEmpty() ? ref.withDefaultTag() : ref.withTag(tag));
    }
}
