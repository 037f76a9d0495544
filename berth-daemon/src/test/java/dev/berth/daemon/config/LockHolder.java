package dev.berth.daemon.config;

import java.nio.file.Path;

/** A second process for {@link DataRootLockTest}: holds the lock on args[0] until its stdin closes. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (DataRootLock lock = DataRootLock.acquire(Path.of(args[0]))) {
            System.out.println("locked " + lock.dataRoot());
            System.out.flush();
            while (System.in.read() >= 0) {
                Thread.onSpinWait();
            }
        }
    }
}
