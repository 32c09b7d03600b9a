package io.berth.server.aws.iam;

import io.berth.auth.identity.Account;
import io.berth.auth.identity.IamException;
import io.berth.auth.identity.IdentityDirectory;
import java.util.function.Supplier;

/**
 * The ARNs IAM authorizes actions on: an existing entity's ARN includes its path; a name that does not exist (yet)
 * is authorized under the root path, as IAM does before it answers NoSuchEntity.
 */
final class IamArns {
    private final IdentityDirectory directory;
    private final Account account;

    IamArns(IdentityDirectory directory) {
        this.directory = directory;
        this.account = directory.account();
    }

    String user(String name) {
        return account.userArn(pathOr(() -> directory.user(name).path()), name);
    }

    String group(String name) {
        return account.groupArn(pathOr(() -> directory.group(name).path()), name);
    }

    String role(String name) {
        return account.roleArn(pathOr(() -> directory.role(name).path()), name);
    }

    private static String pathOr(Supplier<String> path) {
        try {
            return path.get();
        } catch (IamException noSuchEntity) {
            return "/";
        }
    }
}
