package io.berth.auth.sigv4;

import static io.berth.auth.sigv4.SigV4Fixture.KEY_ID;
import static io.berth.auth.sigv4.SigV4Fixture.LOOKUP;
import static io.berth.auth.sigv4.SigV4Fixture.PRINCIPAL;
import static io.berth.auth.sigv4.SigV4Fixture.SECRET;
import static io.berth.auth.sigv4.SigV4Fixture.SIGNED_AT;
import static io.berth.auth.sigv4.SigV4Fixture.TEMP_EXPIRY;
import static io.berth.auth.sigv4.SigV4Fixture.TEMP_KEY_ID;
import static io.berth.auth.sigv4.SigV4Fixture.TEMP_SECRET;
import static io.berth.auth.sigv4.SigV4Fixture.TOKEN;
import static io.berth.auth.sigv4.SigV4Fixture.signed;
import static io.berth.auth.sigv4.SigV4Fixture.unsigned;
import static io.berth.auth.sigv4.SigV4Fixture.verifier;
import static io.berth.auth.sigv4.SigV4Fixture.verifierAt;
import static io.berth.auth.sigv4.SigV4Fixture.withAuthorization;
import static io.berth.auth.sigv4.SigV4Fixture.withHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signed by {@link SigV4Signer}, then verified, tampered with, or presented at the wrong time or with a wrong key. */
class SigV4VerifierTest {
    @Test
    void aSignedRequestVerifies() {
        VerifiedRequest verified = verifier().verify(signed());

        assertEquals(PRINCIPAL, verified.credential().principalId());
        assertEquals(KEY_ID, verified.credential().accessKeyId());
        assertEquals(new CredentialScope("20261122", "us-east-1", "ecr"), verified.scope());
        assertEquals(SIGNED_AT, verified.signedAt());
        assertFalse(verified.presigned());
    }

    @Test
    void headersAddedAfterSigningDoNotMatter() {
        SignedRequest request = withHeader(withHeader(signed(), "User-Agent", "aws-cli/2.9.19"),
                "Content-Length", "2");

        assertEquals(PRINCIPAL, verifier().verify(request).credential().principalId());
    }

    @Test
    void temporaryCredentialsVerifyWithTheirToken() {
        SignedRequest request = signed(unsigned(), AwsCredentials.of(TEMP_KEY_ID, TEMP_SECRET, TOKEN));

        VerifiedRequest verified = verifier().verify(request);

        assertEquals(Optional.of(TEMP_EXPIRY), verified.credential().expiresAt());
    }

    @Test
    void tamperedMethodPathQueryHeaderOrBodyIsRejected() {
        SignedRequest good = signed();
        SignedRequest[] tampered = {
            new SignedRequest("PUT", good.rawPath(), good.rawQuery(), good.headers(), good.payloadSha256()),
            new SignedRequest(good.method(), "/v2/", good.rawQuery(), good.headers(), good.payloadSha256()),
            good.withRawQuery("force=true"),
            withHeader(good, "X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.DeleteRepository"),
            withHeader(good, "Host", "evil.example.com"),
            withHeader(good, "X-Amz-Date", "20261122T022057Z"),
            good.withHeaders(good.headers().without("content-type")),
            new SignedRequest(good.method(), good.rawPath(), good.rawQuery(), good.headers(),
                    SignedRequest.sha256Hex("{\"force\":true}".getBytes(StandardCharsets.UTF_8))),
            withAuthorization(good, a -> a.replace("content-type;host", "host")),
            withAuthorization(good, a -> a.replace("/us-east-1/", "/eu-west-1/")),
        };
        for (SignedRequest request : tampered) {
            InvalidSignatureException e = assertThrows(InvalidSignatureException.class,
                    () -> verifier().verify(request), request::toString);
            assertEquals(InvalidSignatureException.MISMATCH_MESSAGE, e.getMessage());
        }
    }

    @Test
    void everyChangedSignatureCharacterIsRejected() {
        SignedRequest good = signed();
        String authorization = good.headers().first("authorization").orElseThrow();
        int start = authorization.lastIndexOf('=') + 1;
        for (int i = start; i < authorization.length(); i++) {
            for (int bit = 0; bit < 4; bit++) {
                char[] chars = authorization.toCharArray();
                chars[i] = Character.forDigit(Character.digit(chars[i], 16) ^ (1 << bit), 16);
                SignedRequest request = withHeader(good, "Authorization", new String(chars));
                assertThrows(InvalidSignatureException.class, () -> verifier().verify(request));
            }
        }
        assertThrows(InvalidSignatureException.class, () -> verifier().verify(withHeader(good, "Authorization",
                authorization.substring(0, authorization.length() - 1))));
        String upperCase = authorization.substring(0, start) + authorization.substring(start).toUpperCase();
        assertThrows(InvalidSignatureException.class,
                () -> verifier().verify(withHeader(good, "Authorization", upperCase)));
    }

    @Test
    void aSecretThatDiffersIsRejected() {
        SignedRequest request = signed(unsigned(), AwsCredentials.of(KEY_ID, SECRET + "x"));

        assertThrows(InvalidSignatureException.class, () -> verifier().verify(request));
    }

    @Test
    void clockSkewUpToFifteenMinutesEitherWayIsAccepted() {
        verifierAt(SIGNED_AT.plus(Duration.ofMinutes(15))).verify(signed());
        verifierAt(SIGNED_AT.minus(Duration.ofMinutes(15))).verify(signed());
    }

