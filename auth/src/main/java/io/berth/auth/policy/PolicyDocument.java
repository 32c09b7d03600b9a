package io.berth.auth.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed and validated IAM policy document. {@link #parseIdentity} reads a policy attached to a user, group or
 * role; {@link #parseResource} reads an ECR repository or registry policy. Both refuse what AWS refuses, with AWS's
 * messages, by throwing {@link MalformedPolicyDocumentException}.
 */
public record PolicyDocument(PolicyKind kind, PolicyVersion version, Optional<String> id,
        List<Statement> statements) {

    public PolicyDocument {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(id, "id");
        statements = List.copyOf(statements);
    }

    /** An identity policy within IAM's managed-policy size quota (6,144 characters other than whitespace). */
    public static PolicyDocument parseIdentity(String json) {
        return PolicyParser.identity().parse(json);
    }

    /**
     * An identity policy within another size quota, counted like IAM's without whitespace: IAM allows 2,048
     * characters for a user's inline policies, 5,120 for a group's and 10,240 for a role's.
     */
    public static PolicyDocument parseIdentity(String json, int maxCharacters) {
        return PolicyParser.identity(maxCharacters).parse(json);
    }

    /** A repository or registry policy within ECR's policy text length limit. */
    public static PolicyDocument parseResource(String json) {
        return PolicyParser.resource().parse(json);
    }
}
