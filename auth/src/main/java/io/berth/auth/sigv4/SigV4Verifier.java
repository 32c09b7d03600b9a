package io.berth.auth.sigv4;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks AWS Signature Version 4 on incoming requests, as AWS's JSON services (ECR among them) do.
 *
 * <p>In order: the authentication is parsed ({@link MissingAuthenticationTokenException},
 * {@link IncompleteSignatureException}); the credential scope must end in {@code aws4_request}, carry the date of
 * the request time, and name an accepted region and service ({@link InvalidSignatureException}); the request time
 * must lie within the clock-skew window, or a presigned request within its validity
 * ({@link SignatureExpiredException}); the access key must be known ({@link UnrecognizedClientException}), the
 * session token must be exactly the one its temporary credentials expect (same exception), and those credentials
 * must not have expired ({@link ExpiredTokenException}); finally the signature is recomputed and compared in
 * constant time ({@link InvalidSignatureException}).
 *
 * <p>An unknown key and a wrong session token fail the same way; a known key with a wrong signature fails
 * differently, which AWS reveals as well. Thread-safe; the lookup may block, so call it off the event loop.
 */
public final class SigV4Verifier {
    private final CredentialLookup lookup;
    private final SigV4Settings settings;
    private final Clock clock;

    public SigV4Verifier(CredentialLookup lookup, SigV4Settings settings, Clock clock) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Verifies {@code request}, returning who signed it and for which scope; throws a {@link SigV4Exception}. */
    public VerifiedRequest verify(SignedRequest request) {
        SignatureParts parts = AuthorizationParser.parse(request);
        checkScope(parts);
        Instant now = clock.instant();
        checkTime(parts, now);
        ResolvedCredential credential = lookup.find(parts.accessKeyId())
                .orElseThrow(UnrecognizedClientException::new);
        checkSessionToken(credential, parts.sessionToken());
        if (credential.expiresAt().isPresent() && !now.isBefore(credential.expiresAt().get())) {
            throw new ExpiredTokenException();
        }
        boolean matches = signatureMatches(request, parts, credential, Optional.empty());
        if (!matches && parts.presigned() && parts.sessionToken().isPresent()) {
            // Some AWS clients (IoT's WebSocket signers, the test suite's post-sts-header-after) append
            // X-Amz-Security-Token to a presigned query after signing. The token was checked above, and a
            // signature that leaves it out still proves possession of the secret key.
            matches = signatureMatches(request, parts, credential, Optional.of(AuthorizationParser.Q_SECURITY_TOKEN));
        }
        if (!matches) {
            throw new InvalidSignatureException();
        }
        return new VerifiedRequest(credential, parts.scope(), parts.signedAt(), parts.presigned());
    }

    private static boolean signatureMatches(SignedRequest request, SignatureParts parts,
                                            ResolvedCredential credential, Optional<String> unsignedParameter) {
        CanonicalRequest canonical = CanonicalRequest.of(request, parts.signedHeaders(), parts.presigned(),
                unsignedParameter);
        String stringToSign = SigV4Crypto.stringToSign(parts.amzDate(), parts.scope(), canonical);
        String expected = SigV4Crypto.signature(credential.secret(), parts.scope(), stringToSign);
        return SigV4Crypto.constantTimeEquals(expected, parts.signature());
    }

    private void checkScope(SignatureParts parts) {
        CredentialScope scope = parts.scope();
        if (!parts.terminator().equals(CredentialScope.TERMINATOR)) {
            throw new InvalidSignatureException("Credential should be scoped with a valid terminator: '"
                    + CredentialScope.TERMINATOR + "', not '" + parts.terminator() + "'. ");
        }
        String requestDay = parts.amzDate().substring(0, 8);
        if (!scope.date().equals(requestDay)) {
            throw new InvalidSignatureException("Date in Credential scope does not match YYYYMMDD from ISO-8601 "
                    + "version of date from HTTP: '" + scope.date() + "' != '" + requestDay + "', from '"
                    + parts.amzDate() + "'.");
        }
        if (scope.region().isEmpty() || !accepts(settings.regions(), scope.region())) {
            throw new InvalidSignatureException("Credential should be scoped to a valid region, not '"
                    + scope.region() + "'. ");
        }
        if (scope.service().isEmpty() || !accepts(settings.services(), scope.service())) {
            String wanted = settings.services().size() == 1 ? settings.services().iterator().next() : "";
            throw new InvalidSignatureException("Credential should be scoped to correct service: '" + wanted
                    + "'. ");
        }
    }

    private void checkTime(SignatureParts parts, Instant now) {
        Duration skew = settings.maxClockSkew();
        Instant latest = now.plus(skew);
        if (parts.signedAt().isAfter(latest)) {
            throw new SignatureExpiredException("Signature not yet current: " + parts.amzDate()
                    + " is still later than " + AmzDate.format(latest) + " (" + AmzDate.format(now) + " + "
                    + describe(skew) + ")");
        }
        if (parts.expires().isPresent()) {
            checkPresignedValidity(parts, parts.expires().get(), now);
            return;
        }
        Instant earliest = now.minus(skew);
        if (parts.signedAt().isBefore(earliest)) {
            throw new SignatureExpiredException("Signature expired: " + parts.amzDate() + " is now earlier than "
                    + AmzDate.format(earliest) + " (" + AmzDate.format(now) + " - " + describe(skew) + ")");
        }
    }

    private static void checkPresignedValidity(SignatureParts parts, Duration expires, Instant now) {
        if (expires.compareTo(SigV4Settings.MAX_PRESIGNED_VALIDITY) > 0) {
            throw new IncompleteSignatureException("X-Amz-Expires must be less than a week (in seconds) that is "
                    + SigV4Settings.MAX_PRESIGNED_VALIDITY.toSeconds());
        }
        if (now.isAfter(parts.signedAt().plus(expires))) {
            throw new SignatureExpiredException("Request has expired: X-Amz-Date " + parts.amzDate()
                    + " plus X-Amz-Expires " + expires.toSeconds() + " seconds is earlier than "
                    + AmzDate.format(now) + ".");
        }
    }

    /** Long-term keys take no session token; temporary credentials take exactly theirs. */
    private static void checkSessionToken(ResolvedCredential credential, Optional<String> presented) {
        Optional<SessionToken> expected = credential.sessionToken();
        if (expected.isPresent() != presented.isPresent()) {
            throw new UnrecognizedClientException();
        }
        if (expected.isPresent() && !SigV4Crypto.constantTimeEquals(expected.get().value(), presented.get())) {
            throw new UnrecognizedClientException();
        }
    }

    private static boolean accepts(Set<String> accepted, String value) {
        return accepted.isEmpty() || accepted.contains(value);
    }

    /** "15 min." as AWS writes it, or seconds when the window is not whole minutes. */
    private static String describe(Duration skew) {
        return skew.toSecondsPart() == 0 ? skew.toMinutes() + " min." : skew.toSeconds() + " sec.";
    }
}
