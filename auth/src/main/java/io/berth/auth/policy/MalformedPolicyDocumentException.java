package io.berth.auth.policy;

import io.berth.auth.AuthException;
import java.util.Objects;

/**
 * A policy document was refused on input. The message is AWS's own wording (IAM's {@code MalformedPolicyDocument}
 * texts, such as "Syntax errors in policy."), so clients see what AWS would tell them; {@link #detail()} says in
 * plain words which element was at fault, for logs and tests, because AWS's wording is often the same for many
 * different mistakes.
 */
public final class MalformedPolicyDocumentException extends AuthException {
    private final String detail;

    public MalformedPolicyDocumentException(String message, String detail) {
        super(message);
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public MalformedPolicyDocumentException(String message, String detail, Throwable cause) {
        super(message, cause);
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /** Which element was refused and why, in Berth's words (never shown as AWS's message). */
    public String detail() {
        return detail;
    }
}
