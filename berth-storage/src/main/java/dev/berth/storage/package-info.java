/**
 * Snapshotters: where image layers and container file systems live on disk, behind the small
 * {@link dev.berth.storage.Snapshotter} interface, with Docker's {@code overlay2} and {@code vfs} layouts.
 */
package dev.berth.storage;
