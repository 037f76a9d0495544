package dev.berth.cli.format;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The functions a template may call: Go's builtins plus the ones docker registers for
 * {@code --format} ({@link #docker()}), or docker's header variants that leave column titles
 * untouched ({@link #dockerHeader()}). Each entry carries its arity so calls are checked with Go's
 * {@code wrong number of args for NAME: want N got M}.
 */
public final class FunctionTable {

    /** A function and how many arguments it takes; {@code maxArgs < 0} means variadic. */
    record Entry(int minArgs, int maxArgs, TemplateFunction function) {
    }

    private final Map<String, Entry> entries;

    private FunctionTable(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    /** Go's builtins and docker's {@code json, split, join, title, lower, upper, pad, truncate}. */
    public static FunctionTable docker() {
        Map<String, Entry> all = new HashMap<>(BuiltinFunctions.entries());
        all.putAll(DockerFunctions.entries());
        return new FunctionTable(all);
    }

    /** docker's HeaderFunctions: string functions return their argument so the header keeps its title. */
    public static FunctionTable dockerHeader() {
        Map<String, Entry> all = new HashMap<>(docker().entries);
        all.putAll(DockerFunctions.headerEntries());
        return new FunctionTable(all);
    }

    /** This table plus one more function. */
    public FunctionTable with(String name, int minArgs, int maxArgs, TemplateFunction function) {
        Map<String, Entry> all = new HashMap<>(entries);
        all.put(name, new Entry(minArgs, maxArgs, function));
        return new FunctionTable(all);
    }

    Set<String> names() {
        return entries.keySet();
    }

    Entry get(String name) {
        return entries.get(name);
    }
}
