package io.berth.auth.sigv4;

import static io.berth.auth.sigv4.SigV4Fixture.KEY_ID;
import static io.berth.auth.sigv4.SigV4Fixture.LOOKUP;
import static io.berth.auth.sigv4.SigV4Fixture.SECRET;
import static io.berth.auth.sigv4.SigV4Fixture.SIGNED_AT;
import static io.berth.auth.sigv4.SigV4Fixture.TEMP_KEY_ID;
import static io.berth.auth.sigv4.SigV4Fixture.TEMP_SECRET;
import static io.berth.auth.sigv4.SigV4Fixture.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client side: header signing as the AWS CLI does it, and presigned query strings, checked by the verifier. */
class SigV4SignerTest {
    private static final SigV4Signer SIGNER = new SigV4Signer(Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
    private static final AwsCredentials LONG_TERM = AwsCredentials.of(KEY_ID, SECRET);
    private static final AwsCredentials TEMPORARY = AwsCredentials.of(TEMP_KEY_ID, TEMP_SECRET, TOKEN);

    private static SignedRequest get(String rawQuery) {
        return SignedRequest.withBody("GET", "/v2/team/app/manifests/latest", rawQuery,
                HeaderMap.of("Host", "registry.example.com"), new byte[0]);
    }

    private static SigV4Verifier verifierAt(Instant now) {
        return new SigV4Verifier(LOOKUP, SigV4Settings.forService("ecr"), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void headersComeOutInTheOrderTheAwsCliSendsThem() {
        SigV4Signature signature = SIGNER.sign(SigV4Fixture.unsigned(), TEMPORARY, "us-east-1", "ecr");

        assertEquals(List.of("X-Amz-Date", "X-Amz-Security-Token", "Authorization"),
                List.copyOf(signature.headers().keySet()));
        assertEquals("20261122T022056Z", signature.amzDate());
        assertEquals(TOKEN, signature.headers().get("X-Amz-Security-Token"));
        assertTrue(signature.authorization().startsWith("AWS4-HMAC-SHA256 Credential=" + TEMP_KEY_ID
                + "/20261122/us-east-1/ecr/aws4_request, SignedHeaders=content-type;host;x-amz-date;"
                + "x-amz-security-token;x-amz-target, Signature="), signature.authorization());
    }

    @Test
    void userAgentAndHopByHopHeadersAreNotSigned() {
        SignedRequest request = SigV4Fixture.unsigned().withHeaders(SigV4Fixture.unsigned().headers()
                .with("User-Agent", "berth/0.1").with("Connection", "keep-alive").with("Expect", "100-continue"));

        SigV4Signature signature = SIGNER.sign(request, LONG_TERM, "us-east-1", "ecr");

        assertTrue(signature.authorization().contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target,"));
    }

    @Test
    void signingAgainReplacesTheOldAuthorization() {
        SignedRequest once = SigV4Fixture.signed();
        SigV4Signer later = new SigV4Signer(Clock.fixed(SIGNED_AT.plusSeconds(60), ZoneOffset.UTC));

        SigV4Signature again = later.sign(once, LONG_TERM, "us-east-1", "ecr");

        assertEquals("20261122T022156Z", again.amzDate());
        assertTrue(again.canonicalRequest().text().contains("x-amz-date:20261122T022156Z\n"));
    }

    @Test
    void aRequestWithoutHostCannotBeSigned() {
        SignedRequest request = SigV4Fixture.unsigned().withHeaders(HeaderMap.of("Content-Type", "x"));

        assertThrows(IllegalArgumentException.class, () -> SIGNER.sign(request, LONG_TERM, "us-east-1", "ecr"));
    }

    @Test
    void presignedRequestsVerifyUntilTheyExpire() {
        SignedRequest request = get("page=2").withRawQuery(SIGNER.presign(get("page=2"), LONG_TERM, "us-east-1",
                "ecr", Duration.ofMinutes(5)));

        assertTrue(verifierAt(SIGNED_AT).verify(request).presigned());
        verifierAt(SIGNED_AT.plus(Duration.ofMinutes(5))).verify(request);
        SignatureExpiredException e = assertThrows(SignatureExpiredException.class,
                () -> verifierAt(SIGNED_AT.plus(Duration.ofMinutes(5)).plusSeconds(1)).verify(request));
        assertEquals("Request has expired: X-Amz-Date 20261122T022056Z plus X-Amz-Expires 300 seconds is earlier "
                + "than 20261122T022557Z.", e.getMessage());
        assertThrows(SignatureExpiredException.class,
                () -> verifierAt(SIGNED_AT.minus(Duration.ofMinutes(16))).verify(request));
    }

    @Test
    void presignedRequestsWithTemporaryCredentialsCarryTheToken() {
        String query = SIGNER.presign(get(""), TEMPORARY, "us-east-1", "ecr", Duration.ofMinutes(5));

        assertTrue(query.contains("&X-Amz-Security-Token=" + TOKEN + "&X-Amz-Signature="), query);
        verifierAt(SIGNED_AT).verify(get(query));
    }

    @Test
    void aTokenAppendedAfterPresigningIsAcceptedOnlyIfItIsTheRightOne() {
        String withoutToken = SIGNER.presign(get(""), AwsCredentials.of(TEMP_KEY_ID, TEMP_SECRET), "us-east-1",
                "ecr", Duration.ofMinutes(5));

        verifierAt(SIGNED_AT).verify(get(withoutToken + "&X-Amz-Security-Token=" + TOKEN));
        assertThrows(UnrecognizedClientException.class,
                () -> verifierAt(SIGNED_AT).verify(get(withoutToken + "&X-Amz-Security-Token=other")));
        assertThrows(UnrecognizedClientException.class, () -> verifierAt(SIGNED_AT).verify(get(withoutToken)));
    }

    @Test
    void tamperedPresignedQueriesAreRejected() {
        String query = SIGNER.presign(get("page=2"), LONG_TERM, "us-east-1", "ecr", Duration.ofMinutes(5));

        for (String tampered : List.of(query.replace("page=2", "page=3"), query + "&extra=1",
                query.replace("X-Amz-Expires=300", "X-Amz-Expires=3000"),
                query.replace("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=host%3Bx-amz-date"))) {
            assertThrows(InvalidSignatureException.class, () -> verifierAt(SIGNED_AT).verify(get(tampered)),
                    tampered);
        }
        assertThrows(InvalidSignatureException.class, () -> verifierAt(SIGNED_AT).verify(
                new SignedRequest("DELETE", "/v2/team/app/manifests/latest", query, HeaderMap.of("Host",
                        "registry.example.com"), SignedRequest.EMPTY_PAYLOAD_SHA256)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Amz-Expires=604801", "X-Amz-Expires=abc", "X-Amz-Expires=-1"})
    void badExpiriesAreIncomplete(String expires) {
        String query = SIGNER.presign(get(""), LONG_TERM, "us-east-1", "ecr", Duration.ofMinutes(5))
                .replace("X-Amz-Expires=300", expires);

        assertThrows(IncompleteSignatureException.class, () -> verifierAt(SIGNED_AT).verify(get(query)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders",
        "X-Amz-Signature"})
    void eachMissingQueryParameterIsIncomplete(String parameter) {
        String query = SIGNER.presign(get(""), LONG_TERM, "us-east-1", "ecr", Duration.ofMinutes(5))
                .replaceAll("&?" + parameter + "=[^&]*", "");

        IncompleteSignatureException e = assertThrows(IncompleteSignatureException.class,
                () -> verifierAt(SIGNED_AT).verify(get(query)));
        assertEquals("Query-string authentication requires the '" + parameter + "' parameter.", e.getMessage());
    }

    @Test
    void presigningRefusesMoreThanAWeek() {
        assertThrows(IllegalArgumentException.class, () -> SIGNER.presign(get(""), LONG_TERM, "us-east-1", "ecr",
                Duration.ofDays(7).plusSeconds(1)));
    }
}
