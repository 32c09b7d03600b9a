package io.berth.auth.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * An issued login password with its claims. {@link #password()} is what {@code aws ecr get-login-password} prints
 * and {@code docker login -u AWS} takes; {@link #authorizationToken()} is what GetAuthorizationToken returns.
 */
public record LoginToken(String password, LoginClaims claims) {
    /** The user name ECR's tokens carry and Docker logs in with. */
    public static final String USER_NAME = "AWS";

    public LoginToken {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(claims, "claims");
    }

    /** base64("AWS:" + password), the {@code authorizationToken} of GetAuthorizationToken. */
    public String authorizationToken() {
        return Base64.getEncoder().encodeToString((USER_NAME + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "LoginToken[password=[redacted], claims=" + claims + "]";
    }
}
