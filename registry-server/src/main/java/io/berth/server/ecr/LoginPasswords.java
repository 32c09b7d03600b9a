package io.berth.server.ecr;

import io.berth.auth.identity.Records.AccessKey;
import io.berth.auth.policy.RequestPrincipal;
import java.time.Instant;

/** Issues the registry login passwords that GetAuthorizationToken hands out. */
public interface LoginPasswords {
    /** A password and when it stops working. */
    record Issued(String password, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[password=redacted, expiresAt=" + expiresAt + "]";
        }
    }

    /** A password bound to the caller and the access key that asked for it. */
    Issued issue(RequestPrincipal caller, AccessKey key);

    /**
     * A long-lived, pull-only password limited to repositories matching {@code patterns} (glob, {@code *}
     * crossing slashes), for cluster nodes. Disabling or deleting the key revokes it.
     */
    Issued issuePullOnly(RequestPrincipal caller, AccessKey key, java.util.List<String> patterns,
                         java.time.Duration validity);
}
