package io.berth.auth.policy;

/** The {@code Effect} of a statement; AWS accepts exactly "Allow" and "Deny", case-sensitively. */
public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String text;

    Effect(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
