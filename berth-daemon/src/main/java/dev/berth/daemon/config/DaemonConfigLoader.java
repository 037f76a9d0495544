package dev.berth.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads berthd's configuration the way dockerd reads its own.
 *
 * <p>At start, {@code load(args)} parses the flags, then the daemon.json named by
 * {@code --config-file} (a missing default file is fine; a missing explicit one is not). A key may
 * come from the flags or the file, never both; unknown keys are refused; every value is checked and
 * errors name the key and the value. The result is a {@link DaemonConfig}; {@code --help},
 * {@code --version} and {@code --validate} print and end in {@link EarlyExit} instead.
 *
 * <p>On SIGHUP, {@code reload(current, file)} reads the file again and changes only dockerd's
 * reloadable settings (debug, log-level, labels, registries, download limits, runtimes,
 * live-restore, shutdown-timeout, features). Other settings that differ are reported as warnings
 * and ignored; a bad file changes nothing and is reported as the result's error.
 */
public final class DaemonConfigLoader {
    private final PrintStream out;
    private final String versionLine;

    /**
     * @param version the release, e.g. {@code 0.1.0}
     * @param build   the commit it was built from
     * @param out     where {@code --help}, {@code --version} and {@code --validate} print
     */
    public DaemonConfigLoader(String version, String build, PrintStream out) {
        this.out = out;
        this.versionLine = "Berth version " + version + ", build " + build;
    }

    /** Version from the jar's manifest; prints to stdout. */
    public DaemonConfigLoader() {
        this(Objects.requireNonNullElse(DaemonConfigLoader.class.getPackage().getImplementationVersion(), "dev"),
                "unknown", System.out);
    }

