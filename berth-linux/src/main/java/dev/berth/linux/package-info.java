/**
 * The kernel, reached through Java's FFM API ({@code java.lang.foreign}) rather than JNI, and the one
 * {@link dev.berth.linux.Command} helper through which berth runs external programs.
 *
 * <p>Every syscall captures {@code errno} at the call site and reports failure as a
 * {@link dev.berth.linux.LinuxException}. Path-taking calls never follow a symlink in the final
 * component unless their name says so, because they are used to build container root filesystems
 * whose symlinks point into the container, not the host.
 */
package dev.berth.linux;
