package dev.berth.cli.format;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The parse tree of a template, shaped like Go's text/template/parse. Each node's
 * {@link #toString()} renders it back the way Go does, since execution errors quote it
 * ({@code executing "" at <.Foo>}).
 */
sealed interface Node {

    int pos();

    record ListNode(int pos, List<Node> nodes) implements Node {
        @Override
        public String toString() {
            return nodes.stream().map(Node::toString).collect(Collectors.joining());
        }
    }

    record TextNode(int pos, String text) implements Node {
        @Override
        public String toString() {
            return GoStrings.quote(text);
        }
    }

    record ActionNode(int pos, PipeNode pipe) implements Node {
        @Override
        public String toString() {
            return "{{" + pipe + "}}";
        }
    }

    /** {@code if}, {@code with} and {@code range} share one shape; {@code elseList} may be null. */
    record BranchNode(int pos, Branch kind, PipeNode pipe, ListNode list, ListNode elseList) implements Node {
        @Override
        public String toString() {
            String name = kind.name().toLowerCase();
            String tail = elseList == null ? "" : "{{else}}" + elseList;
            return "{{" + name + " " + pipe + "}}" + list + tail + "{{end}}";
        }
    }

    enum Branch { IF, WITH, RANGE }

    record BreakNode(int pos) implements Node {
        @Override
        public String toString() {
            return "{{break}}";
        }
    }

    record ContinueNode(int pos) implements Node {
        @Override
        public String toString() {
            return "{{continue}}";
        }
    }

    /** A pipeline, optionally declaring ({@code :=}) or assigning ({@code =}) variables. */
    record PipeNode(int pos, boolean isAssign, List<VariableNode> decl, List<CommandNode> cmds) implements Node {
        @Override
        public String toString() {
            String vars = decl.isEmpty() ? ""
                    : decl.stream().map(Node::toString).collect(Collectors.joining(", "))
                            + (isAssign ? " = " : " := ");
            return vars + cmds.stream().map(Node::toString).collect(Collectors.joining(" | "));
        }
    }

    record CommandNode(int pos, List<Node> args) implements Node {
        @Override
        public String toString() {
            return args.stream()
                    .map(a -> a instanceof PipeNode ? "(" + a + ")" : a.toString())
                    .collect(Collectors.joining(" "));
        }
    }

    record FieldNode(int pos, List<String> idents) implements Node {
        @Override
        public String toString() {
            return idents.stream().map(i -> "." + i).collect(Collectors.joining());
        }
    }

    /** {@code $x.A.B}: the first ident is the variable's name, including the {@code $}. */
    record VariableNode(int pos, List<String> idents) implements Node {
        @Override
        public String toString() {
            return String.join(".", idents);
        }
    }

    /** A field chain on something that is not a field or variable, e.g. {@code (index .M "k").Name}. */
    record ChainNode(int pos, Node node, List<String> fields) implements Node {
        @Override
        public String toString() {
            String base = node instanceof PipeNode ? "(" + node + ")" : node.toString();
            return base + fields.stream().map(f -> "." + f).collect(Collectors.joining());
        }
    }

    record DotNode(int pos) implements Node {
        @Override
        public String toString() {
            return ".";
        }
    }

    record IdentifierNode(int pos, String name) implements Node {
        @Override
        public String toString() {
            return name;
        }
    }

    record StringNode(int pos, String quoted, String text) implements Node {
        @Override
        public String toString() {
            return quoted;
        }
    }

    /** A number literal; {@code value} is a Long, or a Double when the literal has a fraction or exponent. */
    record NumberNode(int pos, String literal, Object value) implements Node {
        @Override
        public String toString() {
            return literal;
        }
    }

    record BoolNode(int pos, boolean value) implements Node {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    record NilNode(int pos) implements Node {
        @Override
        public String toString() {
            return "nil";
        }
    }
}
