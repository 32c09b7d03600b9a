package io.berth.auth.sigv4;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Keys, a lookup and an ECR request signed by {@link SigV4Signer}, shared by the verifier tests. */
final class SigV4Fixture {
    static final Instant SIGNED_AT = Instant.parse("2026-11-22T02:20:56Z");
    static final String KEY_ID = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String TEMP_KEY_ID = "ASIAEXAMPLETEMP";
    static final String TEMP_SECRET = "tempSecretExampleKeyExampleKeyExample123";
    static final String TOKEN = "FQoGZXIvYXdzEXAMPLESESSIONTOKEN";
    static final Instant TEMP_EXPIRY = SIGNED_AT.plus(Duration.ofHours(1));
    static final String PRINCIPAL = "arn:aws:iam::123456789012:user/alice";

    static final CredentialLookup LOOKUP = key -> switch (key) {
        case KEY_ID -> Optional.of(ResolvedCredential.longTerm(KEY_ID, new SecretAccessKey(SECRET), PRINCIPAL));
        case TEMP_KEY_ID -> Optional.of(ResolvedCredential.temporary(TEMP_KEY_ID, new SecretAccessKey(TEMP_SECRET),
                PRINCIPAL, new SessionToken(TOKEN), TEMP_EXPIRY));
        default -> Optional.empty();
    };

    static SignedRequest unsigned() {
        HeaderMap headers = HeaderMap.of("Host", "registry.example.com:5000",
                "Content-Type", "application/x-amz-json-1.1",
                "X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken");
        return SignedRequest.withBody("POST", "/", "", headers, "{}".getBytes(StandardCharsets.UTF_8));
    }

    static SignedRequest signed(SignedRequest request, AwsCredentials credentials) {
        SigV4Signature signature = new SigV4Signer(Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
                .sign(request, credentials, "us-east-1", "ecr");
        HeaderMap headers = request.headers();
        for (Map.Entry<String, String> header : signature.headers().entrySet()) {
            headers = headers.with(header.getKey(), header.getValue());
        }
        return request.withHeaders(headers);
    }

    static SignedRequest signed() {
        return signed(unsigned(), AwsCredentials.of(KEY_ID, SECRET));
    }

    static SigV4Verifier verifierAt(Instant now) {
        return new SigV4Verifier(LOOKUP, SigV4Settings.forService("ecr"), Clock.fixed(now, ZoneOffset.UTC));
    }

    static SigV4Verifier verifier() {
        return verifierAt(SIGNED_AT.plusSeconds(5));
    }

    static SignedRequest withHeader(SignedRequest request, String name, String value) {
        return request.withHeaders(request.headers().with(name, value));
    }

    static SignedRequest withAuthorization(SignedRequest request, UnaryOperator<String> change) {
        return withHeader(request, "Authorization", change.apply(request.headers().first("authorization")
                .orElseThrow()));
    }

    private SigV4Fixture() {
    }
}
