package dev.berth.oci;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A normalised image reference: {@code domain/path[:tag][@digest]}, with Docker Hub names completed
 * ({@code busybox} is {@code docker.io/library/busybox}). Parsing follows distribution's grammar and
 * Docker's error messages; the familiar form drops what normalisation added.
 */
public record Reference(String domain, String path, Optional<String> tag, Optional<Digest> digest) {
    public static final String DOCKER_HUB = "docker.io";
    public static final String DEFAULT_TAG = "latest";
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private static final Pattern PATH = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
                    + "|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

    public Reference {
        if (!DOMAIN.matcher(domain).matches() || !PATH.matcher(path).matches()) {
            throw invalid();
        }
        tag.ifPresent(t -> {
            if (!TAG.matcher(t).matches()) {
                throw invalid();
            }
        });
        if (domain.length() + 1 + path.length() > 255) {
            throw new IllegalArgumentException("invalid reference format: repository name must not be more than 255 characters");
        }
    }

    /** Parses and normalises a reference as {@code docker pull} would take it. */
    public static Reference parse(String s) {
        if (s == null || s.isEmpty()) {
            throw invalid();
        }
        if (HEX64.matcher(s).matches()) {
            throw new IllegalArgumentException("invalid repository name (" + s
                    + "), cannot specify 64-byte hexadecimal strings");
        }
        String rest = s;
        Optional<Digest> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            try {
                digest = Optional.of(Digest.parse(rest.substring(at + 1)));
            } catch (IllegalArgumentException e) {
                throw invalid();
            }
            rest = rest.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = Optional.of(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        String domain = DOCKER_HUB;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")
                    || !first.equals(first.toLowerCase())) {
                domain = first;
                path = rest.substring(slash + 1);
            }
        }
        if (!path.equals(path.toLowerCase())) {
            String shown = domain.equals(DOCKER_HUB) && !path.contains("/") ? "library/" + path : path;
            throw new IllegalArgumentException(
                    "invalid reference format: repository name (" + shown + ") must be lowercase");
        }
        if (domain.equals("index.docker.io")) {
            domain = DOCKER_HUB;
        }
        if (domain.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        return new Reference(domain, path, tag, digest);
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException("invalid reference format");
    }

    /** The tag, or {@code latest} when neither a tag nor a digest was given. */
    public Reference withDefaultTag() {
        return tag.isEmpty() && digest.isEmpty() ? withTag(DEFAULT_TAG) : this;
    }

    public Reference withTag(String t) {
        return new Reference(domain, path, Optional.of(t), Optional.empty());
    }

    public Reference withDigest(Digest d) {
        return new Reference(domain, path, Optional.empty(), Optional.of(d));
    }

    /** {@code docker.io/library/busybox}: the repository without tag or digest. */
    public String name() {
        return domain + "/" + path;
    }

    /** {@code busybox}: the repository as Docker shows it. */
    public String familiarName() {
        if (!domain.equals(DOCKER_HUB)) {
            return name();
        }
        return path.startsWith("library/") && path.indexOf('/', 8) < 0 ? path.substring(8) : path;
    }

    /** {@code busybox:latest}, {@code 127.0.0.1:5000/x@sha256:…}: the whole reference as Docker shows it. */
    public String familiar() {
        return familiarName() + suffix();
    }

    private String suffix() {
        return tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }

    @Override
    public String toString() {
        return name() + suffix();
    }
}
