package io.berth.server.aws.iam;

import io.berth.auth.identity.IdentityDirectory;
import io.berth.auth.identity.Records;
import io.berth.auth.policy.ManagedPolicies;
import io.berth.auth.policy.ManagedPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The managed policies IAM lists and describes: the account's customer managed policies and the AWS managed
 * policies Berth bundles (the ECR ones), with their attachment counts.
 */
final class PolicyCatalog {
    /**
     * The creation date reported for the bundled AWS managed policies: AWS published the ECR managed policies in
     * December 2015, and the bundled files carry no dates of their own.
     */
    private static final long AWS_MANAGED_DATE = Instant.parse("2015-12-21T17:00:00Z").toEpochMilli();
    /** A customer managed policy has one version: the document it was created with. */
    private static final String CUSTOMER_VERSION = "v1";
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final IdentityDirectory directory;
    private final ManagedPolicies awsManaged;

    PolicyCatalog(IdentityDirectory directory, ManagedPolicies awsManaged) {
        this.directory = directory;
        this.awsManaged = awsManaged;
    }

    Optional<PolicyView> find(String arn) {
        Map<String, Integer> counts = attachmentCounts();
        Optional<PolicyView> aws = awsManaged.byArn(arn).map(policy -> view(policy, counts));
        if (aws.isPresent()) {
            return aws;
        }
        return directory.customerPolicies().stream().filter(policy -> policy.arn().equals(arn)).findFirst()
                .map(policy -> view(policy, counts));
    }

    /**
     * ListPolicies' selection.
     *
     * @param scope      All, AWS or Local
     * @param pathPrefix only policies whose path starts with it
     */
    List<PolicyView> list(String scope, boolean onlyAttached, String pathPrefix) {
        Map<String, Integer> counts = attachmentCounts();
        Stream<PolicyView> aws = scope.equals("Local") ? Stream.empty()
                : awsManaged.all().stream().map(policy -> view(policy, counts));
        Stream<PolicyView> local = scope.equals("AWS") ? Stream.empty()
                : directory.customerPolicies().stream().map(policy -> view(policy, counts));
        return Stream.concat(aws, local)
                .filter(policy -> policy.path().startsWith(pathPrefix))
                .filter(policy -> !onlyAttached || policy.attachmentCount() > 0)
                .toList();
    }

    /** A customer managed policy just created: attached nowhere yet. */
    PolicyView created(Records.ManagedPolicy policy) {
        return view(policy, Map.of());
    }

    private static PolicyView view(Records.ManagedPolicy policy, Map<String, Integer> counts) {
        return new PolicyView(policy.name(), policy.policyId(), policy.arn(), policy.path(), CUSTOMER_VERSION,
                counts.getOrDefault(policy.arn(), 0), null, policy.createdAt(), policy.createdAt());
    }

    private static PolicyView view(ManagedPolicy policy, Map<String, Integer> counts) {
        return new PolicyView(policy.name(), stableId(policy.arn()), policy.arn(), pathOf(policy.arn()),
                policy.versionId(), counts.getOrDefault(policy.arn(), 0), policy.description(), AWS_MANAGED_DATE,
                AWS_MANAGED_DATE);
    }

    /** How many users, groups and roles each policy is attached to, in one pass over them. */
    private Map<String, Integer> attachmentCounts() {
        Map<String, Integer> counts = new HashMap<>();
        directory.users().forEach(user -> count(counts, user.attachedPolicies()));
        directory.groups().forEach(group -> count(counts, group.attachedPolicies()));
        directory.roles().forEach(role -> count(counts, role.attachedPolicies()));
        return counts;
    }

    private static void count(Map<String, Integer> counts, List<String> attached) {
        attached.forEach(arn -> counts.merge(arn, 1, Integer::sum));
    }

    /** The path of a policy ARN: {@code arn:aws:iam::aws:policy/service-role/X} has {@code /service-role/}. */
    static String pathOf(String policyArn) {
        String resource = policyArn.substring(policyArn.indexOf(":policy/") + ":policy".length());
        return resource.substring(0, resource.lastIndexOf('/') + 1);
    }

    /**
     * A policy id for an AWS managed policy that stays the same across restarts: ANPA and 17 base32 characters
     * of the ARN's SHA-256, the shape of AWS's own ids.
     */
    private static String stableId(String arn) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(arn.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
        StringBuilder id = new StringBuilder("ANPA");
        for (int i = 0; i < 17; i++) {
            id.append(BASE32[(hash[i] & 0xFF) % BASE32.length]);
        }
        return id.toString();
    }
}
