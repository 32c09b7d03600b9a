package io.berth.auth.policy;

/**
 * Which kind of policy a document is, which decides how it is validated: an identity policy (attached to a user,
 * group or role) must not name a principal; a resource policy (an ECR repository or registry policy) must, and may
 * leave out {@code Resource}, which then means the resource the policy is attached to.
 */
public enum PolicyKind {
    IDENTITY("identity-based", "an"),
    RESOURCE("resource-based", "a");

    private final String description;
    private final String article;

    PolicyKind(String description, String article) {
        this.description = description;
        this.article = article;
    }

    /** "an identity-based" or "a resource-based". */
    String withArticle() {
        return article + " " + description;
    }

    /** "identity-based" or "resource-based", as AWS words it in access-denied messages. */
    public String description() {
        return description;
    }
}
