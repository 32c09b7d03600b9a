package io.berth.server.aws;

/**
 * One AWS-style API served on {@code POST /} (ECR's JSON 1.1 protocol, IAM's and STS's Query protocol), chosen
 * by the credential scope's service name.
 */
public interface AwsService {
    /** The SigV4 service name it answers to: {@code ecr}, {@code iam}, {@code sts}. */
    String name();

    /** Serves a verified call. Blocking: called on a worker thread. Failures are thrown, not rendered. */
    AwsReply handle(AwsCall call);

    /** Renders an error in this API's protocol (JSON {@code __type} or Query XML {@code ErrorResponse}). */
    AwsReply render(AwsError error, String requestId);
}
