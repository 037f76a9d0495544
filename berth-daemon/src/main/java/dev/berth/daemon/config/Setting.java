package dev.berth.daemon.config;

import java.util.List;

/**
 * One dockerd-style setting.
 *
 * @param key          its daemon.json key, which is also how errors and reloads name it
 * @param flags        its command-line names ({@code -H}, {@code --host}); empty for file-only settings
 * @param inFile       whether daemon.json may hold it ({@code --config-file} itself may not)
 * @param paramLabel   the placeholder in {@code --help}
 * @param description  the help text, worded like dockerd's
 * @param type         how values are read
 * @param defaultValue the value when neither the flags nor the file give one
 * @param reload       what a SIGHUP does with it
 */
record Setting<T>(String key, List<String> flags, boolean inFile, String paramLabel, String description,
                  SettingType<T> type, T defaultValue, Reload reload) {

    /** dockerd's reload rules, per setting. */
    enum Reload {
        /** Fixed at start; a differing value in the file is ignored with a warning. */
        NO,
        /** Taken from the file when the file sets it, otherwise left as it is. */
        KEEP_WHEN_UNSET,
        /** Taken from the file when the file sets it, otherwise back to its start-up value. */
        RESET_WHEN_UNSET
    }

    Setting {
        flags = List.copyOf(flags);
    }

    /** The long flag, as errors name it ({@code --log-level}); the key for file-only settings. */
    String flagName() {
        return flags.stream().filter(f -> f.startsWith("--")).findFirst().orElse(key);
    }

    boolean reloadable() {
        return reload != Reload.NO;
    }
}
