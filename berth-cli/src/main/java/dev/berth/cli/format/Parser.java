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
import dev.berth.cli.format.Token.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Builds the {@link Node} tree from tokens with the same grammar and the same error messages as
 * Go's text/template/parse: functions and variables are checked here, so {@code {{foo}}} fails at
 * parse time with {@code function "foo" not defined}, as docker users see it.
 */
final class Parser {
    private enum Terminator { END, ELSE }

    private final String name;
    private final List<Token> tokens;
    private final Set<String> functions;
    private final List<String> vars = new ArrayList<>(List.of("$"));
    private int index;
    private int rangeDepth;
    private Terminator terminator;

    private Parser(String name, List<Token> tokens, Set<String> functions) {
        this.name = name;
        this.tokens = tokens;
        this.functions = functions;
    }

    static ListNode parse(String name, String text, Set<String> functions) {
        return new Parser(name, Lexer.lex(name, text), functions).parseRoot();
    }

    private ListNode parseRoot() {
        List<Node> nodes = new ArrayList<>();
        while (peek().kind() != Kind.EOF) {
            Node node = textOrAction();
            if (node == null) {
                throw error(terminator == Terminator.END ? "unexpected {{end}}" : "unexpected {{else}}");
            }
            nodes.add(node);
        }
        return new ListNode(0, nodes);
    }

    /** Returns the node, or null when the action was {@code {{end}}} or {@code {{else}}} (see {@link #terminator}). */
    private Node textOrAction() {
        Token token = nextNonSpace();
        return switch (token.kind()) {
            case TEXT -> new TextNode(token.pos(), token.text());
            case LEFT_DELIM -> action();
            default -> throw unexpected(token, "input");
        };
    }

    private Node action() {
        Token token = nextNonSpace();
        if (token.kind() == Kind.KEYWORD) {
            return keyword(token);
        }
        index--;
        Token start = peek();
        return new ActionNode(start.pos(), pipeline("command", Kind.RIGHT_DELIM));
    }

    private Node keyword(Token token) {
        switch (token.text()) {
            case "if" -> {
                return control(Branch.IF, token);
            }
            case "with" -> {
                return control(Branch.WITH, token);
            }
            case "range" -> {
                return control(Branch.RANGE, token);
            }
            case "end" -> {
                expect(Kind.RIGHT_DELIM, "end");
                terminator = Terminator.END;
                return null;
            }
            case "else" -> {
                Token next = peekNonSpace();
                if (!(next.kind() == Kind.KEYWORD && (next.text().equals("if") || next.text().equals("with")))) {
                    expect(Kind.RIGHT_DELIM, "else");
                }
                terminator = Terminator.ELSE;
                return null;
            }
            case "break", "continue" -> {
                return loopControl(token);
            }
            default -> throw error("{{" + token.text() + "}} is not supported by this template engine");
        }
    }

    private Node loopControl(Token token) {
        expect(Kind.RIGHT_DELIM, token.text());
        if (rangeDepth == 0) {
            throw error("{{" + token.text() + "}} outside {{range}}");
        }
        return token.text().equals("break") ? new BreakNode(token.pos()) : new ContinueNode(token.pos());
    }

    private BranchNode control(Branch kind, Token token) {
        int scope = vars.size();
        String context = kind.name().toLowerCase();
        PipeNode pipe = pipeline(context, Kind.RIGHT_DELIM);
        if (kind == Branch.RANGE) {
            rangeDepth++;
        }
        ListNode list = itemList();
        if (kind == Branch.RANGE) {
            rangeDepth--;
        }
        ListNode elseList = null;
        if (terminator == Terminator.ELSE) {
            elseList = elseBranch(kind);
        }
        shrinkVars(scope);
        return new BranchNode(token.pos(), kind, pipe, list, elseList);
    }

    /** {@code {{else if x}}} is {@code {{else}}{{if x}}…{{end}}} whose {@code {{end}}} closes both. */
    private ListNode elseBranch(Branch kind) {
        Token next = peekNonSpace();
        boolean chained = next.kind() == Kind.KEYWORD
                && (kind == Branch.IF && next.text().equals("if") || kind == Branch.WITH && next.text().equals("with"));
        if (chained) {
            Token keyword = nextNonSpace();
            return new ListNode(keyword.pos(), List.of(control(kind, keyword)));
        }
        ListNode elseList = itemList();
        if (terminator != Terminator.END) {
            throw error("expected end; found {{else}}");
        }
        return elseList;
    }

    private ListNode itemList() {
        List<Node> nodes = new ArrayList<>();
        int pos = peekNonSpace().pos();
        while (peekNonSpace().kind() != Kind.EOF) {
            Node node = textOrAction();
            if (node == null) {
                return new ListNode(pos, nodes);
            }
            nodes.add(node);
        }
        throw error("unexpected EOF");
    }

