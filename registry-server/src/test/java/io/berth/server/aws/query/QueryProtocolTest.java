package io.berth.server.aws.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.aws.AwsError;
import io.berth.server.aws.AwsReply;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryProtocolTest {
    private static final String NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private final QueryProtocol protocol = new QueryProtocol(NS);

    @Test
    void wrapsAResult() {
        AwsReply reply = protocol.success("GetUser",
                QueryResult.of(xml -> xml.start("User").element("UserName", "alice").end()), "req-1");
        XmlDoc doc = XmlDoc.of(reply);
        assertEquals(200, reply.status());
        assertEquals("GetUserResponse", doc.rootName());
        assertEquals(NS, doc.namespace());
        assertEquals("alice", doc.text("GetUserResult/User/UserName"));
        assertEquals("req-1", doc.text("ResponseMetadata/RequestId"));
        assertEquals(List.of("GetUserResult", "ResponseMetadata"), doc.children("."));
    }

    @Test
    void anActionWithoutOutputHasNoResultElement() {
        XmlDoc doc = XmlDoc.of(protocol.success("DeleteUser", QueryResult.none(), "req-2"));
        assertEquals("DeleteUserResponse", doc.rootName());
        assertFalse(doc.has("DeleteUserResult"));
        assertEquals("req-2", doc.text("ResponseMetadata/RequestId"));
    }

    @Test
    void rendersErrorsWithTheirStatus() {
        AwsReply reply = protocol.error(new AwsError(404, "NoSuchEntity", "NoSuchEntityException",
                "The user with name bob cannot be found.", true), "req-3");
        XmlDoc doc = XmlDoc.of(reply);
        assertEquals(404, reply.status());
        assertEquals("ErrorResponse", doc.rootName());
        assertEquals(NS, doc.namespace());
        assertEquals("Sender", doc.text("Error/Type"));
        assertEquals("NoSuchEntity", doc.text("Error/Code"));
        assertEquals("The user with name bob cannot be found.", doc.text("Error/Message"));
        assertEquals("req-3", doc.text("RequestId"));
    }

    @Test
    void serverFaultsAreReceiverErrors() {
        XmlDoc doc = XmlDoc.of(protocol.error(new AwsError(500, "ServiceFailure", "ServiceFailureException",
                null, false), "req-4"));
        assertEquals(500, doc.status());
        assertEquals("Receiver", doc.text("Error/Type"));
        assertEquals("", doc.text("Error/Message"));
    }

    @Test
    void datesAreUtcToTheSecond() {
        assertEquals("2026-11-22T04:00:00Z", IsoDates.format(Instant.parse("2026-11-22T04:00:00.999Z")));
        assertEquals("1970-01-01T00:00:01Z", IsoDates.format(1_000L));
    }
}
