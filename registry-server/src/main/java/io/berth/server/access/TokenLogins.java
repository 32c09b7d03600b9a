package io.berth.server.access;

import io.berth.auth.AuthException;
import io.berth.auth.identity.Records.AccessKey;
import io.berth.auth.policy.RequestPrincipal;
import io.berth.auth.token.LoginClaims;
import io.berth.auth.token.LoginScope;
import io.berth.auth.token.LoginToken;
import io.berth.auth.token.LoginTokenService;
import io.berth.server.ecr.LoginPasswords;
import java.time.Duration;
import java.util.List;

/** Login passwords backed by the signed login tokens: issues them for ECR and checks them for the registry. */
public final class TokenLogins implements LoginPasswords, LoginVerifier {
    private final LoginTokenService tokens;

    public TokenLogins(LoginTokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public Issued issue(RequestPrincipal caller, AccessKey key) {
        LoginToken token = tokens.issue(caller.arn(), key.accessKeyId(), LoginScope.UNRESTRICTED);
        return new Issued(token.password(), token.claims().expiresAt());
    }

    @Override
    public Issued issuePullOnly(RequestPrincipal caller, AccessKey key, List<String> patterns, Duration validity) {
        LoginToken token = tokens.issue(caller.arn(), key.accessKeyId(), LoginScope.pullOnly(patterns), validity);
        return new Issued(token.password(), token.claims().expiresAt());
    }

    @Override
    public Claims verify(String password) {
        LoginClaims claims;
        try {
            claims = tokens.verify(password);
        } catch (AuthException e) {
            throw new UnauthenticatedException("the login password is invalid or expired: log in again");
        }
        return new Claims(claims.accessKeyId(), claims.expiresAt(), claims.scope().repositoryPatterns(),
                claims.scope().pullOnly());
    }
}
