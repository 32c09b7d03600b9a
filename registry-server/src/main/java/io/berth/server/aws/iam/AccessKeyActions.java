package io.berth.server.aws.iam;

import static io.berth.server.aws.iam.IamFields.ACCESS_KEY_ID;
import static io.berth.server.aws.iam.IamFields.EXISTING_USER_NAME;
import static io.berth.server.aws.iam.IamFields.STATUS;

import io.berth.auth.identity.AccessKeys;
import io.berth.auth.identity.IdentityDirectory;
import io.berth.auth.identity.Records.AccessKey;
import io.berth.auth.identity.Records.KeyOwner;
import io.berth.server.aws.query.IsoDates;
import io.berth.server.aws.query.Paging;
import io.berth.server.aws.query.QueryException;
import io.berth.server.aws.query.QueryResult;
import java.util.List;
import java.util.Map;

/**
 * CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey. Without UserName they act on the calling
 * user's keys. The root's key is set in Berth's configuration: ListAccessKeys shows the calling root key, and the
 * root's keys cannot be created, changed or deleted through IAM.
 */
final class AccessKeyActions {
    private final IdentityDirectory directory;
    private final AccessKeys keys;
    private final IamArns arns;
    private final IamShapes shapes;

    AccessKeyActions(IdentityDirectory directory, AccessKeys keys, IamArns arns, IamShapes shapes) {
        this.directory = directory;
        this.keys = keys;
        this.arns = arns;
        this.shapes = shapes;
    }

    Map<String, IamAction> actions() {
        return Map.of("CreateAccessKey", this::create, "ListAccessKeys", this::list, "UpdateAccessKey",
                this::update, "DeleteAccessKey", this::delete);
    }

    private QueryResult create(IamRequest request) {
        String user = userOf(request);
        request.authorize("iam:CreateAccessKey", arns.user(user));
        directory.user(user);
        AccessKey key = keys.createForUser(user);
        return QueryResult.of(xml -> xml.start("AccessKey")
                .element("UserName", user)
                .element("AccessKeyId", key.accessKeyId())
                .element("Status", key.active() ? "Active" : "Inactive")
                .element("SecretAccessKey", key.secret())
                .element("CreateDate", IsoDates.format(key.createdAt()))
                .end());
    }

    private QueryResult list(IamRequest request) {
        var named = request.userOrCaller(EXISTING_USER_NAME);
        List<AccessKey> listed;
        if (named.isPresent()) {
            request.authorize("iam:ListAccessKeys", arns.user(named.get()));
            directory.user(named.get());
            listed = keys.ofUser(named.get());
        } else {
            listed = request.call().key().ownerType() == KeyOwner.ROOT ? List.of(request.call().key()) : List.of();
        }
        Paging.Page<AccessKey> page = Paging.page(listed, AccessKey::accessKeyId, request.form());
        String userName = named.orElse(null);
        return QueryResult.of(xml -> {
            xml.start("AccessKeyMetadata");
            page.items().forEach(key -> shapes.accessKeyMetadata(xml, "member", key, userName));
            xml.end();
            page.writeTruncation(xml);
        });
    }

    /** Active or Inactive; an inactive key stops authenticating at once. */
    private QueryResult update(IamRequest request) {
        String user = userOf(request);
        String keyId = request.form().required(ACCESS_KEY_ID);
        String status = request.form().required(STATUS);
        request.authorize("iam:UpdateAccessKey", arns.user(user));
        directory.user(user);
        keys.setActive(user, keyId, status.equals("Active"));
        return QueryResult.none();
    }

    private QueryResult delete(IamRequest request) {
        String user = userOf(request);
        String keyId = request.form().required(ACCESS_KEY_ID);
        request.authorize("iam:DeleteAccessKey", arns.user(user));
        directory.user(user);
        keys.deleteForUser(user, keyId);
        return QueryResult.none();
    }

    private static String userOf(IamRequest request) {
        return request.userOrCaller(EXISTING_USER_NAME).orElseThrow(() -> QueryException.unsupported(
                "The root user's access key is set in Berth's configuration; specify UserName to manage the access "
                        + "keys of an IAM user."));
    }
}
