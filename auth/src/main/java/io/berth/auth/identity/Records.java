package io.berth.auth.identity;

import java.util.List;
import java.util.Map;

/** The persisted identity records. Policies are kept as their JSON text, as IAM returns them. */
public final class Records {
    private Records() {
    }

    /** An IAM user. */
    public record User(String name, String path, String userId, long createdAt, Map<String, String> tags,
                       Map<String, String> inlinePolicies, List<String> attachedPolicies, List<String> groups) {
        public User {
            tags = Map.copyOf(tags);
            inlinePolicies = Map.copyOf(inlinePolicies);
            attachedPolicies = List.copyOf(attachedPolicies);
            groups = List.copyOf(groups);
        }
    }

    /** An IAM group: its members' policies apply to each member. */
    public record Group(String name, String path, String groupId, long createdAt, Map<String, String> inlinePolicies,
                        List<String> attachedPolicies) {
        public Group {
            inlinePolicies = Map.copyOf(inlinePolicies);
            attachedPolicies = List.copyOf(attachedPolicies);
        }
    }

    /** An IAM role, assumed through STS when its trust policy allows the caller. */
    public record Role(String name, String path, String roleId, long createdAt, String trustPolicy,
                       Map<String, String> tags, Map<String, String> inlinePolicies, List<String> attachedPolicies,
                       int maxSessionSeconds) {
        public Role {
            tags = Map.copyOf(tags);
            inlinePolicies = Map.copyOf(inlinePolicies);
            attachedPolicies = List.copyOf(attachedPolicies);
        }
    }

    /** A customer managed policy. */
    public record ManagedPolicy(String arn, String name, String path, String policyId, String document,
                                long createdAt) {
    }

    /** Whom an access key authenticates. */
    public enum KeyOwner {
        /** The account root: all permissions on the account's own resources. */
        ROOT,
        /** An IAM user. */
        USER,
        /** A session of an assumed role (temporary credentials). */
        ROLE_SESSION
    }

    /**
     * An access key. Long-term keys belong to the root or a user; temporary ones to a role session and carry a
     * session token and an expiry.
     *
     * @param owner       the user or role name (empty for the root)
     * @param sessionName the role session name, or null
     */
    public record AccessKey(String accessKeyId, String secret, KeyOwner ownerType, String owner, String sessionName,
                            String sessionToken, boolean active, long createdAt, Long expiresAt) {
        public AccessKey withActive(boolean value) {
            return new AccessKey(accessKeyId, secret, ownerType, owner, sessionName, sessionToken, value, createdAt,
                    expiresAt);
        }

        @Override
        public String toString() {
            return "AccessKey[" + accessKeyId + ", " + ownerType + " " + owner + ", active=" + active + "]";
        }
    }
}
