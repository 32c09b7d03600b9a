package io.berth.server.aws;

import io.berth.auth.identity.Records.AccessKey;
import io.berth.auth.policy.RequestPrincipal;
import java.util.List;
import java.util.Map;

/**
 * A call to one of the AWS-style APIs on {@code POST /} whose SigV4 signature checked out.
 *
 * @param caller      who signed it
 * @param key         the access key that signed it
 * @param service     the credential scope's service: {@code ecr}, {@code iam} or {@code sts}
 * @param region      the credential scope's region
 * @param target      the {@code X-Amz-Target} header (JSON protocols), or null
 * @param contentType the request's Content-Type
 * @param body        the request body
 * @param endpoint    Berth's own base URL as the client reached it ({@code http://127.0.0.1:5000})
 * @param context     request condition keys (aws:SourceIp, aws:SecureTransport) for authorization
 * @param requestId   the request's id, as in the access log and the {@code x-amzn-RequestId} header
 */
public record AwsCall(RequestPrincipal caller, AccessKey key, String service, String region, String target,
                      String contentType, byte[] body, String endpoint, Map<String, List<String>> context,
                      String requestId) {
}
