package io.berth.server.aws;

/**
 * A failure of an AWS-style API call as clients see it.
 *
 * @param status  the HTTP status
 * @param code    AWS's error code as the Query protocol names it ({@code NoSuchEntity}, {@code AccessDenied})
 * @param type    the same as the JSON protocol's {@code __type} names it ({@code RepositoryNotFoundException})
 * @param message the message
 * @param sender  true when the client is at fault (Query protocol {@code <Type>Sender</Type>})
 */
public record AwsError(int status, String code, String type, String message, boolean sender) {
}
