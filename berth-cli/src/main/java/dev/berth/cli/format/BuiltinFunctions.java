package dev.berth.cli.format;

import dev.berth.cli.format.FunctionTable.Entry;
import dev.berth.cli.format.TemplateFunction.Failure;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Go's text/template builtins. {@code and} and {@code or} are listed for the parser's
 * "function defined" check, but the executor evaluates them itself because they short-circuit.
 */
final class BuiltinFunctions {
    private BuiltinFunctions() {
    }

    static Map<String, Entry> entries() {
        Map<String, Entry> m = new HashMap<>();
        m.put("and", new Entry(1, -1, a -> a.value(a.size() - 1)));
        m.put("or", new Entry(1, -1, a -> a.value(a.size() - 1)));
        m.put("not", new Entry(1, 1, a -> !GoValues.isTrue(a.value(0))));
        m.put("len", new Entry(1, 1, a -> length(a.value(0))));
        m.put("index", new Entry(1, -1, BuiltinFunctions::index));
        m.put("slice", new Entry(1, -1, BuiltinFunctions::slice));
        m.put("print", new Entry(0, -1, a -> GoPrintf.sprint(a.all())));
        m.put("printf", new Entry(1, -1, a -> GoPrintf.sprintf(a.string(0), a.all().subList(1, a.size()))));
        m.put("println", new Entry(0, -1, a -> GoPrintf.sprintln(a.all())));
        m.put("eq", new Entry(1, -1, Comparisons::eq));
        m.put("ne", new Entry(2, 2, a -> !Comparisons.eq(a)));
        m.put("lt", new Entry(2, 2, a -> Comparisons.compare(a) < 0));
        m.put("le", new Entry(2, 2, a -> Comparisons.compare(a) <= 0));
        m.put("gt", new Entry(2, 2, a -> Comparisons.compare(a) > 0));
        m.put("ge", new Entry(2, 2, a -> Comparisons.compare(a) >= 0));
        return m;
    }

    private static Object length(Object v) {
        if (v instanceof String s) {
            return (long) s.getBytes(StandardCharsets.UTF_8).length;
        }
        if (GoValues.isList(v)) {
            return (long) GoValues.elements(v).size();
        }
        if (GoValues.isMap(v)) {
            return (long) GoValues.sortedEntries(v).size();
        }
        if (v == null) {
            throw new Failure("len of nil pointer");
        }
        throw new Failure("len of type " + GoValues.typeName(v));
    }

    private static Object index(Arguments a) {
        Object item = a.value(0);
        if (item == null) {
            throw new Failure("index of untyped nil");
        }
        for (int i = 1; i < a.size(); i++) {
            item = indexOnce(item, a.value(i));
        }
        return item;
    }

    private static Object indexOnce(Object item, Object key) {
        if (GoValues.isMap(item)) {
            if (!(key instanceof String s)) {
                throw new Failure("value has type " + GoValues.typeName(key) + "; should be string");
            }
            return GoValues.mapGet(item, s);
        }
        if (GoValues.isList(item)) {
            List<Object> elements = GoValues.elements(item);
            return elements.get(position(key, elements.size(), "slice"));
        }
        if (item instanceof String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            return (long) (bytes[position(key, bytes.length, "string")] & 0xff);
        }
        if (item == null) {
            throw new Failure("index of nil pointer");
        }
        throw new Failure("can't index item of type " + GoValues.typeName(item));
    }

    private static int position(Object key, int length, String what) {
        if (!(key instanceof Long || key instanceof BigInteger)) {
            throw new Failure("cannot index " + what + "/array with type " + GoValues.typeName(key));
        }
        long x = ((Number) key).longValue();
        if (x < 0 || x >= length) {
            throw new Failure("index out of range: " + x);
        }
        return (int) x;
    }

    private static Object slice(Arguments a) {
        Object item = a.value(0);
        if (a.size() > 4) {
            throw new Failure("too many slice indexes: " + (a.size() - 1));
        }
        int length;
        if (item instanceof String s) {
            length = s.getBytes(StandardCharsets.UTF_8).length;
            if (a.size() == 4) {
                throw new Failure("cannot 3-index slice a string");
            }
        } else if (GoValues.isList(item)) {
            length = GoValues.elements(item).size();
        } else {
            throw new Failure("can't slice item of type " + GoValues.typeName(item));
        }
        int[] idx = {0, length, length};
        for (int i = 1; i < a.size(); i++) {
            Object key = a.value(i);
            if (!(key instanceof Long l)) {
                throw new Failure("cannot index slice/array with type " + GoValues.typeName(key));
            }
            if (l < 0 || l > length) {
                throw new Failure("index out of range: " + l);
            }
            idx[i - 1] = l.intValue();
        }
        if (idx[0] > idx[1]) {
            throw new Failure("invalid slice index: " + idx[0] + " > " + idx[1]);
        }
        if (item instanceof String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            return new String(bytes, idx[0], idx[1] - idx[0], StandardCharsets.UTF_8);
        }
        return List.copyOf(GoValues.elements(item).subList(idx[0], idx[1]));
    }
}
