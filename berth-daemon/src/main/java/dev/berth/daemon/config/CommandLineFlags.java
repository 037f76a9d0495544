package dev.berth.daemon.config;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** berthd's command line, built by picocli from {@link Settings#ALL}. */
final class CommandLineFlags {
    private CommandLineFlags() {
    }

    /**
     * Parses {@code args} into the raw strings of every flag given, by setting. {@code --help} and
     * {@code --version} print to {@code out} and end in {@link EarlyExit}.
     */
    static Map<Setting<?>, List<String>> parse(String[] args, PrintStream out, String versionLine) {
        CommandSpec spec = spec(versionLine);
        CommandLine commandLine = new CommandLine(spec);
        commandLine.setOverwrittenOptionsAllowed(true);
        ParseResult result;
        try {
            result = commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new ConfigException(e.getMessage() + "\nSee 'berthd --help'.", e);
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(out);
            throw new EarlyExit(0);
        }
        if (commandLine.isVersionHelpRequested()) {
            commandLine.printVersionHelp(out);
            throw new EarlyExit(0);
        }
        Map<Setting<?>, List<String>> given = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            if (!setting.flags().isEmpty() && result.hasMatchedOption(setting.flagName())) {
                given.put(setting, occurrences(result.matchedOption(setting.flagName()).getValue()));
            }
        }
        return given;
    }

    /** How a flag is printed in dockerd's conflict message: lists as {@code [a b]}, others as typed. */
    static String text(Setting<?> setting, List<String> occurrences) {
        return setting.type().repeatable() ? "[" + String.join(" ", occurrences) + "]" : occurrences.getLast();
    }

    private static List<String> occurrences(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    private static CommandSpec spec(String versionLine) {
        CommandSpec spec = CommandSpec.create().name("berthd").version(versionLine);
        spec.usageMessage().description("A self-sufficient runtime for containers.").sortOptions(false);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Print usage").build());
        spec.addOption(OptionSpec.builder("-v", "--version").versionHelp(true)
                .description("Print version information and quit").build());
        for (Setting<?> setting : Settings.ALL) {
            if (!setting.flags().isEmpty()) {
                spec.addOption(option(setting));
            }
        }
        return spec;
    }

    private static OptionSpec option(Setting<?> setting) {
        String description = setting.description() + defaultSuffix(setting);
        OptionSpec.Builder builder = OptionSpec.builder(setting.flags().toArray(String[]::new))
                .description(description.replace("%", "%%"))
                .paramLabel(setting.paramLabel());
        if (setting.type().isSwitch()) {
            builder.type(String.class).arity("0..1").fallbackValue("true").paramLabel("true|false").hideParamSyntax(true);
        } else if (setting.type().repeatable()) {
            builder.type(List.class).auxiliaryTypes(String.class).arity("1");
        } else {
            builder.type(String.class).arity("1");
        }
        return builder.build();
    }

    private static String defaultSuffix(Setting<?> setting) {
        Object value = setting.defaultValue();
        if (value instanceof List<?> || value instanceof Map<?, ?> || value instanceof java.util.Optional<?>
                || "".equals(value) || Boolean.FALSE.equals(value)) {
            return "";
        }
        return " (default " + value + ")";
    }
}