    private PipeNode pipeline(String context, Kind end) {
        Token first = peekNonSpace();
        boolean isAssign = false;
        List<VariableNode> decl = new ArrayList<>();
        while (peekNonSpace().kind() == Kind.VARIABLE) {
            int mark = index;
            Token variable = nextNonSpace();
            Token next = peekNonSpace();
            if (next.kind() == Kind.ASSIGN || next.kind() == Kind.DECLARE) {
                isAssign = next.kind() == Kind.ASSIGN;
                nextNonSpace();
                decl.add(new VariableNode(variable.pos(), List.of(variable.text())));
                vars.add(variable.text());
                break;
            }
            if (next.kind() == Kind.COMMA) {
                nextNonSpace();
                decl.add(new VariableNode(variable.pos(), List.of(variable.text())));
                vars.add(variable.text());
                if (context.equals("range") && decl.size() < 2) {
                    Kind after = peekNonSpace().kind();
                    if (after == Kind.VARIABLE || after == Kind.RIGHT_DELIM || after == Kind.RIGHT_PAREN) {
                        continue;
                    }
                    throw error("range can only initialize variables");
                }
                throw error("too many declarations in " + context);
            }
            index = mark;
            break;
        }
        List<CommandNode> cmds = new ArrayList<>();
        while (true) {
            Token token = nextNonSpace();
            if (token.kind() == end) {
                return checkPipeline(new PipeNode(first.pos(), isAssign, decl, cmds), context);
            }
            switch (token.kind()) {
                case BOOL, CHAR, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING, VARIABLE, LEFT_PAREN -> {
                    index--;
                    cmds.add(command());
                }
                default -> throw unexpected(token, context);
            }
        }
    }

    private PipeNode checkPipeline(PipeNode pipe, String context) {
        if (pipe.cmds().isEmpty()) {
            throw error("missing value for " + context);
        }
        for (int i = 1; i < pipe.cmds().size(); i++) {
            Node first = pipe.cmds().get(i).args().getFirst();
            if (first instanceof BoolNode || first instanceof DotNode || first instanceof NilNode
                    || first instanceof NumberNode || first instanceof StringNode) {
                throw error("non executable command in pipeline stage " + (i + 1));
            }
        }
        return pipe;
    }

    private CommandNode command() {
        int pos = peekNonSpace().pos();
        List<Node> args = new ArrayList<>();
        while (true) {
            peekNonSpace();
            Node operand = operand();
            if (operand != null) {
                args.add(operand);
            }
            Token token = next();
            if (token.kind() == Kind.SPACE) {
                continue;
            }
            if (token.kind() == Kind.RIGHT_DELIM || token.kind() == Kind.RIGHT_PAREN) {
                index--;
            } else if (token.kind() != Kind.PIPE) {
                throw unexpected(token, "operand");
            }
            break;
        }
        if (args.isEmpty()) {
            throw error("empty command");
        }
        return new CommandNode(pos, args);
    }

    private Node operand() {
        Node node = term();
        if (node == null || peek().kind() != Kind.FIELD) {
            return node;
        }
        List<String> fields = new ArrayList<>();
        while (peek().kind() == Kind.FIELD) {
            fields.add(next().text().substring(1));
        }
        return switch (node) {
            case FieldNode f -> new FieldNode(f.pos(), concat(f.idents(), fields));
            case VariableNode v -> new VariableNode(v.pos(), concat(v.idents(), fields));
            case BoolNode b -> throw error("unexpected . after term " + GoStrings.quote(b.toString()));
            case StringNode s -> throw error("unexpected . after term " + GoStrings.quote(s.toString()));
            case NumberNode n -> throw error("unexpected . after term " + GoStrings.quote(n.toString()));
            case NilNode n -> throw error("unexpected . after term " + GoStrings.quote(n.toString()));
            case DotNode d -> throw error("unexpected . after term " + GoStrings.quote(d.toString()));
            default -> new ChainNode(node.pos(), node, fields);
        };
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private Node term() {
        Token token = nextNonSpace();
        switch (token.kind()) {
            case IDENTIFIER -> {
                if (!functions.contains(token.text())) {
                    throw error("function " + GoStrings.quote(token.text()) + " not defined");
                }
                return new IdentifierNode(token.pos(), token.text());
            }
            case DOT -> {
                return new DotNode(token.pos());
            }
            case NIL -> {
                return new NilNode(token.pos());
            }
            case VARIABLE -> {
                if (!vars.contains(token.text())) {
                    throw error("undefined variable " + GoStrings.quote(token.text()));
                }
                return new VariableNode(token.pos(), List.of(token.text()));
            }
            case FIELD -> {
                return new FieldNode(token.pos(), new ArrayList<>(Arrays.asList(token.text().substring(1))));
            }
            case BOOL -> {
                return new BoolNode(token.pos(), token.text().equals("true"));
            }
            case NUMBER, CHAR -> {
                return number(token);
            }
            case LEFT_PAREN -> {
                return pipeline("parenthesized pipeline", Kind.RIGHT_PAREN);
            }
            case STRING, RAW_STRING -> {
                return new StringNode(token.pos(), token.text(), GoLiterals.unquote(token.text(), this::error));
            }
            default -> {
                index--;
                return null;
            }
        }
    }

    private NumberNode number(Token token) {
        try {
            return new NumberNode(token.pos(), token.text(), GoLiterals.number(token.text()));
        } catch (IllegalArgumentException e) {
            throw error("illegal number syntax: " + GoStrings.quote(token.text()));
        }
    }

    private void shrinkVars(int size) {
        while (vars.size() > size) {
            vars.removeLast();
        }
    }

    private Token expect(Kind kind, String context) {
        Token token = nextNonSpace();
        if (token.kind() != kind) {
            throw unexpected(token, context);
        }
        return token;
    }

    private Token next() {
        return tokens.get(index++);
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token nextNonSpace() {
        Token token = next();
        while (token.kind() == Kind.SPACE) {
            token = next();
        }
        return token;
    }

    private Token peekNonSpace() {
        Token token = nextNonSpace();
        index--;
        return token;
    }

    private TemplateException unexpected(Token token, String context) {
        return error("unexpected " + token.describe() + " in " + context);
    }

    private TemplateException error(String message) {
        int line = tokens.get(Math.max(0, Math.min(index, tokens.size()) - 1)).line();
        return new TemplateException("template: " + name + ":" + line + ": " + message);
    }
}
