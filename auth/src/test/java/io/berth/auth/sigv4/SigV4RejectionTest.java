package io.berth.auth.sigv4;

import static io.berth.auth.sigv4.SigV4Fixture.KEY_ID;
import static io.berth.auth.sigv4.SigV4Fixture.LOOKUP;
import static io.berth.auth.sigv4.SigV4Fixture.SECRET;
import static io.berth.auth.sigv4.SigV4Fixture.SIGNED_AT;
import static io.berth.auth.sigv4.SigV4Fixture.signed;
import static io.berth.auth.sigv4.SigV4Fixture.unsigned;
import static io.berth.auth.sigv4.SigV4Fixture.verifier;
import static io.berth.auth.sigv4.SigV4Fixture.withAuthorization;
import static io.berth.auth.sigv4.SigV4Fixture.withHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests whose authentication is missing, malformed, or scoped wrongly, and the AWS error each one gets. */
class SigV4RejectionTest {
    @Test
    void noAuthenticationAtAllIsAMissingToken() {
        MissingAuthenticationTokenException e = assertThrows(MissingAuthenticationTokenException.class,
                () -> verifier().verify(unsigned()));

        assertEquals("Missing Authentication Token", e.getMessage());
        assertEquals("MissingAuthenticationTokenException", e.errorCode());
    }

    @Test
    void missingPartsAreAllReported() {
        SignedRequest request = withHeader(signed().withHeaders(signed().headers().without("x-amz-date")),
                "Authorization", "AWS4-HMAC-SHA256");

        IncompleteSignatureException e = assertThrows(IncompleteSignatureException.class,
                () -> verifier().verify(request));
        assertEquals("Authorization header requires 'Credential' parameter. Authorization header requires "
                + "'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization "
                + "header requires existence of either a 'X-Amz-Date' or a 'Date' header.", e.getMessage());
        assertEquals("IncompleteSignatureException", e.errorCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Credential", "SignedHeaders", "Signature"})
    void eachMissingPartIsIncomplete(String part) {
        SignedRequest request = withAuthorization(signed(), a -> a.replaceAll(part + "=[^,]*,? ?", ""));

        IncompleteSignatureException e = assertThrows(IncompleteSignatureException.class,
                () -> verifier().verify(request));
        assertEquals("Authorization header requires '" + part + "' parameter.", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/ecr, SignedHeaders=host, Signature=00",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/ecr/aws4_request SignedHeaders=host",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/ecr/aws4_request, SignedHeaders, Signature=00",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/ecr/aws4_request, SignedHeaders=x-amz-date, "
                + "Signature=00",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/ecr/aws4_request, SignedHeaders=host;;x, "
                + "Signature=00",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/ecr/aws4_request, SignedHeaders=host;Host, "
                + "Signature=00",
        "AWS4-HMAC-SHA256 Credential=A/20261122/us-east-1/ecr/aws4_request, Credential=B, SignedHeaders=host, "
                + "Signature=00",
        "AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/20261122/ecr/aws4_request, SignedHeaders=host, Signature=00",
        "Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc",
        "Basic QVdTOnNlY3JldA==",
    })
    void malformedAuthorizationIsIncomplete(String authorization) {
        SignedRequest request = withHeader(signed(), "Authorization", authorization);

        IncompleteSignatureException e = assertThrows(IncompleteSignatureException.class,
                () -> verifier().verify(request));
        assertFalse(e.getMessage().contains("eyJhbGciOiJIUzI1NiJ9") || e.getMessage().contains("QVdTOnNlY3JldA"));
    }

    @Test
    void aMalformedDateIsIncomplete() {
        IncompleteSignatureException e = assertThrows(IncompleteSignatureException.class,
                () -> verifier().verify(withHeader(signed(), "X-Amz-Date", "2026-11-22T02:20:56Z")));

        assertTrue(e.getMessage().startsWith("Date must be in ISO-8601 'basic format'. Got '2026-11-22T02:20:56Z'"));
    }

    @Test
    void headerAndQueryAuthenticationTogetherAreRefused() {
        SignedRequest request = signed().withRawQuery("X-Amz-Algorithm=AWS4-HMAC-SHA256");

        assertThrows(IncompleteSignatureException.class, () -> verifier().verify(request));
    }

    @Test
    void twoAuthorizationHeadersAreRefused() {
        SignedRequest good = signed();
        HeaderMap.Builder headers = HeaderMap.builder();
        good.headers().values().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
        headers.add("Authorization", good.headers().first("authorization").orElseThrow());

        assertThrows(IncompleteSignatureException.class, () -> verifier().verify(good.withHeaders(headers.build())));
    }

    @Test
    void theScopeDateMustBeTheRequestDate() {
        SignedRequest request = withAuthorization(signed(), a -> a.replace("/20261122/", "/20261121/"));

        InvalidSignatureException e = assertThrows(InvalidSignatureException.class, () -> verifier().verify(request));
        assertEquals("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                + "'20261121' != '20261122', from '20261122T022056Z'.", e.getMessage());
    }

    @Test
    void theScopeMustEndInAws4Request() {
        SignedRequest request = withAuthorization(signed(), a -> a.replace("/aws4_request", "/aws5_request"));

        InvalidSignatureException e = assertThrows(InvalidSignatureException.class, () -> verifier().verify(request));
        assertEquals("Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. ",
                e.getMessage());
    }

    @Test
    void theScopeMustNameAnAcceptedServiceAndRegion() {
        SignedRequest s3 = signed().withHeaders(new SigV4Signer(Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
                .sign(unsigned(), AwsCredentials.of(KEY_ID, SECRET), "us-east-1", "s3").headers().entrySet().stream()
                .reduce(unsigned().headers(), (h, e) -> h.with(e.getKey(), e.getValue()), (a, b) -> b));
        InvalidSignatureException service = assertThrows(InvalidSignatureException.class,
                () -> verifier().verify(s3));
        assertEquals("Credential should be scoped to correct service: 'ecr'. ", service.getMessage());

        SigV4Verifier euOnly = new SigV4Verifier(LOOKUP, new SigV4Settings(Duration.ofMinutes(15), Set.of("ecr"),
                Set.of("eu-west-1")), Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
        InvalidSignatureException region = assertThrows(InvalidSignatureException.class,
                () -> euOnly.verify(signed()));
        assertEquals("Credential should be scoped to a valid region, not 'us-east-1'. ", region.getMessage());
    }

    @Test
    void everyFailureCarriesItsAwsErrorCode() {
        Map<SigV4Exception, String> codes = Map.of(
                new IncompleteSignatureException("x"), "IncompleteSignatureException",
                new MissingAuthenticationTokenException(), "MissingAuthenticationTokenException",
                new InvalidSignatureException(), "InvalidSignatureException",
                new SignatureExpiredException("x"), "InvalidSignatureException",
                new UnrecognizedClientException(), "UnrecognizedClientException",
                new ExpiredTokenException(), "ExpiredTokenException");
        codes.forEach((exception, code) -> assertEquals(code, exception.errorCode()));
    }
}
