/**
 * AWS Signature Version 4, both sides: {@link io.berth.auth.sigv4.SigV4Verifier} checks the signatures the AWS CLI
 * and SDKs put on ECR API requests (Authorization header or presigned query string), with the rules AWS applies to
 * every service except S3 (path normalised and encoded twice); {@link io.berth.auth.sigv4.SigV4Signer} signs
 * requests the same way for Berth's own CLI. Plain Java: javax.crypto for HMAC-SHA256, no AWS SDK.
 *
 * <p>Failures are {@link io.berth.auth.sigv4.SigV4Exception}s named like AWS's error types, each carrying the
 * error code AWS returns for it. Secrets, session tokens and Authorization headers stay out of messages and
 * {@code toString()}.
 */
package io.berth.auth.sigv4;
