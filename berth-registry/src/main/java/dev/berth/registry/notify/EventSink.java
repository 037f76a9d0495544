package dev.berth.registry.notify;

/** Where route handlers report {@link Event}s; {@link #NONE} when no endpoint is configured. */
@FunctionalInterface
public interface EventSink {

    EventSink NONE = event -> { };

    /** Must not block the request: implementations queue. */
    void emit(Event event);
}
