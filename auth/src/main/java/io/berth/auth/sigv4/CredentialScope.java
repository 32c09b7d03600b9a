package io.berth.auth.sigv4;

import java.util.Objects;

/**
 * The scope a signature is bound to: {@code date/region/service/aws4_request}.
 *
 * @param date the signing date as {@code yyyyMMdd}
 */
public record CredentialScope(String date, String region, String service) {
    /** The fixed last element of every SigV4 credential scope. */
    public static final String TERMINATOR = "aws4_request";

    public CredentialScope {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(service, "service");
    }

    /** The scope as it appears in the string to sign and, after the access key id, in the Credential. */
    public String text() {
        return date + "/" + region + "/" + service + "/" + TERMINATOR;
    }
}
