package dev.berth.runtime.spec;

import java.util.List;

/** The ids the container's process runs with ({@code process.user}); Docker lists the primary gid first. */
public record ProcessUser(long uid, long gid, List<Long> additionalGids) {
    public ProcessUser {
        additionalGids = List.copyOf(additionalGids);
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("ids must not be negative: " + uid + ":" + gid);
        }
    }
}
