package dev.berth.storage.archive;

/** The AUFS-derived names with which image layers record deletions. */
final class Whiteouts {
    /** {@code .wh.NAME} deletes NAME from the layers below. */
    static final String PREFIX = ".wh.";
    /** In a directory, hides everything the layers below put there. */
    static final String OPAQUE = ".wh..wh..opq";
    /** Any other {@code .wh..wh.} name is AUFS bookkeeping (e.g. {@code .wh..wh.plnk}) and carries nothing. */
    static final String META_PREFIX = ".wh..wh.";
    /** The xattr overlayfs reads to treat a directory as opaque. */
    static final String OVERLAY_OPAQUE_XATTR = "trusted.overlay.opaque";
    /** Overlayfs' own bookkeeping attributes; never part of a layer's content. */
    static final String OVERLAY_XATTR_PREFIX = "trusted.overlay.";

    private Whiteouts() {
    }
}
