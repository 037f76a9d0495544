package dev.berth.registry.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads config.yml the way distribution does: the YAML file, then every {@code REGISTRY_SECTION_KEY} environment
 * variable laid over it ({@link EnvOverrides}), then strict binding into {@link RegistryConfig}.
 *
 * <pre>{@code
 * RegistryConfig config = ConfigLoader.load(Path.of("config.yml"), System.getenv());
 * }</pre>
 */
public final class ConfigLoader {

    private static final List<String> STORAGE_OPTIONS = List.of("delete", "cache", "maintenance", "redirect", "tag");

    private ConfigLoader() {
    }

    public static RegistryConfig load(Path file, Map<String, String> env) throws IOException {
        return parse(Files.readString(file), env);
    }

    public static RegistryConfig parse(String yaml, Map<String, String> env) {
        Object tree;
        try {
            tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new ConfigException("config.yml is not valid YAML: " + e.getMessage());
        }
        ConfigNode root = ConfigNode.of("", tree);
        Map<String, Object> merged = EnvOverrides.apply(root, env);
        return bind(new ConfigNode("", merged));
    }

    private static RegistryConfig bind(ConfigNode root) {
        String version = root.string("version").orElseThrow(() -> new ConfigException("version is required (0.1)"));
        if (!version.equals("0.1")) {
            throw root.bad("version", version, "0.1");
        }
        RegistryConfig.Log log = log(root.sectionOrEmpty("log"));
        RegistryConfig.Storage storage = storage(root.section("storage")
                .orElseThrow(() -> new ConfigException("storage is required")));
        RegistryConfig.Http http = http(root.sectionOrEmpty("http"));
        Optional<RegistryConfig.Auth> auth = root.section("auth").flatMap(ConfigLoader::auth);
        RegistryConfig.Health health = health(root.sectionOrEmpty("health"));
        List<RegistryConfig.Endpoint> endpoints = notifications(root.sectionOrEmpty("notifications"));
        Optional<RegistryConfig.Proxy> proxy = root.section("proxy").flatMap(ConfigLoader::proxy);
        ConfigNode catalog = root.sectionOrEmpty("catalog");
        int maxEntries = catalog.integer("maxentries", 1000);
        if (maxEntries <= 0) {
            throw catalog.bad("maxentries", maxEntries, "a positive integer");
        }
        catalog.finish();
        root.raw("validation");
        root.raw("compatibility");
        root.raw("redis");
        root.raw("reporting");
        root.finish();
        return new RegistryConfig(log, storage, http, auth, health, endpoints, proxy, maxEntries);
    }

    private static RegistryConfig.Log log(ConfigNode node) {
        String level = node.oneOf("level", "info", "error", "warn", "info", "debug");
        String formatter = node.oneOf("formatter", "text", "text", "json", "logfmt");
        Map<String, String> fields = node.stringMap("fields");
        ConfigNode access = node.sectionOrEmpty("accesslog");
        boolean accessLog = !access.bool("disabled", false);
        access.finish();
        node.finish();
        return new RegistryConfig.Log(level, formatter, fields, accessLog);
    }

    private static RegistryConfig.Storage storage(ConfigNode node) {
        List<String> drivers = node.keys().stream().filter(k -> !STORAGE_OPTIONS.contains(k)).toList();
        if (drivers.size() != 1) {
            throw new ConfigException("storage must configure exactly one driver, found " + drivers);
        }
        String name = drivers.getFirst();
        ConfigNode driverNode = node.section(name).orElseThrow();
        RegistryConfig.Driver driver = switch (name) {
            case "filesystem" -> new RegistryConfig.Driver.Filesystem(Path.of(
                    driverNode.string("rootdirectory", "/var/lib/registry")));
            case "inmemory" -> new RegistryConfig.Driver.InMemory();
            default -> throw new ConfigException("unsupported storage driver storage." + name
                    + " (berth-registry has filesystem and inmemory)");
        };
        driverNode.raw("maxthreads");
        driverNode.finish();
        ConfigNode delete = node.sectionOrEmpty("delete");
        boolean deleteEnabled = delete.bool("enabled", false);
        delete.finish();
        ConfigNode cache = node.sectionOrEmpty("cache");
        boolean descriptorCache = cache.string("blobdescriptor").map(v -> switch (v) {
            case "inmemory" -> true;
            case "redis" -> throw cache.unsupported("blobdescriptor", "redis is not available, use inmemory");
            default -> throw cache.bad("blobdescriptor", v, "inmemory");
        }).orElse(false);
        cache.raw("blobdescriptorsize");
        cache.finish();
        ConfigNode maintenance = node.sectionOrEmpty("maintenance");
        RegistryConfig.UploadPurging purging = uploadPurging(maintenance);
        ConfigNode readOnlyNode = maintenance.sectionOrEmpty("readonly");
        boolean readOnly = readOnlyNode.bool("enabled", false);
        readOnlyNode.finish();
        maintenance.finish();
        ConfigNode redirect = node.sectionOrEmpty("redirect");
        redirect.bool("disable", false);
        redirect.finish();
        node.raw("tag");
        node.finish();
        return new RegistryConfig.Storage(driver, deleteEnabled, descriptorCache, purging, readOnly);
    }

