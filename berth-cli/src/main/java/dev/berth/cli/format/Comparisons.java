package dev.berth.cli.format;

import dev.berth.cli.format.TemplateFunction.Failure;
import java.math.BigInteger;

/** Go's {@code eq} and ordering builtins: only same-kind basic values compare, as in Go. */
final class Comparisons {
    private Comparisons() {
    }

    private enum Kind { INVALID, BOOL, INT, FLOAT, STRING, OTHER }

    /** True when the first argument equals any of the others. */
    static boolean eq(Arguments a) {
        if (a.size() < 2) {
            throw new Failure("missing argument for comparison");
        }
        Object first = a.value(0);
        Kind k1 = kind(first);
        for (int i = 1; i < a.size(); i++) {
            Object other = a.value(i);
            Kind k2 = kind(other);
            if (k1 != k2) {
                if (k1 != Kind.INVALID && k2 != Kind.INVALID) {
                    throw new Failure("incompatible types for comparison");
                }
                continue;
            }
            if (k1 == Kind.OTHER) {
                throw new Failure("non-comparable type " + GoValues.text(first) + ": " + GoValues.typeName(first));
            }
            if (k1 == Kind.INVALID || equalBasic(first, other)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalBasic(Object x, Object y) {
        if (x instanceof Long || x instanceof BigInteger) {
            return toBig(x).equals(toBig(y));
        }
        return x.equals(y);
    }

    static int compare(Arguments a) {
        Object x = a.value(0);
        Object y = a.value(1);
        Kind k1 = kind(x);
        Kind k2 = kind(y);
        if (k1 == Kind.INVALID || k1 == Kind.OTHER || k1 == Kind.BOOL
                || k2 == Kind.INVALID || k2 == Kind.OTHER || k2 == Kind.BOOL) {
            throw new Failure("invalid type for comparison");
        }
        if (k1 != k2) {
            throw new Failure("incompatible types for comparison");
        }
        return switch (k1) {
            case INT -> toBig(x).compareTo(toBig(y));
            case FLOAT -> Double.compare((Double) x, (Double) y);
            default -> ((String) x).compareTo((String) y);
        };
    }

    private static BigInteger toBig(Object v) {
        return v instanceof BigInteger b ? b : BigInteger.valueOf((Long) v);
    }

    private static Kind kind(Object v) {
        return switch (v) {
            case null -> Kind.INVALID;
            case Boolean b -> Kind.BOOL;
            case Long l -> Kind.INT;
            case BigInteger b -> Kind.INT;
            case Double d -> Kind.FLOAT;
            case String s -> Kind.STRING;
            default -> Kind.OTHER;
        };
    }
}
