package io.berth.server.aws.sts;

import io.berth.auth.identity.Account;
import io.berth.auth.identity.IamException;
import io.berth.auth.identity.Identities;
import io.berth.auth.identity.Records.AccessKey;
import io.berth.auth.identity.Records.Role;
import io.berth.auth.policy.RequestPrincipal;
import io.berth.server.aws.AwsCall;
import io.berth.server.aws.query.Field;
import io.berth.server.aws.query.IsoDates;
import io.berth.server.aws.query.QueryException;
import io.berth.server.aws.query.QueryForm;
import io.berth.server.aws.query.QueryResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS AssumeRole: checks the role's trust ({@link RoleTrust}), then issues temporary credentials (ASIA... key,
 * secret, session token) valid for DurationSeconds (900 up to the role's MaxSessionDuration, 3600 by default; one
 * hour at most when a role session assumes a role, as AWS limits role chaining). A role that does not exist is
 * answered like a role the caller may not assume, as STS does. Session policies, session tags, MFA and source
 * identity are refused rather than ignored, since ignoring them could grant more than the caller asked for.
 */
final class AssumeRoleAction {
    private static final Field ROLE_ARN = Field.text("RoleArn", 20, 2048);
    private static final Field SESSION_NAME = Field.text("RoleSessionName", 2, 64, "[\\w+=,.@-]*");
    private static final Field EXTERNAL_ID = Field.text("ExternalId", 2, 1224, "[\\w+=,.@:\\/-]*");
    private static final Pattern ROLE = Pattern.compile("arn:aws:iam::(\\d{12}):role(/|/.*/)([\\w+=,.@-]+)");
    private static final Pattern ANY_ARN = Pattern.compile("arn:[^:]*:[^:]*:[^:]*:[^:]*:.+");
    /** STS's DurationSeconds range (roleDurationSecondsType) and default. */
    private static final int MIN_SECONDS = 900;
    private static final int MAX_SECONDS = 43_200;
    private static final int DEFAULT_SECONDS = 3600;
    /** AWS limits sessions obtained by role chaining to one hour. */
    private static final int CHAINED_MAX_SECONDS = 3600;
    private static final List<String> UNSUPPORTED = List.of("Policy", "PolicyArns", "Tags", "TransitiveTagKeys",
            "SerialNumber", "TokenCode", "SourceIdentity", "ProvidedContexts");

    private final Identities identities;
    private final RoleTrust trust;

    AssumeRoleAction(Identities identities, RoleTrust trust) {
        this.identities = identities;
        this.trust = trust;
    }

    QueryResult handle(AwsCall call, QueryForm form) {
        String roleArn = form.required(ROLE_ARN);
        String sessionName = form.required(SESSION_NAME);
        int seconds = form.integer("DurationSeconds", MIN_SECONDS, MAX_SECONDS).orElse(DEFAULT_SECONDS);
        Optional<String> externalId = form.string(EXTERNAL_ID);
        UNSUPPORTED.stream().filter(form::has).findFirst().ifPresent(member -> {
            throw QueryException.validation("Berth does not support the AssumeRole parameter " + member + ".");
        });
        RequestPrincipal caller = call.caller();
        Role role = role(roleArn).orElseThrow(() -> RoleTrust.denied(caller, roleArn));
        trust.check(caller, role, roleArn, context(call, role, sessionName, externalId));
        checkDuration(caller, role, seconds);
        AccessKey key = identities.keys().createSession(role.name(), sessionName, Duration.ofSeconds(seconds));
        String accountId = identities.account().accountId();
        return QueryResult.of(xml -> xml
                .start("Credentials")
                .element("AccessKeyId", key.accessKeyId())
                .element("SecretAccessKey", key.secret())
                .element("SessionToken", key.sessionToken())
                .element("Expiration", IsoDates.format(key.expiresAt()))
                .end()
                .start("AssumedRoleUser")
                .element("AssumedRoleId", role.roleId() + ":" + sessionName)
                .element("Arn", "arn:aws:sts::" + accountId + ":assumed-role/" + role.name() + "/" + sessionName)
                .end());
    }

    /** The role the ARN names in this account, path included; empty for anything else. */
    private Optional<Role> role(String roleArn) {
        Matcher matcher = ROLE.matcher(roleArn);
        if (!matcher.matches()) {
            if (!ANY_ARN.matcher(roleArn).matches()) {
                throw QueryException.validation(roleArn + " is invalid");
            }
            return Optional.empty();
        }
        Account account = identities.account();
        if (!matcher.group(1).equals(account.accountId())) {
            return Optional.empty();
        }
        try {
            Role role = identities.directory().role(matcher.group(3));
            return account.roleArn(role.path(), role.name()).equals(roleArn) ? Optional.of(role) : Optional.empty();
        } catch (IamException noSuchRole) {
            return Optional.empty();
        }
    }

    private static void checkDuration(RequestPrincipal caller, Role role, int seconds) {
        if (caller.type() == RequestPrincipal.Type.ASSUMED_ROLE && seconds > CHAINED_MAX_SECONDS) {
            throw QueryException.validation("The requested DurationSeconds exceeds the 1 hour session limit for "
                    + "roles assumed by role chaining.");
        }
        if (seconds > role.maxSessionSeconds()) {
            throw QueryException.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for "
                    + "this role.");
        }
    }

    /** The request's condition keys, STS's own, and the role's tags as {@code aws:ResourceTag/...}. */
    private static Map<String, List<String>> context(AwsCall call, Role role, String sessionName,
                                                     Optional<String> externalId) {
        Map<String, List<String>> context = new LinkedHashMap<>(call.context());
        role.tags().forEach((key, value) -> context.put("aws:ResourceTag/" + key, List.of(value)));
        context.put("sts:RoleSessionName", List.of(sessionName));
        externalId.ifPresent(id -> context.put("sts:ExternalId", List.of(id)));
        return context;
    }
}
