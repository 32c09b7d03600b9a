package io.berth.auth.identity;

import io.berth.auth.identity.Records.Group;
import io.berth.auth.identity.Records.ManagedPolicy;
import io.berth.auth.identity.Records.Role;
import io.berth.auth.identity.Records.User;
import io.berth.storage.kv.KeyValueStore;
import io.berth.storage.kv.RecordCodec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * IAM users, groups, roles and customer managed policies, with their inline and attached policies. Validates
 * names and policy documents as IAM does, and answers IAM's errors. Blocking (RocksDB): call from a worker.
 */
public final class IdentityDirectory {
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
    private static final Pattern PATH = Pattern.compile("/|/[\\x21-\\x7E]{0,510}/");
    /** IAM's default and maximum role session length. */
    private static final int DEFAULT_MAX_SESSION_SECONDS = 3600;

    private final Account account;
    private final Clock clock;
    private final IamIds ids;
    private final PolicyValidator validator;
    private final IamTable<User> users;
    private final IamTable<Group> groups;
    private final IamTable<Role> roles;
    private final IamTable<ManagedPolicy> policies;
    private final Map<String, String> awsManagedPolicies;
    private final Object lock = new Object();

    /**
     * @param awsManagedPolicies AWS managed policies (ARN → document) that can be attached like customer ones
     */
    public IdentityDirectory(KeyValueStore kv, RecordCodec codec, Account account, Clock clock,
                             PolicyValidator validator, Map<String, String> awsManagedPolicies) {
        this.account = account;
        this.clock = clock;
        this.ids = new IamIds();
        this.validator = validator;
        this.users = new IamTable<>(kv, codec, "user", User.class);
        this.groups = new IamTable<>(kv, codec, "group", Group.class);
        this.roles = new IamTable<>(kv, codec, "role", Role.class);
        this.policies = new IamTable<>(kv, codec, "policy", ManagedPolicy.class);
        this.awsManagedPolicies = Map.copyOf(awsManagedPolicies);
    }

    public Account account() {
        return account;
    }

    // --- users

    public User createUser(String name, String path, Map<String, String> tags) {
        checkName(name, "userName");
        String checkedPath = checkPath(path);
        synchronized (lock) {
            if (users.find(name).isPresent()) {
                throw IamException.alreadyExists("User with name " + name + " already exists.");
            }
            User user = new User(name, checkedPath, ids.id("AIDA"), clock.millis(), tags, Map.of(), List.of(),
                    List.of());
            users.put(name, user);
            return user;
        }
    }

    public User user(String name) {
        return users.find(name).orElseThrow(() ->
                IamException.noSuchEntity("The user with name " + name + " cannot be found."));
    }

    public List<User> users() {
        return sorted(users.all(), User::name);
    }

    /** Deletes a user that has no keys, policies or group memberships left, as IAM requires. */
    public void deleteUser(String name, boolean hasAccessKeys) {
        synchronized (lock) {
            User user = user(name);
            if (hasAccessKeys) {
                throw IamException.deleteConflict("Cannot delete entity, must delete access keys first.");
            }
            if (!user.inlinePolicies().isEmpty() || !user.attachedPolicies().isEmpty()) {
                throw IamException.deleteConflict("Cannot delete entity, must delete policies first.");
            }
            if (!user.groups().isEmpty()) {
                throw IamException.deleteConflict("Cannot delete entity, must remove users from group first.");
            }
            users.delete(name);
        }
    }

    public void putUserPolicy(String userName, String policyName, String document) {
        checkPolicyName(policyName);
        validator.validateIdentityPolicy(document);
        updateUser(userName, user -> new User(user.name(), user.path(), user.userId(), user.createdAt(), user.tags(),
                with(user.inlinePolicies(), policyName, document), user.attachedPolicies(), user.groups()));
    }

    public void deleteUserPolicy(String userName, String policyName) {
        updateUser(userName, user -> new User(user.name(), user.path(), user.userId(), user.createdAt(), user.tags(),
                without(user.inlinePolicies(), policyName, "user " + userName), user.attachedPolicies(),
                user.groups()));
    }

