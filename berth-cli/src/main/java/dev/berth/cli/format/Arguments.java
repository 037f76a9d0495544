package dev.berth.cli.format;

import java.util.List;

/** The evaluated arguments of one function call, with Go's conversions and type errors. */
public final class Arguments {
    private final List<Object> values;

    Arguments(List<Object> values) {
        this.values = values;
    }

    public int size() {
        return values.size();
    }

    /** The raw value, with a missing value turned into null as Go does for an {@code any} parameter. */
    public Object value(int i) {
        Object v = values.get(i);
        return v instanceof NoValue ? null : v;
    }

    public List<Object> all() {
        return values.stream().map(v -> v instanceof NoValue ? null : v).toList();
    }

    public String string(int i) {
        if (values.get(i) instanceof String s) {
            return s;
        }
        throw wrongType("string", values.get(i));
    }

    public long integer(int i) {
        if (values.get(i) instanceof Long l) {
            return l;
        }
        throw wrongType("int", values.get(i));
    }

    /** A list argument, such as {@code join}'s first; elements are normalized values. */
    public List<Object> list(int i) {
        Object v = values.get(i);
        if (GoValues.isList(v)) {
            return GoValues.elements(v);
        }
        throw wrongType("[]string", v);
    }

    static TypeMismatch wrongType(String expected, Object actual) {
        if (actual == null || actual instanceof NoValue) {
            return new TypeMismatch("invalid value; expected " + expected);
        }
        return new TypeMismatch("wrong type for value; expected " + expected + "; got " + GoValues.typeName(actual));
    }

    /** An argument of the wrong type; Go reports it without the {@code error calling} prefix. */
    static final class TypeMismatch extends RuntimeException {
        TypeMismatch(String message) {
            super(message, null, false, false);
        }
    }
}
