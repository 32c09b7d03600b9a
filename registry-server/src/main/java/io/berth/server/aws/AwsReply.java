package io.berth.server.aws;

import java.nio.charset.StandardCharsets;

/** What an AWS-style API answers: a status, a content type and a body. */
public record AwsReply(int status, String contentType, byte[] body) {
    public static AwsReply json(String json) {
        return new AwsReply(200, "application/x-amz-json-1.1", json.getBytes(StandardCharsets.UTF_8));
    }

    public static AwsReply xml(String xml) {
        return new AwsReply(200, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
    }
}