    public void attachUserPolicy(String userName, String policyArn) {
        policyDocument(policyArn);
        updateUser(userName, user -> new User(user.name(), user.path(), user.userId(), user.createdAt(), user.tags(),
                user.inlinePolicies(), withItem(user.attachedPolicies(), policyArn), user.groups()));
    }

    public void detachUserPolicy(String userName, String policyArn) {
        updateUser(userName, user -> new User(user.name(), user.path(), user.userId(), user.createdAt(), user.tags(),
                user.inlinePolicies(), withoutItem(user.attachedPolicies(), policyArn, "Policy " + policyArn
                        + " was not found."), user.groups()));
    }

    private void updateUser(String name, UnaryOperator<User> change) {
        synchronized (lock) {
            users.put(name, change.apply(user(name)));
        }
    }

    // --- groups

    public Group createGroup(String name, String path) {
        checkName(name, "groupName");
        String checkedPath = checkPath(path);
        synchronized (lock) {
            if (groups.find(name).isPresent()) {
                throw IamException.alreadyExists("Group with name " + name + " already exists.");
            }
            Group group = new Group(name, checkedPath, ids.id("AGPA"), clock.millis(), Map.of(), List.of());
            groups.put(name, group);
            return group;
        }
    }

    public Group group(String name) {
        return groups.find(name).orElseThrow(() ->
                IamException.noSuchEntity("The group with name " + name + " cannot be found."));
    }

    public List<Group> groups() {
        return sorted(groups.all(), Group::name);
    }

    public void addUserToGroup(String groupName, String userName) {
        group(groupName);
        updateUser(userName, user -> new User(user.name(), user.path(), user.userId(), user.createdAt(), user.tags(),
                user.inlinePolicies(), user.attachedPolicies(), withItem(user.groups(), groupName)));
    }

    public void removeUserFromGroup(String groupName, String userName) {
        updateUser(userName, user -> new User(user.name(), user.path(), user.userId(), user.createdAt(), user.tags(),
                user.inlinePolicies(), user.attachedPolicies(), withoutItem(user.groups(), groupName,
                        "The user with name " + userName + " is not in group " + groupName + ".")));
    }

    public void putGroupPolicy(String groupName, String policyName, String document) {
        checkPolicyName(policyName);
        validator.validateIdentityPolicy(document);
        updateGroup(groupName, group -> new Group(group.name(), group.path(), group.groupId(), group.createdAt(),
                with(group.inlinePolicies(), policyName, document), group.attachedPolicies()));
    }

    public void attachGroupPolicy(String groupName, String policyArn) {
        policyDocument(policyArn);
        updateGroup(groupName, group -> new Group(group.name(), group.path(), group.groupId(), group.createdAt(),
                group.inlinePolicies(), withItem(group.attachedPolicies(), policyArn)));
    }

    private void updateGroup(String name, UnaryOperator<Group> change) {
        synchronized (lock) {
            groups.put(name, change.apply(group(name)));
        }
    }

    // --- roles

    public Role createRole(String name, String path, String trustPolicy, Integer maxSessionSeconds,
                           Map<String, String> tags) {
        checkName(name, "roleName");
        String checkedPath = checkPath(path);
        validator.validateTrustPolicy(trustPolicy);
        int maxSession = maxSessionSeconds == null ? DEFAULT_MAX_SESSION_SECONDS : maxSessionSeconds;
        if (maxSession < 3600 || maxSession > 43200) {
            throw IamException.invalidInput("MaxSessionDuration must be between 3600 and 43200 seconds.");
        }
        synchronized (lock) {
            if (roles.find(name).isPresent()) {
                throw IamException.alreadyExists("Role with name " + name + " already exists.");
            }
            Role role = new Role(name, checkedPath, ids.id("AROA"), clock.millis(), trustPolicy, tags, Map.of(),
                    List.of(), maxSession);
            roles.put(name, role);
            return role;
        }
    }

    public Role role(String name) {
        return roles.find(name).orElseThrow(() ->
                IamException.noSuchEntity("The role with name " + name + " cannot be found."));
    }

