package dev.berth.linux;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes this process a child subreaper ({@code PR_SET_CHILD_SUBREAPER}): a process that outlives the
 * child that started it becomes this process's child rather than init's. That is how the process of a
 * {@code runc exec --detach} stays ours to wait for, as it is a shim's or conmon's for their engines.
 *
 * <p>Other orphans then come here too (conmon's monitor, once the conmon that forked it has exited), and
 * nobody else reaps them. A sweeper thread looks for zombie children every few seconds and reaps those
 * it saw the time before as well: the JDK reaps the children it started itself at once, and a caller
 * that waits for an adopted child itself {@link #claim}s it first.
 */
@SuppressWarnings("restricted")
public final class ChildReaper {
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int WNOHANG = 1;
    private static final long SWEEP_MILLIS = 5_000;
    private static final MethodHandle PRCTL = Libc.capturing("prctl",
            FunctionDescriptor.of(Libc.INT, Libc.INT, Libc.LONG, Libc.LONG, Libc.LONG, Libc.LONG));
    private static final Set<Integer> CLAIMED = ConcurrentHashMap.newKeySet();
    private static Boolean subreaper; // guarded by ChildReaper.class

    private ChildReaper() {
    }

    /** Makes this process a subreaper and starts the sweeper, once; false when the kernel refused. */
    public static synchronized boolean becomeSubreaper() {
        if (subreaper == null) {
            try {
                Libc.check("prctl", null, (state, arena) ->
                        (int) PRCTL.invokeExact(state, PR_SET_CHILD_SUBREAPER, 1L, 0L, 0L, 0L));
                Thread.ofPlatform().daemon().name("child-reaper").start(ChildReaper::sweep);
                subreaper = true;
            } catch (LinuxException e) {
                subreaper = false;
            }
        }
        return subreaper;
    }

    /** The caller waits for {@code pid} itself: the sweeper leaves it alone until {@link #release}. */
    public static void claim(int pid) {
        CLAIMED.add(pid);
    }

    public static void release(int pid) {
        CLAIMED.remove(pid);
    }

    /**
     * Reaps {@code pid} if it is an exited child of this process and nobody claimed it; does nothing otherwise
     * (still running, not a child: ECHILD). For adopted processes only, never for ones the JDK started.
     */
    public static void reapIfExited(int pid) {
        if (pid > 0 && !CLAIMED.contains(pid)) {
            reap(pid);
        }
    }

    private static void sweep() {
        Set<Integer> seen = Set.of();
        while (true) {
            try {
                Thread.sleep(SWEEP_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            Set<Integer> zombies = zombieChildren();
            for (int pid : zombies) {
                if (seen.contains(pid) && !CLAIMED.contains(pid)) {
                    reap(pid);
                }
            }
            seen = zombies;
        }
    }

    private static Set<Integer> zombieChildren() {
        String self = Long.toString(ProcessHandle.current().pid());
        Set<Integer> zombies = new HashSet<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : proc) {
                String stat;
                try {
                    stat = Files.readString(p.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                // pid (comm) state ppid ...: comm may hold spaces and parentheses, so parse after the last ')'
                String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3);
                if (rest.length >= 2 && rest[0].equals("Z") && rest[1].equals(self)) {
                    zombies.add(Integer.parseInt(p.getFileName().toString()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // /proc unreadable this time: try again at the next sweep
        }
        return zombies;
    }

    private static void reap(int pid) {
        try {
            Libc.waitpid(pid, new int[1], WNOHANG);
        } catch (LinuxException e) {
            // reaped meanwhile by whoever started it
        }
    }
}
