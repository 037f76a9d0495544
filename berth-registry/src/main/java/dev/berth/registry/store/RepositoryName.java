package dev.berth.registry.store;

import dev.berth.registry.errcode.ErrorCode;
import java.util.regex.Pattern;

/**
 * A repository name as the distribution spec allows it: path components of lowercase letters and digits joined by
 * {@code .}, {@code _}, {@code __} or runs of {@code -}, separated by {@code /}, at most 255 characters.
 */
public record RepositoryName(String value) implements Comparable<RepositoryName> {

    private static final String COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
    private static final Pattern VALID = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    public static final int MAX_LENGTH = 255;

    public RepositoryName {
        if (value == null || value.length() > MAX_LENGTH || !VALID.matcher(value).matches()) {
            throw ErrorCode.NAME_INVALID.withMessage("invalid repository name", value);
        }
    }

    public static RepositoryName parse(String value) {
        return new RepositoryName(value);
    }

    @Override
    public int compareTo(RepositoryName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
