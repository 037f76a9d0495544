package dev.berth.storage.archive;

/** How a layer's deletions ({@code .wh.} entries) are carried out, which depends on the snapshotter. */
public enum WhiteoutMode {
    /** Keep them as overlayfs does: a 0:0 character device per deleted name, an opaque xattr per reset directory. */
    OVERLAY,
    /** Carry them out on a full copy of the tree (vfs): remove what they name. */
    DELETE
}