    public DaemonConfig load(String[] args) {
        Map<Setting<?>, List<String>> flagTexts = CommandLineFlags.parse(args, out, versionLine);
        Map<String, Object> fromFlags = new LinkedHashMap<>();
        Map<String, String> printedFlags = new LinkedHashMap<>();
        flagTexts.forEach((setting, occurrences) -> {
            fromFlags.put(setting.key(), fromFlag(setting, occurrences));
            printedFlags.put(setting.key(), CommandLineFlags.text(setting, occurrences));
        });
        Path file = (Path) fromFlags.getOrDefault(Settings.CONFIG_FILE.key(), Settings.CONFIG_FILE.defaultValue());
        Map<String, Object> fromFile = readFile(file, fromFlags.containsKey(Settings.CONFIG_FILE.key()), printedFlags);

        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            values.put(setting.key(), startValue(setting, fromFlags, fromFile));
        }
        values.put(Settings.CONFIG_FILE.key(), file);
        SettingValues settings = new SettingValues(values, fromFlags, printedFlags, fromFile.keySet());
        try {
            validate(settings);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("merged configuration validation from file and command line flags failed: "
                    + e.getMessage(), e);
        }
        if (settings.get(Settings.VALIDATE)) {
            out.println("configuration OK");
            throw new EarlyExit(0);
        }
        return DaemonConfig.of(settings);
    }

    /**
     * Applies {@code file} to {@code current}: reloadable settings the file sets take its value,
     * those it leaves out keep theirs (or, like dockerd's download limits and runtimes, go back to
     * their start-up value); other settings never change.
     */
    public ReloadResult reload(DaemonConfig current, Path file) {
        SettingValues old = current.settings();
        Map<String, Object> fromFile;
        try {
            fromFile = readFile(file, old.fromFlags().containsKey(Settings.CONFIG_FILE.key()), old.flagTexts());
        } catch (ConfigException e) {
            return ReloadResult.failed(current, e.getMessage());
        }
        Map<String, Object> values = new LinkedHashMap<>(old.values());
        List<String> changed = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Setting<?> setting : Settings.ALL) {
            String key = setting.key();
            Object was = old.value(key);
            if (!setting.reloadable()) {
                if (fromFile.containsKey(key) && !fromFile.get(key).equals(was)) {
                    warnings.add(key + " cannot be changed by a reload and keeps its value " + was
                            + " (restart berthd to use " + fromFile.get(key) + ")");
                }
                continue;
            }
            Object now = reloadValue(setting, old, fromFile);
            values.put(key, now);
            if (!now.equals(was)) {
                changed.add(key);
            }
        }
        Set<String> fileKeys = new HashSet<>(fromFile.keySet());
        SettingValues settings = new SettingValues(values, old.fromFlags(), old.flagTexts(), fileKeys);
        try {
            validate(settings);
        } catch (IllegalArgumentException e) {
            return ReloadResult.failed(current, "file configuration validation failed: " + e.getMessage());
        }
        return new ReloadResult(DaemonConfig.of(settings), changed, warnings, java.util.Optional.empty());
    }

    private static Object startValue(Setting<?> setting, Map<String, Object> fromFlags, Map<String, Object> fromFile) {
        String key = setting.key();
        if (setting == Settings.RUNTIMES) {
            return mergeRuntimes(fromFlags.get(key), fromFile.get(key));
        }
        if (fromFlags.containsKey(key)) {
            return fromFlags.get(key);
        }
        return fromFile.containsKey(key) ? fromFile.get(key) : setting.defaultValue();
    }

    private static Object reloadValue(Setting<?> setting, SettingValues old, Map<String, Object> fromFile) {
        String key = setting.key();
        if (setting == Settings.RUNTIMES) {
            return mergeRuntimes(old.fromFlags().get(key), fromFile.get(key));
        }
        if (fromFile.containsKey(key)) {
            return fromFile.get(key);
        }
        if (setting.reload() == Setting.Reload.KEEP_WHEN_UNSET) {
            return old.value(key);
        }
        return old.fromFlags().containsKey(key) ? old.fromFlags().get(key) : setting.defaultValue();
    }

    /** Runtimes are the one setting dockerd merges from both places instead of calling a conflict. */
    private static Object mergeRuntimes(Object flags, Object file) {
        Map<String, RuntimeDefinition> merged = new LinkedHashMap<>();
        for (Object source : new Object[] {flags, file}) {
            if (source == null) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, RuntimeDefinition> runtimes = (Map<String, RuntimeDefinition>) source;
            runtimes.forEach((name, runtime) -> {
                if (merged.putIfAbsent(name, runtime) != null && !merged.get(name).equals(runtime)) {
                    throw new ConfigException("runtime name '" + name
                            + "' is given both as a flag and in the configuration file");
                }
            });
        }
        return Map.copyOf(merged);
    }

    /**
     * The typed values of {@code file}'s keys, after dockerd's checks: unknown keys, then keys also
     * given as flags, then each value.
     */
    private static Map<String, Object> readFile(Path file, boolean explicit, Map<String, String> flagTexts) {
        var keys = ConfigFile.read(file);
        if (keys.isEmpty()) {
            if (explicit) {
                throw new ConfigException("unable to configure the Berth daemon with file " + file
                        + ": open " + file + ": no such file or directory");
            }
            return Map.of();
        }
        try {
            return typedFileValues(keys.get(), flagTexts, file);
        } catch (ConfigException e) {
            throw new ConfigException("unable to configure the Berth daemon with file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> typedFileValues(Map<String, JsonNode> keys, Map<String, String> flagTexts, Path file) {
        List<String> unknown = keys.keySet().stream()
                .filter(key -> Settings.byKey(key).map(s -> !s.inFile()).orElse(true)).toList();
        if (!unknown.isEmpty()) {
            throw new ConfigException("the following directives don't match any configuration option: "
                    + String.join(", ", unknown));
        }
        List<String> conflicts = new ArrayList<>();
        for (Setting<?> setting : Settings.ALL) {
            String key = setting.key();
            if (keys.containsKey(key) && flagTexts.containsKey(key) && setting != Settings.RUNTIMES) {
                conflicts.add(key + ": (from flag: " + flagTexts.get(key) + ", from file: " + goStyle(keys.get(key)) + ")");
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ConfigException("the following directives are specified both as a flag and in the configuration file: "
                    + String.join(", ", conflicts));
        }
        Map<String, Object> values = new HashMap<>();
        keys.forEach((key, node) -> values.put(key, fromJson(Settings.byKey(key).orElseThrow(), node, file)));
        return values;
    }

    private static Object fromFlag(Setting<?> setting, List<String> occurrences) {
        try {
            return setting.type().fromFlag(occurrences);
        } catch (IllegalArgumentException e) {
            String value = setting.type().repeatable() ? "[" + String.join(" ", occurrences) + "]" : occurrences.getLast();
            throw new ConfigException("invalid value \"" + value + "\" for flag " + setting.flagName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static Object fromJson(Setting<?> setting, JsonNode node, Path file) {
        try {
            return setting.type().fromJson(node);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid value " + node + " for " + setting.key() + " in " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** Prints a file value the way dockerd's {@code %v} does: lists as {@code [a b]}, strings bare. */
    private static String goStyle(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(goStyle(item)));
            return "[" + String.join(" ", items) + "]";
        }
        return node.toString();
    }

    /** Checks across settings, after flags and file are merged. */
    private static void validate(SettingValues settings) {
        Map<String, String> labels = new HashMap<>();
        for (String label : settings.get(Settings.LABELS)) {
            String key = label.substring(0, label.indexOf('='));
            String value = label.substring(label.indexOf('=') + 1);
            String before = labels.putIfAbsent(key, value);
            if (before != null && !before.equals(value)) {
                throw new IllegalArgumentException("conflict labels for " + key + "=" + value + " and " + key + "=" + before);
            }
        }
        String runtime = settings.get(Settings.DEFAULT_RUNTIME);
        if (!runtime.equals(Settings.STOCK_RUNTIME) && !settings.get(Settings.RUNTIMES).containsKey(runtime)) {
            throw new IllegalArgumentException("specified default runtime '" + runtime + "' does not exist");
        }
    }
}
