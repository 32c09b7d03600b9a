package io.berth.auth.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.auth.sigv4.SigV4TestSuite.Vector;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * AWS's SigV4 test suite: for every vector with path normalisation (the non-S3 rules), the verifier reproduces the
 * canonical request, string to sign and signature of both the header-signed and the presigned request and accepts
 * them, and the signer produces the same signatures from the unsigned request.
 */
class SigV4TestSuiteTest {
    private static final String PRINCIPAL = "arn:aws:iam::111122223333:user/suite";

    @Test
    void everyNormalizedVectorIsPresent() {
        List<String> names = SigV4TestSuite.normalized().stream().map(Vector::name).toList();
        assertEquals(31, names.size(), names::toString);
        assertTrue(names.containsAll(List.of("get-vanilla", "get-vanilla-query-order-key-case",
                "get-header-value-trim", "post-x-www-form-urlencoded", "get-utf8", "get-slashes-normalized",
                "get-relative-relative-normalized", "get-vanilla-with-session-token", "post-sts-header-after")));
    }

    @TestFactory
    Stream<DynamicTest> headerSignedRequestsVerify() {
        return SigV4TestSuite.normalized().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            SignedRequest request = v.request("header-signed-request.txt").toSignedRequest();
            SignatureParts parts = AuthorizationParser.parse(request);
            CanonicalRequest canonical = CanonicalRequest.of(request, parts.signedHeaders(), false);

            assertEquals(v.file("header-canonical-request.txt"), canonical.text());
            assertEquals(v.file("header-string-to-sign.txt"),
                    SigV4Crypto.stringToSign(parts.amzDate(), parts.scope(), canonical));
            assertEquals(v.file("header-signature.txt").strip(), parts.signature());
            assertEquals(PRINCIPAL, verifier(v).verify(request).credential().principalId());
        }));
    }

    @TestFactory
    Stream<DynamicTest> presignedRequestsVerify() {
        return SigV4TestSuite.normalized().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            SignedRequest request = v.request("query-signed-request.txt").toSignedRequest();
            SignatureParts parts = AuthorizationParser.parse(request);
            CanonicalRequest canonical = CanonicalRequest.of(request, parts.signedHeaders(), true,
                    v.omitSessionToken() ? Optional.of("X-Amz-Security-Token") : Optional.empty());

            assertEquals(v.file("query-canonical-request.txt"), canonical.text());
            assertEquals(v.file("query-string-to-sign.txt"),
                    SigV4Crypto.stringToSign(parts.amzDate(), parts.scope(), canonical));
            assertEquals(v.file("query-signature.txt").strip(), parts.signature());
            VerifiedRequest verified = verifier(v).verify(request);
            assertTrue(verified.presigned());
            assertEquals(new CredentialScope("20150830", "us-east-1", "service"), verified.scope());
        }));
    }

    @TestFactory
    Stream<DynamicTest> signerReproducesHeaderSignatures() {
        return SigV4TestSuite.normalized().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            SignedRequest request = unsigned(v);
            if (v.signBody()) {
                request = request.withHeaders(request.headers().with("x-amz-content-sha256",
                        request.payloadSha256()));
            }
            SigV4Signature signature = signer(v).sign(request, signingCredentials(v), v.region(), v.service());

            assertEquals(v.file("header-canonical-request.txt"), signature.canonicalRequest().text());
            assertEquals(v.file("header-string-to-sign.txt"), signature.stringToSign());
            assertEquals(v.file("header-signature.txt").strip(), signature.signature());
            assertEquals(v.request("header-signed-request.txt").headers().first("authorization").orElseThrow(),
                    signature.authorization());
        }));
    }

    @TestFactory
    Stream<DynamicTest> signerReproducesPresignedQueries() {
        return SigV4TestSuite.normalized().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            String query = signer(v).presign(unsigned(v), signingCredentials(v), v.region(), v.service(),
                    Duration.ofSeconds(v.expiresSeconds()));
            String expected = v.request("query-signed-request.txt").rawQuery();
            if (v.omitSessionToken()) {
                expected = expected.replaceAll("&X-Amz-Security-Token=[^&]*", "");
            }

            assertEquals(expected, query);
        }));
    }

    /**
     * The S3-only vectors (no normalisation, single encoding) verify only where the non-S3 rules give the same
     * canonical URI; elsewhere the signature cannot match, which is what AWS's other services answer too.
     */
    @TestFactory
    Stream<DynamicTest> s3OnlyVectorsVerifyOnlyWhereTheRulesAgree() {
        return SigV4TestSuite.all().stream().filter(v -> !v.normalize()).map(v -> DynamicTest.dynamicTest(v.name(),
                () -> {
                    SignedRequest request = v.request("header-signed-request.txt").toSignedRequest();
                    String expectedUri = v.file("header-canonical-request.txt").lines().toList().get(1);
                    if (CanonicalUri.of(request.rawPath()).equals(expectedUri)) {
                        verifier(v).verify(request);
                    } else {
                        assertThrows(InvalidSignatureException.class, () -> verifier(v).verify(request));
                    }
                }));
    }

    private static SignedRequest unsigned(Vector v) {
        return v.request("request.txt").toSignedRequest();
    }

    /** The suite's omit_session_token vectors sign without the token and add it afterwards. */
    private static AwsCredentials signingCredentials(Vector v) {
        return v.token().filter(token -> !v.omitSessionToken())
                .map(token -> AwsCredentials.of(v.accessKeyId(), v.secret(), token))
                .orElse(AwsCredentials.of(v.accessKeyId(), v.secret()));
    }

    private static SigV4Signer signer(Vector v) {
        return new SigV4Signer(Clock.fixed(v.timestamp(), ZoneOffset.UTC));
    }

    private static SigV4Verifier verifier(Vector v) {
        SecretAccessKey secret = new SecretAccessKey(v.secret());
        ResolvedCredential credential = v.token()
                .map(token -> ResolvedCredential.temporary(v.accessKeyId(), secret, PRINCIPAL,
                        new SessionToken(token), v.timestamp().plusSeconds(3600)))
                .orElse(ResolvedCredential.longTerm(v.accessKeyId(), secret, PRINCIPAL));
        return new SigV4Verifier(key -> key.equals(v.accessKeyId()) ? Optional.of(credential) : Optional.empty(),
                SigV4Settings.forService("service"), Clock.fixed(v.timestamp().plusSeconds(60), ZoneOffset.UTC));
    }
}
