package io.berth.server.http;

import io.berth.storage.error.BlobUnknownException;
import io.berth.storage.error.BlobUploadInvalidException;
import io.berth.storage.error.BlobUploadUnknownException;
import io.berth.storage.error.DigestInvalidException;
import io.berth.storage.error.ManifestBlobUnknownException;
import io.berth.storage.error.ManifestInvalidException;
import io.berth.storage.error.ManifestReferencedException;
import io.berth.storage.error.ManifestUnknownException;
import io.berth.storage.error.NameInvalidException;
import io.berth.storage.error.NameUnknownException;
import io.berth.storage.error.PaginationInvalidException;
import io.berth.storage.error.RangeInvalidException;
import io.berth.storage.error.SizeInvalidException;
import io.berth.storage.error.StorageException;
import io.berth.storage.error.StorageFullException;
import io.berth.storage.error.TagInvalidException;
import io.berth.storage.error.UnsupportedException;
import io.berth.auth.identity.IamException;
import io.berth.auth.policy.MalformedPolicyDocumentException;
import io.berth.auth.sigv4.MissingAuthenticationTokenException;
import io.berth.auth.sigv4.SigV4Exception;
import io.berth.server.access.AccessDeniedException;
import io.berth.server.access.UnauthenticatedException;
import io.berth.server.aws.AwsError;
import io.berth.server.aws.query.QueryException;
import io.berth.server.ecr.EcrException;
import io.vertx.core.http.HttpClosedException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The one place where failures become API errors: one table from exception type to OCI error code and status.
 * Handlers never choose status codes for failures; they throw, and the router's failure handler asks this class.
 */
public final class ErrorMapper {
    /** Status and OCI code of each client-facing exception type. */
    private record Code(int status, String code) {
    }

    private static final Map<Class<? extends Throwable>, Code> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put(BlobUnknownException.class, new Code(404, "BLOB_UNKNOWN"));
        TABLE.put(BlobUploadUnknownException.class, new Code(404, "BLOB_UPLOAD_UNKNOWN"));
        TABLE.put(BlobUploadInvalidException.class, new Code(400, "BLOB_UPLOAD_INVALID"));
        TABLE.put(DigestInvalidException.class, new Code(400, "DIGEST_INVALID"));
        TABLE.put(ManifestUnknownException.class, new Code(404, "MANIFEST_UNKNOWN"));
        TABLE.put(ManifestInvalidException.class, new Code(400, "MANIFEST_INVALID"));
        TABLE.put(ManifestBlobUnknownException.class, new Code(404, "MANIFEST_BLOB_UNKNOWN"));
        TABLE.put(ManifestReferencedException.class, new Code(409, "DENIED"));
        TABLE.put(NameInvalidException.class, new Code(400, "NAME_INVALID"));
        TABLE.put(NameUnknownException.class, new Code(404, "NAME_UNKNOWN"));
        TABLE.put(TagInvalidException.class, new Code(400, "TAG_INVALID"));
        TABLE.put(SizeInvalidException.class, new Code(400, "SIZE_INVALID"));
        TABLE.put(RangeInvalidException.class, new Code(416, "RANGE_INVALID"));
        TABLE.put(UnsupportedException.class, new Code(405, "UNSUPPORTED"));
        TABLE.put(PaginationInvalidException.class, new Code(400, "PAGINATION_NUMBER_INVALID"));
        TABLE.put(RequestTooLargeException.class, new Code(413, "SIZE_INVALID"));
        TABLE.put(RequestTimeoutException.class, new Code(408, "UNKNOWN"));
        TABLE.put(StorageFullException.class, new Code(507, "UNKNOWN"));
        TABLE.put(UnauthenticatedException.class, new Code(401, "UNAUTHORIZED"));
        TABLE.put(AccessDeniedException.class, new Code(403, "DENIED"));
    }

    private ErrorMapper() {
    }

    /** The API error for any failure; unknown failures are a 500 that reveals nothing internal. */
    public static ApiError toApiError(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof EndpointNotFoundException notFound) {
            return notFound.methodNotAllowed()
                    ? new ApiError(405, "UNSUPPORTED", notFound.getMessage(), null)
                    : new ApiError(404, "NOT_FOUND", notFound.getMessage(), null);
        }
        for (Map.Entry<Class<? extends Throwable>, Code> entry : TABLE.entrySet()) {
            if (entry.getKey().isInstance(cause)) {
                Object detail = cause instanceof StorageException storage ? storage.detail() : null;
                return new ApiError(entry.getValue().status(), entry.getValue().code(), cause.getMessage(), detail);
            }
        }
        return new ApiError(500, "UNKNOWN", "internal server error", null);
    }

    /**
     * The AWS-API error for any failure of a call on {@code POST /}: AWS's codes for signature failures, IAM's
     * own codes, ECR's exception types, AccessDenied, and an internal error that reveals nothing otherwise.
     */
    public static AwsError toAwsError(Throwable failure) {
        Throwable cause = unwrap(failure);
        return switch (cause) {
            case SigV4Exception sig -> new AwsError(sig instanceof MissingAuthenticationTokenException ? 403 : 400,
                    queryCodeOf(sig), sig.errorCode(), sig.getMessage(), true);
            case IamException iam -> new AwsError(iam.status(), iam.code(), iam.code() + "Exception", iam.getMessage(),
                    true);
            case MalformedPolicyDocumentException policy -> new AwsError(400, "MalformedPolicyDocument",
                    "MalformedPolicyDocumentException", policy.getMessage(), true);
            case AccessDeniedException denied -> new AwsError(403, "AccessDenied", "AccessDeniedException",
                    denied.getMessage(), true);
            case EcrException ecr -> new AwsError(400, ecr.type().replaceFirst("Exception$", ""), ecr.type(),
                    ecr.getMessage(), true);
            case QueryException query -> new AwsError(query.status(), query.code(), query.code(), query.getMessage(),
                    query.status() < 500);
            case RequestTooLargeException tooLarge -> new AwsError(413, "RequestEntityTooLarge",
                    "RequestEntityTooLargeException", tooLarge.getMessage(), true);
            case RequestTimeoutException timeout -> new AwsError(408, "RequestTimeout", "RequestTimeoutException",
                    timeout.getMessage(), true);
            default -> new AwsError(500, "InternalFailure", "ServerException", "internal server error", false);
        };
    }

    /** The Query protocol's (IAM, STS) name of a signature failure. */
    private static String queryCodeOf(SigV4Exception failure) {
        return switch (failure.errorCode()) {
            case "InvalidSignatureException" -> "SignatureDoesNotMatch";
            case "UnrecognizedClientException" -> "InvalidClientTokenId";
            case "ExpiredTokenException" -> "ExpiredToken";
            default -> failure.errorCode().replaceFirst("Exception$", "");
        };
    }

    /** True when the failure is only a client going away mid-request: nothing to answer, nothing to log loudly. */
    public static boolean isClientGone(Throwable failure) {
        return unwrap(failure) instanceof HttpClosedException;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
