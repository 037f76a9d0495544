package dev.berth.cli.format;

import dev.berth.cli.format.Node.ActionNode;
import dev.berth.cli.format.Node.BoolNode;
import dev.berth.cli.format.Node.Branch;
import dev.berth.cli.format.Node.BranchNode;
import dev.berth.cli.format.Node.BreakNode;
import dev.berth.cli.format.Node.ChainNode;
import dev.berth.cli.format.Node.CommandNode;
import dev.berth.cli.format.Node.ContinueNode;
import dev.berth.cli.format.Node.DotNode;
import dev.berth.cli.format.Node.FieldNode;
import dev.berth.cli.format.Node.IdentifierNode;
import dev.berth.cli.format.Node.ListNode;
import dev.berth.cli.format.Node.NilNode;
import dev.berth.cli.format.Node.NumberNode;
import dev.berth.cli.format.Node.PipeNode;
import dev.berth.cli.format.Node.StringNode;
import dev.berth.cli.format.Node.TextNode;
import dev.berth.cli.format.Node.VariableNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a parsed template against data, following Go's exec.go step by step so that results and
 * error messages agree with docker: missing map keys are {@link NoValue}, a pipeline's value is
 * passed as the last argument of the next command, variables live until the end of their block.
 */
final class Executor {
    /** Go's missingVal: "no final argument from a previous pipeline stage". */
    private static final Object NO_FINAL = new Object();

    private record Variable(String name, Object value) {
    }

    private static final class LoopBreak extends RuntimeException {
        LoopBreak() {
            super(null, null, false, false);
        }
    }

    private static final class LoopContinue extends RuntimeException {
        LoopContinue() {
            super(null, null, false, false);
        }
    }

    private final String name;
    private final String source;
    private final FunctionTable functions;
    private final StringBuilder out;
    private final List<Variable> vars = new ArrayList<>();
    private Node node;

    Executor(String name, String source, FunctionTable functions, StringBuilder out) {
        this.name = name;
        this.source = source;
        this.functions = functions;
        this.out = out;
    }

    void run(ListNode root, Object data) {
        Object dot = GoValues.normalize(data);
        vars.add(new Variable("$", dot));
        walk(dot, root);
    }

    private void walk(Object dot, Node n) {
        at(n);
        switch (n) {
            case ListNode list -> list.nodes().forEach(child -> walk(dot, child));
            case TextNode text -> out.append(text.text());
            case ActionNode action -> {
                Object value = evalPipeline(dot, action.pipe());
                if (action.pipe().decl().isEmpty()) {
                    out.append(printable(value));
                }
            }
            case BranchNode branch when branch.kind() == Branch.RANGE -> walkRange(dot, branch);
            case BranchNode branch -> walkIfOrWith(dot, branch);
            case BreakNode b -> throw new LoopBreak();
            case ContinueNode c -> throw new LoopContinue();
            default -> throw error("unknown node: " + n);
        }
    }

    private static String printable(Object value) {
        return value == null ? "<no value>" : GoValues.text(value);
    }

    private void walkIfOrWith(Object dot, BranchNode branch) {
        int mark = vars.size();
        Object value = evalPipeline(dot, branch.pipe());
        if (GoValues.isTrue(value)) {
            walk(branch.kind() == Branch.WITH ? value : dot, branch.list());
        } else if (branch.elseList() != null) {
            walk(dot, branch.elseList());
        }
        pop(mark);
    }

    private void walkRange(Object dot, BranchNode range) {
        int outer = vars.size();
        Object value = evalPipeline(dot, range.pipe());
        int mark = vars.size();
        boolean any = false;
        try {
            if (GoValues.isList(value)) {
                List<Object> elements = GoValues.elements(value);
                for (int i = 0; i < elements.size(); i++) {
                    any = true;
                    iterate(range, mark, (long) i, elements.get(i));
                }
            } else if (GoValues.isMap(value)) {
                for (Map.Entry<String, Object> e : GoValues.sortedEntries(value).entrySet()) {
                    any = true;
                    iterate(range, mark, e.getKey(), e.getValue());
                }
            } else if (value instanceof Long count) {
                for (long i = 0; i < count; i++) {
                    any = true;
                    iterate(range, mark, i, i);
                }
            } else if (value != null && !(value instanceof NoValue)) {
                at(range);
                throw error("range can't iterate over " + GoValues.text(value));
            }
        } catch (LoopBreak done) {
            any = true;
        }
        if (!any && range.elseList() != null) {
            walk(dot, range.elseList());
        }
        pop(outer);
    }

