package dev.berth.daemon.config;

import java.util.List;
import java.util.Optional;

/**
 * What a SIGHUP did.
 *
 * @param config      the configuration to run with now (the old one when {@code error} is present)
 * @param changedKeys the daemon.json keys whose value changed, in table order
 * @param warnings    settings in the file that only a restart can change, which were ignored
 * @param error       why the file was rejected as a whole, leaving the configuration unchanged
 */
public record ReloadResult(DaemonConfig config, List<String> changedKeys, List<String> warnings,
                           Optional<String> error) {
    public ReloadResult {
        changedKeys = List.copyOf(changedKeys);
        warnings = List.copyOf(warnings);
    }

    static ReloadResult failed(DaemonConfig current, String error) {
        return new ReloadResult(current, List.of(), List.of(), Optional.of(error));
    }
}
