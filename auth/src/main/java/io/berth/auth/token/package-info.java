/**
 * ECR login passwords: {@link io.berth.auth.token.LoginTokenService} issues the password GetAuthorizationToken
 * returns (as base64 of {@code AWS:<password>}) and verifies it when Docker presents it. A password is a versioned,
 * HMAC-SHA256-signed token binding the principal, the access key that requested it (so revoking the key revokes
 * the password), optional repository and pull-only restrictions, and its issue and expiry times.
 */
package io.berth.auth.token;
