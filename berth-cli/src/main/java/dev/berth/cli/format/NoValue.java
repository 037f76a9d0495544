package dev.berth.cli.format;

/**
 * Go's invalid {@code reflect.Value}: what a missing map key evaluates to. It prints as
 * {@code <no value>} and is distinct from a present JSON {@code null} inside lists and {@code println}.
 */
enum NoValue {
    INSTANCE;

    @Override
    public String toString() {
        return "<no value>";
    }
}
