package io.berth.auth.sigv4;

import java.util.Optional;

/**
 * Finds the secret behind an access key id. Returns empty for a key that does not exist and for one that exists but
 * is inactive or deleted: the verifier answers both the same way, as AWS does. Implementations may block (a
 * database read); callers run verification off the event loop.
 */
@FunctionalInterface
public interface CredentialLookup {
    Optional<ResolvedCredential> find(String accessKeyId);
}
