package io.berth.server.aws.query;

import io.berth.server.aws.AwsError;
import io.berth.server.aws.AwsReply;
import java.nio.charset.StandardCharsets;

/**
 * The response envelopes of one Query-protocol API (its XML namespace):
 * <pre>{@code
 * <CreateUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
 *   <CreateUserResult>...</CreateUserResult>
 *   <ResponseMetadata><RequestId>...</RequestId></ResponseMetadata>
 * </CreateUserResponse>
 *
 * <ErrorResponse xmlns="...">
 *   <Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>...</Message></Error>
 *   <RequestId>...</RequestId>
 * </ErrorResponse>
 * }</pre>
 */
public final class QueryProtocol {
    private static final String CONTENT_TYPE = "text/xml";

    private final String namespace;

    /** @param namespace the API's XML namespace, {@code https://iam.amazonaws.com/doc/2010-05-08/} */
    public QueryProtocol(String namespace) {
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }

    public AwsReply success(String action, QueryResult result, String requestId) {
        XmlWriter xml = new XmlWriter().root(action + "Response", namespace);
        result.content().ifPresent(content -> {
            xml.start(action + "Result");
            content.accept(xml);
            xml.end();
        });
        xml.start("ResponseMetadata").element("RequestId", requestId).end();
        return AwsReply.xml(xml.end().toString());
    }

    public AwsReply error(AwsError error, String requestId) {
        XmlWriter xml = new XmlWriter().root("ErrorResponse", namespace)
                .start("Error")
                .element("Type", error.sender() ? "Sender" : "Receiver")
                .element("Code", error.code())
                .element("Message", error.message() == null ? "" : error.message())
                .end()
                .element("RequestId", requestId)
                .end();
        return new AwsReply(error.status(), CONTENT_TYPE, xml.toString().getBytes(StandardCharsets.UTF_8));
    }
}
