package io.berth.server.aws.query;

/**
 * A request to a Query-protocol API (IAM, STS) that the protocol layer refuses before or besides the domain:
 * a missing or invalid parameter ({@code ValidationError}), an unknown action ({@code InvalidAction}), a form body
 * that cannot be decoded, or STS's {@code AccessDenied}. Carries the Query error code and HTTP status; no HTTP
 * types. {@link io.berth.server.http.ErrorMapper} turns it into an {@link io.berth.server.aws.AwsError}.
 */
public final class QueryException extends RuntimeException {
    private final String code;
    private final int status;

    public QueryException(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** AWS's model-validation failure: "1 validation error detected: Value ... failed to satisfy constraint: ...". */
    public static QueryException validation(String message) {
        return new QueryException("ValidationError", 400, message);
    }

    public static QueryException invalidAction(String action, String version) {
        return new QueryException("InvalidAction", 400, "Could not find operation " + action + " for version "
                + version);
    }

    public static QueryException missingAction() {
        return new QueryException("MissingAction", 400, "Missing Action");
    }

    public static QueryException malformedQueryString(String message) {
        return new QueryException("MalformedQueryString", 400, message);
    }

    /** STS's denial of AssumeRole: "User: ARN is not authorized to perform: sts:AssumeRole on resource: ARN". */
    public static QueryException accessDenied(String message) {
        return new QueryException("AccessDenied", 403, message);
    }

    /** A parameter AWS accepts that Berth does not implement, refused rather than silently ignored. */
    public static QueryException unsupported(String message) {
        return new QueryException("InvalidInput", 400, message);
    }
}
