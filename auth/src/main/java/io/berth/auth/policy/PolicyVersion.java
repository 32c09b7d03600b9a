package io.berth.auth.policy;

import java.util.Optional;

/**
 * The policy language versions IAM accepts. A document without a {@code Version} element is read as 2008-10-17,
 * as AWS does, and in that version {@code ${...}} is plain text, not a policy variable.
 */
public enum PolicyVersion {
    V2008_10_17("2008-10-17"),
    V2012_10_17("2012-10-17");

    private final String text;

    PolicyVersion(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Policy variables such as {@code ${aws:username}} are only substituted in 2012-10-17 documents. */
    public boolean supportsVariables() {
        return this == V2012_10_17;
    }

    static Optional<PolicyVersion> parse(String text) {
        for (PolicyVersion version : values()) {
            if (version.text.equals(text)) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }
}