    private static RegistryConfig.UploadPurging uploadPurging(ConfigNode maintenance) {
        ConfigNode node = maintenance.sectionOrEmpty("uploadpurging");
        RegistryConfig.UploadPurging purging = new RegistryConfig.UploadPurging(
                node.bool("enabled", true),
                node.duration("age", Duration.ofHours(168)),
                node.duration("interval", Duration.ofHours(24)),
                node.bool("dryrun", false));
        if (purging.interval().isNegative() || purging.interval().isZero()) {
            throw node.bad("interval", purging.interval(), "a positive duration");
        }
        node.finish();
        return purging;
    }

    private static RegistryConfig.Http http(ConfigNode node) {
        String addr = node.string("addr", ":5000");
        String net = node.oneOf("net", "tcp", "tcp", "unix");
        if (net.equals("tcp")) {
            ListenAddress.parse(addr, node.keyPath("addr"));
        }
        String prefix = node.string("prefix", "/");
        if (!prefix.startsWith("/")) {
            throw node.bad("prefix", prefix, "a path starting with /");
        }
        Optional<String> host = node.string("host");
        host.ifPresent(h -> uri(node, "host", h));
        Optional<RegistryConfig.Tls> tls = node.section("tls").map(ConfigLoader::tls);
        RegistryConfig.Http http = new RegistryConfig.Http(addr, net, host,
                prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix,
                node.string("secret"), tls, node.headers("headers"), node.bool("relativeurls", false),
                node.duration("draintimeout", Duration.ZERO), node.section("debug").map(ConfigLoader::debug));
        ConfigNode http2 = node.sectionOrEmpty("http2");
        http2.bool("disabled", false);
        http2.finish();
        node.finish();
        return http;
    }

    private static RegistryConfig.Tls tls(ConfigNode node) {
        if (node.has("letsencrypt")) {
            throw node.unsupported("letsencrypt", "give a certificate and key");
        }
        Path certificate = Path.of(node.string("certificate").orElseThrow(
                () -> new ConfigException(node.keyPath("certificate") + " is required with http.tls")));
        Path key = Path.of(node.string("key").orElseThrow(
                () -> new ConfigException(node.keyPath("key") + " is required with http.tls")));
        List<Path> cas = node.strings("clientcas").stream().map(Path::of).toList();
        node.raw("minimumtls");
        node.raw("ciphersuites");
        node.finish();
        return new RegistryConfig.Tls(certificate, key, cas);
    }

    private static RegistryConfig.Debug debug(ConfigNode node) {
        String addr = node.string("addr").orElseThrow(() -> new ConfigException(node.keyPath("addr")
                + " is required with http.debug"));
        ListenAddress.parse(addr, node.keyPath("addr"));
        ConfigNode prometheus = node.sectionOrEmpty("prometheus");
        boolean enabled = prometheus.bool("enabled", false);
        String path = prometheus.string("path", "/metrics");
        prometheus.finish();
        node.finish();
        return new RegistryConfig.Debug(addr, enabled, path);
    }