    public List<Role> roles() {
        return sorted(roles.all(), Role::name);
    }

    public void deleteRole(String name) {
        synchronized (lock) {
            Role role = role(name);
            if (!role.inlinePolicies().isEmpty() || !role.attachedPolicies().isEmpty()) {
                throw IamException.deleteConflict("Cannot delete entity, must delete policies first.");
            }
            roles.delete(name);
        }
    }

    public void putRolePolicy(String roleName, String policyName, String document) {
        checkPolicyName(policyName);
        validator.validateIdentityPolicy(document);
        updateRole(roleName, role -> new Role(role.name(), role.path(), role.roleId(), role.createdAt(),
                role.trustPolicy(), role.tags(), with(role.inlinePolicies(), policyName, document),
                role.attachedPolicies(), role.maxSessionSeconds()));
    }

    public void attachRolePolicy(String roleName, String policyArn) {
        policyDocument(policyArn);
        updateRole(roleName, role -> new Role(role.name(), role.path(), role.roleId(), role.createdAt(),
                role.trustPolicy(), role.tags(), role.inlinePolicies(), withItem(role.attachedPolicies(), policyArn),
                role.maxSessionSeconds()));
    }

    private void updateRole(String name, UnaryOperator<Role> change) {
        synchronized (lock) {
            roles.put(name, change.apply(role(name)));
        }
    }

    // --- managed policies

    public ManagedPolicy createPolicy(String name, String path, String document) {
        checkPolicyName(name);
        String checkedPath = checkPath(path);
        validator.validateIdentityPolicy(document);
        String arn = account.policyArn(checkedPath, name);
        synchronized (lock) {
            if (policies.find(arn).isPresent()) {
                throw IamException.alreadyExists("A policy called " + name + " already exists. Duplicate names are not allowed.");
            }
            ManagedPolicy policy = new ManagedPolicy(arn, name, checkedPath, ids.id("ANPA"), document, clock.millis());
            policies.put(arn, policy);
            return policy;
        }
    }

    public List<ManagedPolicy> customerPolicies() {
        return sorted(policies.all(), ManagedPolicy::name);
    }

    /** The document of a customer or AWS managed policy. */
    public String policyDocument(String policyArn) {
        String aws = awsManagedPolicies.get(policyArn);
        if (aws != null) {
            return aws;
        }
        return policies.find(policyArn).map(ManagedPolicy::document).orElseThrow(() ->
                IamException.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable."));
    }

    // --- helpers

    private static void checkName(String name, String field) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw IamException.invalidInput("1 validation error detected: Value '" + name + "' at '" + field
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        }
    }

    private static void checkPolicyName(String name) {
        if (name == null || !POLICY_NAME.matcher(name).matches()) {
            throw IamException.invalidInput("1 validation error detected: Value '" + name
                    + "' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        }
    }

    private static String checkPath(String path) {
        String value = path == null || path.isEmpty() ? "/" : path;
        if (!PATH.matcher(value).matches()) {
            throw IamException.invalidInput("The specified value for path is invalid. It must begin and end with /"
                    + " and contain only alphanumeric characters and/or / characters.");
        }
        return value;
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, String> without(Map<String, String> map, String key, String owner) {
        if (!map.containsKey(key)) {
            throw IamException.noSuchEntity("The " + owner + " policy with name " + key + " cannot be found.");
        }
        Map<String, String> copy = new LinkedHashMap<>(map);
        copy.remove(key);
        return copy;
    }

    private static List<String> withItem(List<String> list, String item) {
        List<String> copy = new ArrayList<>(list);
        if (!copy.contains(item)) {
            copy.add(item);
        }
        return copy;
    }

    private static List<String> withoutItem(List<String> list, String item, String missing) {
        if (!list.contains(item)) {
            throw IamException.noSuchEntity(missing);
        }
        List<String> copy = new ArrayList<>(list);
        copy.remove(item);
        return copy;
    }

    private static <T> List<T> sorted(List<T> items, java.util.function.Function<T, String> key) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing(key));
        return copy;
    }
}
