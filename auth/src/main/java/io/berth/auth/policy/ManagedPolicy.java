package io.berth.auth.policy;

import java.util.Objects;

/** An AWS managed policy, such as {@code arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly}. */
public record ManagedPolicy(String name, String arn, String description, String versionId,
        PolicyDocument document, String documentText) {
    public ManagedPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(documentText, "documentText");
    }

    /** This policy under its name, ready to be attached to a user, group or role. */
    public NamedPolicy asNamedPolicy() {
        return new NamedPolicy(name, document);
    }
}