    @Test
    void aSignatureOlderThanTheWindowHasExpired() {
        SignatureExpiredException e = assertThrows(SignatureExpiredException.class,
                () -> verifierAt(SIGNED_AT.plus(Duration.ofMinutes(15)).plusSeconds(1)).verify(signed()));

        assertEquals("Signature expired: 20261122T022056Z is now earlier than 20261122T022057Z "
                + "(20261122T023557Z - 15 min.)", e.getMessage());
        assertEquals("InvalidSignatureException", e.errorCode());
    }

    @Test
    void aSignatureFromTheFutureIsNotYetCurrent() {
        SignatureExpiredException e = assertThrows(SignatureExpiredException.class,
                () -> verifierAt(SIGNED_AT.minus(Duration.ofMinutes(15)).minusSeconds(1)).verify(signed()));

        assertEquals("Signature not yet current: 20261122T022056Z is still later than 20261122T022055Z "
                + "(20261122T020555Z + 15 min.)", e.getMessage());
    }

    @Test
    void theWindowIsConfigurable() {
        SigV4Settings fiveMinutes = SigV4Settings.forService("ecr").withMaxClockSkew(Duration.ofMinutes(5));
        SigV4Verifier verifier = new SigV4Verifier(LOOKUP, fiveMinutes,
                Clock.fixed(SIGNED_AT.plus(Duration.ofMinutes(6)), ZoneOffset.UTC));

        SignatureExpiredException e = assertThrows(SignatureExpiredException.class, () -> verifier.verify(signed()));
        assertTrue(e.getMessage().endsWith("- 5 min.)"), e.getMessage());
    }

    @Test
    void anUnknownKeyIsUnrecognized() {
        SignedRequest request = signed(unsigned(), AwsCredentials.of("AKIDUNKNOWN", SECRET));

        UnrecognizedClientException e = assertThrows(UnrecognizedClientException.class,
                () -> verifier().verify(request));
        assertEquals("The security token included in the request is invalid.", e.getMessage());
        assertEquals("UnrecognizedClientException", e.errorCode());
    }

    @Test
    void sessionTokensMustMatchTheCredentialsExactly() {
        SignedRequest longTermWithToken = signed(unsigned(), AwsCredentials.of(KEY_ID, SECRET, TOKEN));
        SignedRequest temporaryWithoutToken = signed(unsigned(), AwsCredentials.of(TEMP_KEY_ID, TEMP_SECRET));
        SignedRequest temporaryWrongToken = signed(unsigned(), AwsCredentials.of(TEMP_KEY_ID, TEMP_SECRET,
                TOKEN + "x"));

        for (SignedRequest request : new SignedRequest[] {longTermWithToken, temporaryWithoutToken,
                temporaryWrongToken}) {
            UnrecognizedClientException e = assertThrows(UnrecognizedClientException.class,
                    () -> verifier().verify(request));
            assertFalse(e.getMessage().contains(TOKEN));
        }
    }

    @Test
    void expiredTemporaryCredentialsAreRejected() {
        SignedRequest request = signed(unsigned(), AwsCredentials.of(TEMP_KEY_ID, TEMP_SECRET, TOKEN));
        SigV4Verifier verifier = new SigV4Verifier(LOOKUP, SigV4Settings.forService("ecr").withMaxClockSkew(
                Duration.ofHours(2)), Clock.fixed(TEMP_EXPIRY, ZoneOffset.UTC));

        ExpiredTokenException e = assertThrows(ExpiredTokenException.class, () -> verifier.verify(request));
        assertEquals("The security token included in the request is expired", e.getMessage());
        assertEquals("ExpiredTokenException", e.errorCode());
    }

    @Test
    void theHttpDateHeaderServesWhenThereIsNoXAmzDate() {
        HeaderMap headers = unsigned().headers().with("Date", "Sun, 22 Nov 2026 02:20:56 GMT");
        SignedRequest request = unsigned().withHeaders(headers);
        CredentialScope scope = new CredentialScope("20261122", "us-east-1", "ecr");
        List<String> signedHeaders = List.of("content-type", "date", "host");
        String stringToSign = SigV4Crypto.stringToSign("20261122T022056Z", scope,
                CanonicalRequest.of(request, signedHeaders, false));
        String signature = SigV4Crypto.signature(new SecretAccessKey(SECRET), scope, stringToSign);
        SignedRequest signed = withHeader(request, "Authorization", "AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/"
                + scope.text() + ", SignedHeaders=content-type;date;host, Signature=" + signature);

        assertEquals(SIGNED_AT, verifier().verify(signed).signedAt());
    }

    @Test
    void secretsStayOutOfToString() {
        ResolvedCredential temporary = LOOKUP.find(TEMP_KEY_ID).orElseThrow();
        SignedRequest request = signed(unsigned(), AwsCredentials.of(TEMP_KEY_ID, TEMP_SECRET, TOKEN));
        SigV4Signature signature = new SigV4Signer(Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
                .sign(unsigned(), AwsCredentials.of(TEMP_KEY_ID, TEMP_SECRET, TOKEN), "us-east-1", "ecr");
        String presigned = new SigV4Signer(Clock.fixed(SIGNED_AT, ZoneOffset.UTC)).presign(unsigned(),
                AwsCredentials.of(TEMP_KEY_ID, TEMP_SECRET, TOKEN), "us-east-1", "ecr", Duration.ofMinutes(5));

        for (Object value : new Object[] {temporary, AwsCredentials.of(TEMP_KEY_ID, TEMP_SECRET, TOKEN), request,
                request.headers(), signature, signature.canonicalRequest(), unsigned().withRawQuery(presigned),
                verifier().verify(request)}) {
            String text = value.toString();
            assertFalse(text.contains(TEMP_SECRET), text);
            assertFalse(text.contains(TOKEN), text);
            assertFalse(text.contains(signature.signature()), text);
        }
    }
}
