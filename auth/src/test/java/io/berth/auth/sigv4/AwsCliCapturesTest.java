package io.berth.auth.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.auth.sigv4.AwsCliCaptures.Capture;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The requests the AWS CLI v2, AWS CLI v1 and boto3 really sent, verified and re-signed byte for byte. */
class AwsCliCapturesTest {
    private static final String PRINCIPAL = "arn:aws:iam::123456789012:user/example";
    private static final List<Capture> CAPTURES = AwsCliCaptures.load();

    @Test
    void theFileHoldsEveryCapturedRequest() {
        // 7 from the AWS CLI v2, 5 from the AWS CLI v1, 3 each from two boto3 versions.
        assertEquals(18, CAPTURES.size());
        assertEquals(1, CAPTURES.stream().filter(c -> c.sessionToken().isPresent()).count());
        assertEquals(1, CAPTURES.stream().filter(c -> c.canonicalRequest().isPresent()).count());
    }

    @Test
    void canonicalRequestAndStringToSignMatchTheServerSideCapture() {
        Capture capture = CAPTURES.stream().filter(c -> c.canonicalRequest().isPresent()).findFirst().orElseThrow();
        SignedRequest request = capture.request().toSignedRequest();
        SignatureParts parts = AuthorizationParser.parse(request);
        CanonicalRequest canonical = CanonicalRequest.of(request, parts.signedHeaders(), false);

        assertEquals(capture.canonicalRequest().orElseThrow(), canonical.text());
        assertEquals(capture.stringToSign().orElseThrow(),
                SigV4Crypto.stringToSign(parts.amzDate(), parts.scope(), canonical));
    }

    @TestFactory
    Stream<DynamicTest> verifierAcceptsEveryCapturedRequest() {
        return CAPTURES.stream().map(capture -> DynamicTest.dynamicTest("verify " + capture, () -> {
            VerifiedRequest verified = verifier(capture, capture.sessionToken())
                    .verify(capture.request().toSignedRequest());

            assertEquals(PRINCIPAL, verified.credential().principalId());
            assertEquals(new CredentialScope("20261122", "us-east-1", "ecr"), verified.scope());
            assertEquals(Instant.parse(iso(capture.amzDate())), verified.signedAt());
        }));
    }

    @TestFactory
    Stream<DynamicTest> signerReproducesEveryCapturedAuthorizationHeader() {
        return CAPTURES.stream().map(capture -> DynamicTest.dynamicTest("sign " + capture, () -> {
            HeaderMap captured = capture.request().headers();
            // What botocore holds when it signs; Content-Length, Accept-Encoding and amz-sdk-* come later.
            HeaderMap atSigningTime = HeaderMap.of(
                    "Host", captured.first("host").orElseThrow(),
                    "X-Amz-Target", captured.first("x-amz-target").orElseThrow(),
                    "Content-Type", captured.first("content-type").orElseThrow(),
                    "User-Agent", captured.first("user-agent").orElseThrow());
            SignedRequest request = SignedRequest.withBody("POST", "/", "", atSigningTime,
                    capture.request().bodyBytes());
            AwsCredentials credentials = capture.sessionToken()
                    .map(token -> AwsCredentials.of(AwsCliCaptures.ACCESS_KEY_ID, AwsCliCaptures.SECRET, token))
                    .orElse(AwsCredentials.of(AwsCliCaptures.ACCESS_KEY_ID, AwsCliCaptures.SECRET));

            SigV4Signature signature = new SigV4Signer(clockAt(capture.amzDate(), 0))
                    .sign(request, credentials, "us-east-1", "ecr");

            assertEquals(capture.authorization(), signature.authorization());
            assertEquals(capture.amzDate(), signature.headers().get("X-Amz-Date"));
            assertEquals(captured.first("x-amz-security-token"),
                    Optional.ofNullable(signature.headers().get("X-Amz-Security-Token")));
        }));
    }

    @Test
    void sessionTokenCaptureNeedsTheTokenItWasSignedWith() {
        Capture capture = CAPTURES.stream().filter(c -> c.sessionToken().isPresent()).findFirst().orElseThrow();
        SignedRequest request = capture.request().toSignedRequest();
        assertTrue(AuthorizationParser.parse(request).signedHeaders().contains("x-amz-security-token"));

        assertThrows(UnrecognizedClientException.class, () -> verifier(capture, Optional.empty()).verify(request));
        assertThrows(UnrecognizedClientException.class,
                () -> verifier(capture, Optional.of("FQoGZXIvYXdzEXAMPLEOTHERTOKEN")).verify(request));
    }

    @Test
    void theOtherDocumentationSecretDoesNotReproduceTheCaptures() {
        Capture capture = CAPTURES.get(0);
        SigV4Verifier verifier = new SigV4Verifier(key -> Optional.of(ResolvedCredential.longTerm(key,
                new SecretAccessKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), PRINCIPAL)),
                SigV4Settings.forService("ecr"), clockAt(capture.amzDate(), 30));

        assertThrows(InvalidSignatureException.class, () -> verifier.verify(capture.request().toSignedRequest()));
    }

    private static SigV4Verifier verifier(Capture capture, Optional<String> expectedToken) {
        Instant expiry = Instant.parse("2030-01-01T00:00:00Z");
        SecretAccessKey secret = new SecretAccessKey(AwsCliCaptures.SECRET);
        CredentialLookup lookup = key -> key.equals(AwsCliCaptures.ACCESS_KEY_ID)
                ? Optional.of(expectedToken.map(token -> ResolvedCredential.temporary(key, secret, PRINCIPAL,
                        new SessionToken(token), expiry)).orElse(ResolvedCredential.longTerm(key, secret, PRINCIPAL)))
                : Optional.empty();
        return new SigV4Verifier(lookup, SigV4Settings.forService("ecr"), clockAt(capture.amzDate(), 30));
    }

    static Clock clockAt(String amzDate, long plusSeconds) {
        return Clock.fixed(Instant.parse(iso(amzDate)).plusSeconds(plusSeconds), ZoneOffset.UTC);
    }

    static String iso(String amzDate) {
        return amzDate.substring(0, 4) + "-" + amzDate.substring(4, 6) + "-" + amzDate.substring(6, 11) + ":"
                + amzDate.substring(11, 13) + ":" + amzDate.substring(13);
    }
}
