package dev.berth.api;

import java.time.Duration;
import java.time.Instant;

/** go-units (the daemon's ps Status and the CLI's CREATED columns share it)' {@code HumanDuration}: "Less than a second", "About a minute", "3 weeks", and docker's "… ago". */
public final class HumanDuration {
    private HumanDuration() {
    }

    public static String of(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 1) {
            return "Less than a second";
        }
        if (seconds == 1) {
            return "1 second";
        }
        if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = d.toMinutes();
        if (minutes == 1) {
            return "About a minute";
        }
        if (minutes < 60) {
            return minutes + " minutes";
        }
        // go-units rounds hours to the nearest one from here on.
        long hours = (long) (d.toNanos() / 3.6e12 + 0.5);
        if (hours == 1) {
            return "About an hour";
        }
        if (hours < 48) {
            return hours + " hours";
        }
        if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        }
        if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return (long) (d.toNanos() / 3.6e12) / 24 / 365 + " years";
    }

    /** docker's CreatedSince: {@code HumanDuration(now - created) + " ago"}. */
    public static String ago(Instant then, Instant now) {
        return of(Duration.between(then, now)) + " ago";
    }
}
