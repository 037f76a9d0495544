/**
 * Layer tars: applying one onto a directory with its whiteouts ({@link dev.berth.storage.archive.LayerApplier}),
 * and writing a directory back out as a tar ({@link dev.berth.storage.archive.DirectoryTar}).
 */
package dev.berth.storage.archive;
