package io.berth.server.aws.query;

import io.berth.auth.identity.IamException;
import io.berth.auth.policy.MalformedPolicyDocumentException;
import io.berth.server.access.AccessDeniedException;
import io.berth.server.aws.AwsError;
import java.util.Optional;

/**
 * The failures the IAM and STS services throw, as AWS errors: the one table the server's error mapper consults
 * for the Query protocol. {@code code} is the Query protocol's {@code <Code>}, {@code type} the JSON protocols'
 * {@code __type}.
 */
public final class QueryErrors {
    private QueryErrors() {
    }

    /** The AWS error for a failure this package knows, or empty (the caller maps it, or answers 500). */
    public static Optional<AwsError> toAwsError(Throwable failure) {
        if (failure instanceof QueryException query) {
            return Optional.of(new AwsError(query.status(), query.code(), query.code(), query.getMessage(),
                    query.status() < 500));
        }
        if (failure instanceof IamException iam) {
            return Optional.of(new AwsError(iam.status(), iam.code(), iam.code() + "Exception", iam.getMessage(),
                    iam.status() < 500));
        }
        if (failure instanceof MalformedPolicyDocumentException malformed) {
            return Optional.of(new AwsError(400, "MalformedPolicyDocument", "MalformedPolicyDocumentException",
                    malformed.getMessage(), true));
        }
        if (failure instanceof AccessDeniedException denied) {
            return Optional.of(new AwsError(403, "AccessDenied", "AccessDeniedException", denied.getMessage(), true));
        }
        return Optional.empty();
    }
}
