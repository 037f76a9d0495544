package dev.berth.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.oci.OciJson;
import dev.berth.oci.error.InvalidArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A seccomp profile in Docker's format ({@code names} lists, {@code archMap}, rules that apply only with some
 * capabilities, architectures or kernels), turned into the OCI {@code linux.seccomp} object for one container.
 *
 * <pre>{@code
 * ObjectNode seccomp = SeccompProfile.berthDefault().toOci(boundingCaps, host);
 * spec.with("linux").set("seccomp", seccomp);
 * }</pre>
 *
 * A rule with {@code includes} applies only when all its conditions hold (every listed capability is in the
 * bounding set, this architecture is listed, the kernel is at least {@code minKernel}); a rule with
 * {@code excludes} is dropped when any of them holds.
 */
public record SeccompProfile(JsonNode profile) {
    private static final String DEFAULT_RESOURCE = "default-seccomp.json";
    private static final Map<String, String> NATIVE_ARCH = Map.of(
            "amd64", "SCMP_ARCH_X86_64", "386", "SCMP_ARCH_X86", "arm64", "SCMP_ARCH_AARCH64", "arm", "SCMP_ARCH_ARM",
            "s390x", "SCMP_ARCH_S390X", "ppc64le", "SCMP_ARCH_PPC64LE", "riscv64", "SCMP_ARCH_RISCV64");
    private static final List<String> PASSED_THROUGH = List.of("defaultErrnoRet", "flags", "listenerPath", "listenerMetadata");

    public SeccompProfile {
        if (!profile.isObject()) {
            throw new InvalidArgumentException("a seccomp profile is a JSON object");
        }
        if (profile.has("architectures") && profile.has("archMap")) {
            throw new InvalidArgumentException("both 'architectures' and 'archMap' are specified in the seccomp "
                    + "profile, use either 'architectures' or 'archMap'");
        }
    }

    /** berth's own default profile, shipped as a resource next to this class. */
    public static SeccompProfile berthDefault() {
        try (InputStream in = SeccompProfile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return new SeccompProfile(OciJson.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A profile from its JSON text ({@code --security-opt seccomp=…} after the file has been read). */
    public static SeccompProfile parse(String json) {
        try {
            return new SeccompProfile(OciJson.mapper().readTree(json));
        } catch (IOException e) {
            throw new InvalidArgumentException("decoding seccomp profile failed: " + e.getMessage());
        }
    }

    /** Docker's reading of a profile with neither a default action nor rules: no filter at all. */
    public boolean isEmpty() {
        return !profile.hasNonNull("defaultAction") && profile.path("syscalls").isEmpty();
    }

    /** The OCI form for a container with these bounding capabilities on this host. */
    public ObjectNode toOci(List<String> boundingCaps, HostFacts host) {
        ObjectNode oci = JsonNodeFactory.instance.objectNode();
        oci.put("defaultAction", text(profile, "defaultAction"));
        ArrayNode arches = architectures(host);
        if (!arches.isEmpty()) {
            oci.set("architectures", arches);
        }
        for (String field : PASSED_THROUGH) {
            if (profile.hasNonNull(field)) {
                oci.set(field, profile.get(field).deepCopy());
            }
        }
        ArrayNode syscalls = oci.putArray("syscalls");
        for (JsonNode rule : profile.path("syscalls")) {
            if (applies(rule, boundingCaps, host)) {
                syscalls.add(ociRule(rule));
            }
        }
        return oci;
    }

    private ArrayNode architectures(HostFacts host) {
        ArrayNode arches = JsonNodeFactory.instance.arrayNode();
        profile.path("architectures").forEach(a -> arches.add(a.asText()));
        String nativeArch = NATIVE_ARCH.getOrDefault(host.goArch(), "");
        for (JsonNode entry : profile.path("archMap")) {
            if (text(entry, "architecture").equals(nativeArch)) {
                arches.add(nativeArch);
                entry.path("subArchitectures").forEach(a -> arches.add(a.asText()));
            }
        }
        return arches;
    }

    private static boolean applies(JsonNode rule, List<String> caps, HostFacts host) {
        JsonNode excludes = rule.path("excludes");
        if (anyOf(excludes.path("arches"), host.goArch()::equals)
                || anyOf(excludes.path("caps"), caps::contains)
                || (excludes.hasNonNull("minKernel") && kernelAtLeast(host, excludes.get("minKernel").asText()))) {
            return false;
        }
        JsonNode includes = rule.path("includes");
        if (!includes.path("arches").isEmpty() && !anyOf(includes.path("arches"), host.goArch()::equals)) {
            return false;
        }
        for (JsonNode cap : includes.path("caps")) {
            if (!caps.contains(cap.asText())) {
                return false;
            }
        }
        return !includes.hasNonNull("minKernel") || kernelAtLeast(host, includes.get("minKernel").asText());
    }

    private static ObjectNode ociRule(JsonNode rule) {
        if (rule.hasNonNull("name") && rule.has("names")) {
            throw new InvalidArgumentException("both 'name' and 'names' were specified in the seccomp profile, "
                    + "use either 'name' or 'names'");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode names = out.putArray("names");
        if (rule.hasNonNull("name")) {
            names.add(rule.get("name").asText());
        }
        rule.path("names").forEach(n -> names.add(n.asText()));
        out.put("action", text(rule, "action"));
        if (rule.hasNonNull("errnoRet")) {
            out.put("errnoRet", rule.get("errnoRet").asLong());
        }
        if (rule.path("args").isArray() && !rule.path("args").isEmpty()) {
            out.set("args", rule.get("args").deepCopy());
        }
        return out;
    }

    private static boolean anyOf(JsonNode array, java.util.function.Predicate<String> test) {
        for (JsonNode n : array) {
            if (test.test(n.asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean kernelAtLeast(HostFacts host, String version) {
        String[] parts = version.split("\\.");
        try {
            return host.kernelAtLeast(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("invalid minKernel in seccomp profile: \"" + version + "\"");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidArgumentException("seccomp profile: '" + field + "' must be a string");
        }
        return value.asText();
    }
}
