package io.berth.server.aws.iam;

import io.berth.auth.identity.Account;
import io.berth.auth.policy.RequestPrincipal;
import io.berth.server.access.Authorizer;
import io.berth.server.aws.AwsCall;
import io.berth.server.aws.query.Field;
import io.berth.server.aws.query.QueryException;
import io.berth.server.aws.query.QueryForm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One IAM call: the verified AWS call, its decoded parameters, and the authorization IAM performs first. */
record IamRequest(AwsCall call, QueryForm form, Account account, Authorizer authorizer) {

    /** Authorizes {@code action} on {@code resource} for the caller, as IAM does before every action. */
    void authorize(String action, String resource) {
        authorize(action, resource, Map.of());
    }

    void authorize(String action, String resource, Map<String, List<String>> extraContext) {
        Map<String, List<String>> context = new LinkedHashMap<>(call.context());
        context.putAll(extraContext);
        authorizer.authorize(call.caller(), action, resource, context);
    }

    RequestPrincipal caller() {
        return call.caller();
    }

    /**
     * The user an action names, or, without {@code UserName}, the calling IAM user (as IAM determines it from the
     * signing key). Empty means the caller is the account root; a role session must name a user.
     */
    Optional<String> userOrCaller(Field userName) {
        Optional<String> named = form.string(userName);
        if (named.isPresent()) {
            return named;
        }
        return switch (caller().type()) {
            case IAM_USER -> caller().userName();
            case ACCOUNT_ROOT -> Optional.empty();
            default -> throw QueryException.validation("Must specify userName when calling with non-User "
                    + "credentials");
        };
    }

    /** Refuses a permissions boundary: Berth cannot enforce one, and ignoring it would grant too much. */
    void refusePermissionsBoundary() {
        if (form.string(IamFields.PERMISSIONS_BOUNDARY).isPresent()) {
            throw QueryException.unsupported("Berth does not support permissions boundaries.");
        }
    }

    /** The condition keys of tags in a request: {@code aws:RequestTag/KEY} and {@code aws:TagKeys}. */
    static Map<String, List<String>> requestTags(Map<String, String> tags) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        tags.forEach((key, value) -> context.put("aws:RequestTag/" + key, List.of(value)));
        if (!tags.isEmpty()) {
            context.put("aws:TagKeys", new ArrayList<>(tags.keySet()));
        }
        return context;
    }

    /** The {@code iam:PolicyARN} condition key of the attach and detach actions. */
    static Map<String, List<String>> policyArnKey(String policyArn) {
        return Map.of("iam:PolicyARN", List.of(policyArn));
    }
}