    private static Optional<RegistryConfig.Auth> auth(ConfigNode node) {
        List<String> kinds = node.keys();
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        if (kinds.size() != 1) {
            throw new ConfigException("auth must configure exactly one scheme, found " + kinds);
        }
        String kind = kinds.getFirst();
        ConfigNode a = node.section(kind).orElseThrow();
        RegistryConfig.Auth auth = switch (kind) {
            case "htpasswd" -> new RegistryConfig.Auth.Htpasswd(a.string("realm", "basic-realm"),
                    Path.of(required(a, "path")));
            case "token" -> new RegistryConfig.Auth.Token(required(a, "realm"), required(a, "service"),
                    required(a, "issuer"), Path.of(required(a, "rootcertbundle")));
            case "silly" -> new RegistryConfig.Auth.Silly(required(a, "realm"), required(a, "service"));
            default -> throw new ConfigException("unsupported auth scheme auth." + kind
                    + " (berth-registry has htpasswd, token and silly)");
        };
        a.raw("autoredirect");
        a.raw("jwks");
        a.raw("signingalgorithms");
        a.finish();
        node.finish();
        return Optional.of(auth);
    }

    private static RegistryConfig.Health health(ConfigNode node) {
        ConfigNode sd = node.sectionOrEmpty("storagedriver");
        RegistryConfig.StorageCheck storage = new RegistryConfig.StorageCheck(sd.bool("enabled", false),
                sd.duration("interval", Duration.ofSeconds(10)), sd.integer("threshold", 1));
        sd.finish();
        List<RegistryConfig.HttpCheck> http = new ArrayList<>();
        for (ConfigNode c : node.sections("http")) {
            http.add(new RegistryConfig.HttpCheck(uri(c, "uri", required(c, "uri")), c.headers("headers"),
                    c.integer("statuscode", 200), c.duration("timeout", Duration.ofSeconds(1)),
                    c.duration("interval", Duration.ofSeconds(10)), c.integer("threshold", 1)));
            c.finish();
        }
        List<RegistryConfig.FileCheck> file = new ArrayList<>();
        for (ConfigNode c : node.sections("file")) {
            file.add(new RegistryConfig.FileCheck(Path.of(required(c, "file")),
                    c.duration("interval", Duration.ofSeconds(10))));
            c.finish();
        }
        node.raw("tcp");
        node.finish();
        return new RegistryConfig.Health(storage, List.copyOf(http), List.copyOf(file));
    }

    private static List<RegistryConfig.Endpoint> notifications(ConfigNode node) {
        List<RegistryConfig.Endpoint> endpoints = new ArrayList<>();
        for (ConfigNode e : node.sections("endpoints")) {
            List<String> ignored = new ArrayList<>(e.strings("ignoredmediatypes"));
            e.section("ignore").ifPresent(ig -> {
                ignored.addAll(ig.strings("mediatypes"));
                ig.raw("actions");
                ig.finish();
            });
            endpoints.add(new RegistryConfig.Endpoint(required(e, "name"), uri(e, "url", required(e, "url")),
                    e.headers("headers"), e.duration("timeout", Duration.ofSeconds(1)), e.integer("threshold", 10),
                    e.duration("backoff", Duration.ofSeconds(1)), e.bool("disabled", false), List.copyOf(ignored)));
            e.finish();
        }
        node.raw("events");
        node.finish();
        return List.copyOf(endpoints);
    }

    private static Optional<RegistryConfig.Proxy> proxy(ConfigNode node) {
        Optional<String> remote = node.string("remoteurl");
        if (remote.isEmpty()) {
            node.finish();
            return Optional.empty();
        }
        RegistryConfig.Proxy proxy = new RegistryConfig.Proxy(uri(node, "remoteurl", remote.get()),
                node.string("username"), node.string("password"), node.duration("ttl", Duration.ofHours(168)));
        node.finish();
        return Optional.of(proxy);
    }

    private static String required(ConfigNode node, String key) {
        return node.string(key).filter(s -> !s.isBlank())
                .orElseThrow(() -> new ConfigException(node.keyPath(key) + " is required"));
    }

    private static URI uri(ConfigNode node, String key, String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw node.bad(key, value, "an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw node.bad(key, value, "an absolute http(s) URL");
        }
    }
}
