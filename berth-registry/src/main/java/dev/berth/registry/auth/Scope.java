package dev.berth.registry.auth;

import java.util.List;

/**
 * What a request needs, in the token spec's words: {@code repository:library/ubuntu:pull,push} or
 * {@code registry:catalog:*}.
 */
public record Scope(String type, String name, List<String> actions) {

    public Scope {
        actions = List.copyOf(actions);
    }

    public static Scope repository(String name, String... actions) {
        return new Scope("repository", name, List.of(actions));
    }

    public static Scope catalog() {
        return new Scope("registry", "catalog", List.of("*"));
    }

    @Override
    public String toString() {
        return type + ":" + name + ":" + String.join(",", actions);
    }
}
