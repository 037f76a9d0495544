package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.client.ApiVersions;
import dev.berth.api.client.ClientResponse;
import dev.berth.api.client.EngineError;
import dev.berth.cli.JsonStreamPrinter;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.Query;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.network.IpAddress;
import dev.berth.cli.registry.CredentialStore;
import dev.berth.oci.Reference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /containers/create}, pulling the image first or on a 404 as {@code --pull} says, the way
 * {@code docker run} and {@code docker create} do, and printing the daemon's warnings. A failure
 * here is run's {@code docker: …} error with exit 125, but a plain error (exit 1) for create.
 *
 * <p>Use: {@code String id = new ContainerCreator(session, "run").create(body, options);} — the name, {@code --pull},
 * {@code --platform} and {@code --cidfile} come from the options.
 */
public record ContainerCreator(Session session, String command) {
    private static final String MAC_PER_ENDPOINT = "1.44";

    public String create(Map<String, Object> body, ContainerOptions options) throws IOException {
        String image = (String) body.get("Image");
        String pull = options.pull;
        String cidfile = options.cidfile;
        if (!pull.equals("missing") && !pull.equals("always") && !pull.equals("never")) {
            throw withHelp(125, "invalid pull option: '" + pull + "': must be one of \"always\", \"missing\" or \"never\"");
        }
        if (pull.equals("always")) {
            pull(image);
        }
        requireApiFor(body);
        JsonNode created;
        try {
            created = post(body, options);
        } catch (EngineError e) {
            if (e.status() != 404 || !pull.equals("missing") || !e.getMessage().contains("No such image")) {
                throw failure("Error response from daemon: " + e.getMessage());
            }
            session.err().println("Unable to find image '" + reference(image).withDefaultTag().familiar() + "' locally");
            pull(image);
            try {
                created = post(body, options);
            } catch (EngineError again) {
                throw failure("Error response from daemon: " + again.getMessage());
            }
        }
        for (JsonNode warning : created.path("Warnings")) {
            session.err().println("WARNING: " + warning.asText());
        }
        localhostDns(body).ifPresent(dns -> session.err().println("WARNING: Localhost DNS (" + dns + ") may fail in containers."));
        String id = created.path("Id").asText();
        if (cidfile != null && !cidfile.isEmpty()) {
            Files.writeString(Path.of(cidfile), id, StandardCharsets.UTF_8);
        }
        return id;
    }

    private JsonNode post(Map<String, Object> body, ContainerOptions options) throws IOException {
        String request = Query.path("/containers/create").addIfPresent("name", options.name).addIfPresent("platform", options.platform).toString();
        return JsonTreeReader.read(session.client().post(request, body));
    }

    /** {@code POST /images/create?fromImage=&tag=}; docker prints the progress on stderr so stdout keeps only the run's output. */
    private void pull(String image) throws IOException {
        Reference ref = reference(image);
        String tag = ref.digest().map(Object::toString).orElseGet(() -> ref.tag().orElse(Reference.DEFAULT_TAG));
        String request = Query.path("/images/create").add("fromImage", ref.name()).add("tag", tag).toString();
        String auth = CredentialStore.of(session).registryAuthHeader(ref);
        try (ClientResponse response = session.client().request("POST", request, Map.of("X-Registry-Auth", auth), null)) {
            JsonStreamPrinter.print(response.body(), session.err());
        } catch (EngineError e) {
            throw failure("Error response from daemon: " + e.getMessage());
        } catch (StatusError e) {
            throw failure(e.getMessage());
        }
    }

    private Reference reference(String image) {
        try {
            return Reference.parse(image);
        } catch (IllegalArgumentException e) {
            throw failure(e.getMessage());
        }
    }

    /** docker's client refuses per-endpoint MAC addresses to daemons older than API 1.44 before sending anything. */
    private void requireApiFor(Map<String, Object> body) {
        String version = session.client().apiVersion();
        if (ApiVersions.compare(version, MAC_PER_ENDPOINT) >= 0 || !(body.get("NetworkingConfig") instanceof Map<?, ?> networking)
                || !(networking.get("EndpointsConfig") instanceof Map<?, ?> endpoints)) {
            return;
        }
        for (Object endpoint : endpoints.values()) {
            if (endpoint instanceof Map<?, ?> e && e.get("MacAddress") instanceof String mac && !mac.isEmpty()) {
                throw failure("\"specify mac-address per network\" requires API version " + MAC_PER_ENDPOINT
                        + ", but the Berth daemon API version is " + version);
            }
        }
    }

    /** The first loopback {@code --dns} server, which docker warns about after creating the container. */
    private static Optional<IpAddress> localhostDns(Map<String, Object> body) {
        if (body.get("HostConfig") instanceof Map<?, ?> host && host.get("Dns") instanceof List<?> servers) {
            return servers.stream().map(s -> IpAddress.parse(String.valueOf(s))).flatMap(Optional::stream)
                    .filter(IpAddress::isLoopback).findFirst();
        }
        return Optional.empty();
    }

    /** A failure of the create call itself: run's help-style error (exit 125), create's plain one (exit 1). */
    StatusError failure(String message) {
        return command.equals("run") ? withHelp(125, message) : new StatusError(1, message);
    }

    /** docker's run and create errors: {@code docker: <error>}, a blank line, and where to find help. */
    public StatusError withHelp(int status, String message) {
        return new StatusError(status, "berth: " + message + "\n\nRun 'berth " + command + " --help' for more information");
    }
}
