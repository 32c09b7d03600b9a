package io.berth.server.access;

import java.time.Instant;
import java.util.List;

/** Checks a registry login password (the part after {@code AWS:} of an ECR authorization token). */
public interface LoginVerifier {
    /**
     * What a valid password says.
     *
     * @param accessKeyId        the key that obtained it: deleting or disabling the key revokes the password
     * @param repositoryPatterns repositories it is limited to (glob patterns), empty for no limit
     * @param pullOnly           true when it may only pull
     */
    record Claims(String accessKeyId, Instant expiresAt, List<String> repositoryPatterns, boolean pullOnly) {
        public Claims {
            repositoryPatterns = List.copyOf(repositoryPatterns);
        }
    }

    /** @throws UnauthenticatedException when the password is malformed, tampered with or expired */
    Claims verify(String password);
}