    private void iterate(BranchNode range, int mark, Object index, Object element) {
        List<VariableNode> decl = range.pipe().decl();
        if (!decl.isEmpty()) {
            if (range.pipe().isAssign()) {
                setVar(decl.getFirst().idents().getFirst(), decl.size() > 1 ? index : element);
            } else {
                vars.set(vars.size() - 1, new Variable(vars.getLast().name(), element));
            }
        }
        if (decl.size() > 1) {
            if (range.pipe().isAssign()) {
                setVar(decl.get(1).idents().getFirst(), element);
            } else {
                vars.set(vars.size() - 2, new Variable(vars.get(vars.size() - 2).name(), index));
            }
        }
        try {
            walk(element, range.list());
        } catch (LoopContinue next) {
            // continue with the next element
        } finally {
            pop(mark);
        }
    }

    private Object evalPipeline(Object dot, PipeNode pipe) {
        at(pipe);
        Object value = NO_FINAL;
        for (CommandNode cmd : pipe.cmds()) {
            value = evalCommand(dot, cmd, value);
        }
        for (VariableNode v : pipe.decl()) {
            if (pipe.isAssign()) {
                setVar(v.idents().getFirst(), value);
            } else {
                vars.add(new Variable(v.idents().getFirst(), value));
            }
        }
        return value;
    }

    private Object evalCommand(Object dot, CommandNode cmd, Object fin) {
        Node first = cmd.args().getFirst();
        switch (first) {
            case FieldNode f -> {
                return evalFieldChain(dot, dot, f, f.idents(), cmd.args(), fin);
            }
            case ChainNode c -> {
                return evalChain(dot, c, cmd.args(), fin);
            }
            case IdentifierNode id -> {
                return evalFunction(dot, id, cmd, cmd.args(), fin);
            }
            case VariableNode v -> {
                return evalVariable(v, cmd.args(), fin);
            }
            case PipeNode p -> {
                notAFunction(cmd.args(), fin);
                return evalPipeline(dot, p);
            }
            default -> {
            }
        }
        at(first);
        notAFunction(cmd.args(), fin);
        return switch (first) {
            case BoolNode b -> b.value();
            case DotNode d -> dot;
            case NilNode n -> throw error("nil is not a command");
            case NumberNode num -> num.value();
            case StringNode s -> s.text();
            default -> throw error("can't evaluate command " + GoStrings.quote(first.toString()));
        };
    }

    private void notAFunction(List<Node> args, Object fin) {
        if (args.size() > 1 || fin != NO_FINAL) {
            throw error("can't give argument to non-function " + args.getFirst());
        }
    }

    private Object evalChain(Object dot, ChainNode chain, List<Node> args, Object fin) {
        if (args.size() > 1) {
            throw error("can't give argument to non-function " + chain.node());
        }
        Object receiver = evalArg(dot, chain.node());
        return evalFieldChain(dot, receiver, chain, chain.fields(), args, fin);
    }

    private Object evalVariable(VariableNode v, List<Node> args, Object fin) {
        at(v);
        Object value = varValue(v.idents().getFirst());
        if (v.idents().size() == 1) {
            notAFunction(args, fin);
            return value;
        }
        return evalFieldChain(null, value, v, v.idents().subList(1, v.idents().size()), args, fin);
    }

    private Object evalFieldChain(Object dot, Object receiver, Node n, List<String> idents, List<Node> args, Object fin) {
        at(n);
        Object value = receiver;
        for (int i = 0; i < idents.size() - 1; i++) {
            value = evalField(idents.get(i), List.of(), NO_FINAL, value);
        }
        return evalField(idents.getLast(), args, fin, value);
    }

    private Object evalField(String field, List<Node> args, Object fin, Object receiver) {
        if (receiver instanceof NoValue) {
            return NoValue.INSTANCE;
        }
        if (receiver == null) {
            throw error("nil pointer evaluating interface {}." + field);
        }
        boolean hasArgs = args.size() > 1 || fin != NO_FINAL;
        if (receiver instanceof TemplateObject object) {
            Map<String, Object> fields = object.fields();
            if (!fields.containsKey(field)) {
                throw error("can't evaluate field " + field + " in type " + object.typeName());
            }
            if (hasArgs) {
                throw error(field + " has arguments but cannot be invoked as function");
            }
            return GoValues.normalize(fields.get(field));
        }
        if (GoValues.isMap(receiver)) {
            if (hasArgs) {
                throw error(field + " is not a method but has arguments");
            }
            return GoValues.mapGet(receiver, field);
        }
        throw error("can't evaluate field " + field + " in type " + GoValues.typeName(receiver));
    }

