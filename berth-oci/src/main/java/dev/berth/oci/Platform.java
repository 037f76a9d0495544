package dev.berth.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** An image platform, e.g. linux/amd64 or linux/arm/v7. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Platform(
        @JsonProperty("architecture") String architecture,
        @JsonProperty("os") String os,
        @JsonProperty("os.version") String osVersion,
        @JsonProperty("os.features") List<String> osFeatures,
        @JsonProperty("variant") String variant) {

    public static Platform of(String os, String architecture, String variant) {
        return new Platform(architecture, os, null, null, variant == null || variant.isEmpty() ? null : variant);
    }

    /** The platform this daemon runs containers for. */
    public static Platform host() {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> System.getProperty("os.arch");
        };
        return of("linux", arch, arch.equals("arm64") ? "v8" : null);
    }

    /** Parses {@code os/arch[/variant]} as given to {@code --platform}. */
    public static Platform parse(String s) {
        String[] parts = s.toLowerCase().split("/");
        if (parts.length < 1 || parts.length > 3 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("invalid platform: " + s);
        }
        if (parts.length == 1) {
            return parts[0].equals("linux") ? host() : of("linux", parts[0], null);
        }
        return of(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /** Whether an image built for {@code other} runs here (variant only compared when both name one). */
    public boolean matches(Platform other) {
        return os.equals(other.os) && architecture.equals(other.architecture)
                && (variant == null || other.variant == null || variant.equals(other.variant));
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
