package io.berth.auth.identity;

import io.berth.auth.identity.Records.AccessKey;
import io.berth.auth.identity.Records.Group;
import io.berth.auth.identity.Records.Role;
import io.berth.auth.identity.Records.User;
import io.berth.auth.policy.RequestPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves callers: the principal behind an access key, and the identity policies that apply to it (inline
 * and attached, the user's groups' too). Blocking (RocksDB): call from a worker.
 */
public final class Identities {
    /** A policy document with the name evaluation results report it by. */
    public record NamedPolicy(String name, String document) {
    }

    private final IdentityDirectory directory;
    private final AccessKeys keys;

    public Identities(IdentityDirectory directory, AccessKeys keys) {
        this.directory = directory;
        this.keys = keys;
    }

    public IdentityDirectory directory() {
        return directory;
    }

    public AccessKeys keys() {
        return keys;
    }

    public Account account() {
        return directory.account();
    }

    /** The principal an access key authenticates, or empty when its owner no longer exists. */
    public Optional<RequestPrincipal> principalOf(AccessKey key) {
        String account = account().accountId();
        return switch (key.ownerType()) {
            case ROOT -> Optional.of(RequestPrincipal.accountRoot(account));
            case USER -> findUser(key.owner()).map(user -> RequestPrincipal.iamUser(account, user.path(), user.name(),
                    user.userId(), user.tags()));
            case ROLE_SESSION -> findRole(key.owner()).map(role -> RequestPrincipal.assumedRole(account, role.path(),
                    role.name(), role.roleId(), key.sessionName(), role.tags()));
        };
    }

    /** The identity policies of a principal; none for the root (which needs none) and for unknown principals. */
    public List<NamedPolicy> policiesOf(RequestPrincipal principal) {
        List<NamedPolicy> policies = new ArrayList<>();
        switch (principal.type()) {
            case IAM_USER -> principal.userName().flatMap(this::findUser).ifPresent(user -> {
                addAll(policies, user.inlinePolicies(), user.attachedPolicies());
                for (String groupName : user.groups()) {
                    findGroup(groupName).ifPresent(group -> addAll(policies, group.inlinePolicies(),
                            group.attachedPolicies()));
                }
            });
            case ASSUMED_ROLE -> roleNameOf(principal).flatMap(this::findRole)
                    .ifPresent(role -> addAll(policies, role.inlinePolicies(), role.attachedPolicies()));
            default -> {
            }
        }
        return policies;
    }

    private void addAll(List<NamedPolicy> policies, Map<String, String> inline, List<String> attached) {
        inline.forEach((name, document) -> policies.add(new NamedPolicy(name, document)));
        for (String arn : attached) {
            try {
                policies.add(new NamedPolicy(arn, directory.policyDocument(arn)));
            } catch (IamException deletedMeanwhile) {
                // a policy deleted after it was attached grants nothing
            }
        }
    }

    private static Optional<String> roleNameOf(RequestPrincipal principal) {
        String entity = principal.entityArn();
        int slash = entity.lastIndexOf('/');
        return slash < 0 ? Optional.empty() : Optional.of(entity.substring(slash + 1));
    }

    private Optional<User> findUser(String name) {
        try {
            return Optional.of(directory.user(name));
        } catch (IamException e) {
            return Optional.empty();
        }
    }

    private Optional<Group> findGroup(String name) {
        try {
            return Optional.of(directory.group(name));
        } catch (IamException e) {
            return Optional.empty();
        }
    }

    private Optional<Role> findRole(String name) {
        try {
            return Optional.of(directory.role(name));
        } catch (IamException e) {
            return Optional.empty();
        }
    }
}