    private Object evalFunction(Object dot, IdentifierNode id, Node cmd, List<Node> args, Object fin) {
        at(id);
        FunctionTable.Entry entry = functions.get(id.name());
        if (entry == null) {
            throw error(GoStrings.quote(id.name()) + " is not a defined function");
        }
        List<Node> params = args.isEmpty() ? List.of() : args.subList(1, args.size());
        int count = params.size() + (fin == NO_FINAL ? 0 : 1);
        checkArity(id.name(), entry, count);
        if (id.name().equals("and") || id.name().equals("or")) {
            return shortCircuit(dot, id.name().equals("or"), params, fin);
        }
        List<Object> values = new ArrayList<>();
        for (Node param : params) {
            values.add(evalArg(dot, param));
        }
        if (fin != NO_FINAL) {
            values.add(fin);
        }
        return call(id.name(), entry, values, cmd);
    }

    private Object call(String fn, FunctionTable.Entry entry, List<Object> values, Node cmd) {
        try {
            return GoValues.normalize(entry.function().call(new Arguments(values)));
        } catch (Arguments.TypeMismatch e) {
            throw error(e.getMessage());
        } catch (TemplateFunction.Failure e) {
            at(cmd);
            throw error("error calling " + fn + ": " + e.getMessage());
        }
    }

    private void checkArity(String fn, FunctionTable.Entry entry, int count) {
        if (entry.maxArgs() < 0 && count < entry.minArgs()) {
            throw error("wrong number of args for " + fn + ": want at least " + entry.minArgs() + " got " + count);
        }
        if (entry.maxArgs() >= 0 && (count < entry.minArgs() || count > entry.maxArgs())) {
            throw error("wrong number of args for " + fn + ": want " + entry.maxArgs() + " got " + count);
        }
    }

    /** Go 1.18+: {@code and}/{@code or} stop at the first deciding argument and return it. */
    private Object shortCircuit(Object dot, boolean or, List<Node> params, Object fin) {
        Object value = null;
        for (Node param : params) {
            value = evalArg(dot, param);
            if (GoValues.isTrue(value) == or) {
                return value;
            }
        }
        return fin != NO_FINAL ? fin : value;
    }

    private Object evalArg(Object dot, Node n) {
        at(n);
        return switch (n) {
            case DotNode d -> dot;
            case NilNode nil -> null;
            case FieldNode f -> evalFieldChain(dot, dot, f, f.idents(), List.of(f), NO_FINAL);
            case VariableNode v -> evalVariable(v, List.of(v), NO_FINAL);
            case PipeNode p -> evalPipeline(dot, p);
            case IdentifierNode id -> evalFunction(dot, id, id, List.of(id), NO_FINAL);
            case ChainNode c -> evalChain(dot, c, List.of(c), NO_FINAL);
            case BoolNode b -> b.value();
            case NumberNode num -> num.value();
            case StringNode s -> s.text();
            default -> throw error("can't handle " + n + " for arg");
        };
    }

    private Object varValue(String variable) {
        for (int i = vars.size() - 1; i >= 0; i--) {
            if (vars.get(i).name().equals(variable)) {
                return vars.get(i).value();
            }
        }
        throw error("undefined variable: " + variable);
    }

    private void setVar(String variable, Object value) {
        for (int i = vars.size() - 1; i >= 0; i--) {
            if (vars.get(i).name().equals(variable)) {
                vars.set(i, new Variable(variable, value));
                return;
            }
        }
        throw error("undefined variable: " + variable);
    }

    private void pop(int mark) {
        while (vars.size() > mark) {
            vars.removeLast();
        }
    }

    private void at(Node n) {
        node = n;
    }

    /** Go's ErrorContext: line and byte column of the node, and its text cut to 20 characters. */
    private TemplateException error(String message) {
        if (node == null) {
            return new TemplateException("template: " + name + ": " + message);
        }
        int pos = Math.min(node.pos(), source.length());
        String before = source.substring(0, pos);
        int lastNewline = before.lastIndexOf('\n');
        int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
        int column = lastNewline < 0 ? pos : pos - (lastNewline + 1);
        String context = node.toString();
        if (context.length() > 20) {
            context = context.substring(0, 20) + "...";
        }
        return new TemplateException("template: " + name + ":" + line + ":" + column + ": executing "
                + GoStrings.quote(name) + " at <" + context + ">: " + message);
    }
}
