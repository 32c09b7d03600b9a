package io.berth.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
import io.berth.storage.error.StorageFailureException;
import io.berth.storage.error.StorageFullException;
import io.berth.storage.error.TagInvalidException;
import io.berth.storage.error.UnsupportedException;
import io.berth.auth.identity.IamException;
import io.berth.auth.sigv4.InvalidSignatureException;
import io.berth.auth.sigv4.UnrecognizedClientException;
import io.berth.server.access.AccessDeniedException;
import io.berth.server.access.UnauthenticatedException;
import io.berth.server.aws.AwsError;
import io.berth.server.aws.query.QueryException;
import io.berth.server.ecr.EcrException;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

    static Stream<Arguments> everyException() {
        return Stream.of(
                Arguments.of(new BlobUnknownException("m"), 404, "BLOB_UNKNOWN"),
                Arguments.of(new BlobUploadUnknownException("m"), 404, "BLOB_UPLOAD_UNKNOWN"),
                Arguments.of(new BlobUploadInvalidException("m"), 400, "BLOB_UPLOAD_INVALID"),
                Arguments.of(new DigestInvalidException("m"), 400, "DIGEST_INVALID"),
                Arguments.of(new ManifestUnknownException("m"), 404, "MANIFEST_UNKNOWN"),
                Arguments.of(new ManifestInvalidException("m"), 400, "MANIFEST_INVALID"),
                Arguments.of(new ManifestBlobUnknownException("m"), 404, "MANIFEST_BLOB_UNKNOWN"),
                Arguments.of(new ManifestReferencedException("m", "d"), 409, "DENIED"),
                Arguments.of(new NameInvalidException("m"), 400, "NAME_INVALID"),
                Arguments.of(new NameUnknownException("m"), 404, "NAME_UNKNOWN"),
                Arguments.of(new TagInvalidException("m"), 400, "TAG_INVALID"),
                Arguments.of(new SizeInvalidException("m"), 400, "SIZE_INVALID"),
                Arguments.of(new RangeInvalidException("m"), 416, "RANGE_INVALID"),
                Arguments.of(new UnsupportedException("m"), 405, "UNSUPPORTED"),
                Arguments.of(new PaginationInvalidException("m"), 400, "PAGINATION_NUMBER_INVALID"),
                Arguments.of(new RequestTooLargeException("m", 1), 413, "SIZE_INVALID"),
                Arguments.of(new RequestTimeoutException("m"), 408, "UNKNOWN"),
                Arguments.of(new EndpointNotFoundException(false), 404, "NOT_FOUND"),
                Arguments.of(new EndpointNotFoundException(true), 405, "UNSUPPORTED"),
                Arguments.of(new StorageFullException("m", null), 507, "UNKNOWN"),
                Arguments.of(new StorageFailureException("m", null), 500, "UNKNOWN"),
                Arguments.of(new UnauthenticatedException("m"), 401, "UNAUTHORIZED"),
                Arguments.of(new AccessDeniedException("m", "ecr:PutImage"), 403, "DENIED"),
                Arguments.of(new IllegalStateException("secret internals"), 500, "UNKNOWN"));
    }

    @ParameterizedTest
    @MethodSource("everyException")
    void mapsEachExceptionToItsCodeAndStatus(Throwable failure, int status, String code) {
        ApiError error = ErrorMapper.toApiError(failure);
        assertEquals(status, error.status());
        assertEquals(code, error.code());
    }

    static Stream<Arguments> everyAwsFailure() {
        return Stream.of(
                Arguments.of(new InvalidSignatureException(), 400, "SignatureDoesNotMatch", "InvalidSignatureException"),
                Arguments.of(new UnrecognizedClientException(), 400, "InvalidClientTokenId",
                        "UnrecognizedClientException"),
                Arguments.of(IamException.noSuchEntity("m"), 404, "NoSuchEntity", "NoSuchEntityException"),
                Arguments.of(new AccessDeniedException("m", "a"), 403, "AccessDenied", "AccessDeniedException"),
                Arguments.of(EcrException.repositoryNotFound("r", "1"), 400, "RepositoryNotFound",
                        "RepositoryNotFoundException"),
                Arguments.of(new QueryException("InvalidAction", 400, "m"), 400, "InvalidAction", "InvalidAction"),
                Arguments.of(new RequestTimeoutException("m"), 408, "RequestTimeout", "RequestTimeoutException"),
                Arguments.of(new IllegalStateException("internals"), 500, "InternalFailure", "ServerException"));
    }

    @ParameterizedTest
    @MethodSource("everyAwsFailure")
    void mapsEachAwsFailureToItsCodes(Throwable failure, int status, String code, String type) {
        AwsError error = ErrorMapper.toAwsError(failure);
        assertEquals(status, error.status());
        assertEquals(code, error.code());
        assertEquals(type, error.type());
    }

    @Test
    void unwrapsCompletionExceptions() {
        assertEquals("BLOB_UNKNOWN", ErrorMapper.toApiError(new CompletionException(new BlobUnknownException("m")))
                .code());
    }

    @Test
    void serverFaultsRevealNothingInternal() {
        ApiError error = ErrorMapper.toApiError(new StorageFailureException("rocksdb: corruption in /srv/x", null));
        assertFalse(error.message().contains("rocksdb"));
        assertEquals("internal server error", error.message());
    }
}
