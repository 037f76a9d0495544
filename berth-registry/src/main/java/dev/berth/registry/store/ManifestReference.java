package dev.berth.registry.store;

import dev.berth.oci.Digest;
import dev.berth.registry.errcode.ErrorCode;
import java.util.Optional;
import java.util.regex.Pattern;

/** The {@code <reference>} of a manifest URL: a tag ({@code [\w][\w.-]{0,127}}) or a digest. */
public sealed interface ManifestReference {

    Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    record Tag(String name) implements ManifestReference {
        public Tag {
            if (name == null || !TAG.matcher(name).matches()) {
                throw ErrorCode.TAG_INVALID.withMessage("invalid tag", name);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record ByDigest(Digest digest) implements ManifestReference {
        @Override
        public String toString() {
            return digest.toString();
        }
    }

    static ManifestReference parse(String s) {
        if (s.indexOf(':') >= 0) {
            try {
                return new ByDigest(Digest.parse(s));
            } catch (IllegalArgumentException e) {
                throw ErrorCode.DIGEST_INVALID.withMessage("invalid digest: " + e.getMessage(), s);
            }
        }
        return new Tag(s);
    }

    default Optional<Digest> asDigest() {
        return this instanceof ByDigest d ? Optional.of(d.digest()) : Optional.empty();
    }
}
