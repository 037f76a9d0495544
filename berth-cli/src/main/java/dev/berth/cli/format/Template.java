package dev.berth.cli.format;

import dev.berth.cli.format.Node.ListNode;

/**
 * A parsed Go text/template, the language of docker's {@code --format}.
 *
 * <p>Use: {@code Template.parse("{{.Name | upper}}")} fails fast with Go's parse error if the text
 * is malformed or calls an unknown function; {@code execute(data)} then renders a
 * {@link com.fasterxml.jackson.databind.JsonNode}, a Map/List tree or a {@link TemplateObject}.
 * Table headers run the same template through {@link FunctionTable#dockerHeader()}.
 */
public final class Template {
    private final String name;
    private final String text;
    private final FunctionTable functions;
    private final ListNode root;

    private Template(String name, String text, FunctionTable functions, ListNode root) {
        this.name = name;
        this.text = text;
        this.functions = functions;
        this.root = root;
    }

    /** Parses with docker's functions and the empty name docker uses, so errors read {@code template: :1: …}. */
    public static Template parse(String text) {
        return parse("", text, FunctionTable.docker());
    }

    public static Template parse(String name, String text, FunctionTable functions) {
        return new Template(name, text, functions, Parser.parse(name, text, functions.names()));
    }

    public String execute(Object data) {
        return execute(data, functions);
    }

    /** Executes with another function table of the same names, as docker does for table headers. */
    public String execute(Object data, FunctionTable with) {
        StringBuilder out = new StringBuilder();
        new Executor(name, text, with, out).run(root, data);
        return out.toString();
    }
}
