package io.berth.server.aws.query;

import io.berth.server.http.ErrorMapper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.auth.identity.IamException;
import io.berth.auth.policy.MalformedPolicyDocumentException;
import io.berth.server.access.AccessDeniedException;
import io.berth.server.aws.AwsError;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Query protocol's failures as the one error mapper renders them. */
class QueryErrorsTest {
    static Stream<Arguments> everyFailure() {
        return Stream.of(
                Arguments.of(IamException.noSuchEntity("m"), 404, "NoSuchEntity", "NoSuchEntityException"),
                Arguments.of(IamException.alreadyExists("m"), 409, "EntityAlreadyExists",
                        "EntityAlreadyExistsException"),
                Arguments.of(IamException.limitExceeded("m"), 409, "LimitExceeded", "LimitExceededException"),
                Arguments.of(IamException.deleteConflict("m"), 409, "DeleteConflict", "DeleteConflictException"),
                Arguments.of(IamException.invalidInput("m"), 400, "InvalidInput", "InvalidInputException"),
                Arguments.of(new MalformedPolicyDocumentException("m", "detail"), 400, "MalformedPolicyDocument",
                        "MalformedPolicyDocumentException"),
                Arguments.of(new AccessDeniedException("m", "iam:GetUser"), 403, "AccessDenied",
                        "AccessDeniedException"),
                Arguments.of(QueryException.validation("m"), 400, "ValidationError", "ValidationError"),
                Arguments.of(QueryException.invalidAction("X", "2010-05-08"), 400, "InvalidAction", "InvalidAction"),
                Arguments.of(QueryException.missingAction(), 400, "MissingAction", "MissingAction"),
                Arguments.of(QueryException.malformedQueryString("m"), 400, "MalformedQueryString",
                        "MalformedQueryString"),
                Arguments.of(QueryException.accessDenied("m"), 403, "AccessDenied", "AccessDenied"),
                Arguments.of(QueryException.unsupported("m"), 400, "InvalidInput", "InvalidInput"));
    }

    @ParameterizedTest
    @MethodSource("everyFailure")
    void mapsEveryFailureItKnows(RuntimeException failure, int status, String code, String type) {
        AwsError error = ErrorMapper.toAwsError(failure);
        assertEquals(status, error.status());
        assertEquals(code, error.code());
        assertEquals(type, error.type());
        assertEquals(failure.getMessage(), error.message());
        assertTrue(error.sender());
    }

    @Test
    void invalidActionNamesTheActionAndVersion() {
        assertEquals("Could not find operation Frobnicate for version 2010-05-08",
                QueryException.invalidAction("Frobnicate", "2010-05-08").getMessage());
    }
}
