package io.berth.auth.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.auth.policy.Decision.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManagedPoliciesTest {
    private static final ManagedPolicies MANAGED = ManagedPolicies.load();
    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();

    /** AWS's published action list of AmazonEC2ContainerRegistryReadOnly (v3), in AWS's order. */
    private static final List<String> READ_ONLY = List.of("ecr:GetAuthorizationToken",
            "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:GetRepositoryPolicy",
            "ecr:DescribeRepositories", "ecr:ListImages", "ecr:DescribeImages", "ecr:BatchGetImage",
            "ecr:GetLifecyclePolicy", "ecr:GetLifecyclePolicyPreview", "ecr:ListTagsForResource",
            "ecr:DescribeImageScanFindings");

    @Test
    void knowsTheEcrManagedPoliciesByNameAndArn() {
        assertEquals(List.of("AmazonEC2ContainerRegistryFullAccess", "AmazonEC2ContainerRegistryPowerUser",
                "AmazonEC2ContainerRegistryPullOnly", "AmazonEC2ContainerRegistryReadOnly"),
                MANAGED.all().stream().map(ManagedPolicy::name).toList());
        ManagedPolicy readOnly = MANAGED.byName("AmazonEC2ContainerRegistryReadOnly").orElseThrow();
        assertSame(readOnly, MANAGED.byArn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly")
                .orElseThrow());
        assertEquals("Provides read-only access to Amazon EC2 Container Registry repositories.",
                readOnly.description());
        assertEquals("v3", readOnly.versionId());
        assertEquals(Optional.empty(), MANAGED.byName("AdministratorAccess"));
        assertEquals(Optional.empty(), MANAGED.byArn("AmazonEC2ContainerRegistryReadOnly"));
        MANAGED.all().forEach(policy -> {
            assertEquals("arn:aws:iam::aws:policy/" + policy.name(), policy.arn());
            assertEquals(PolicyKind.IDENTITY, policy.document().kind());
            assertEquals(PolicyVersion.V2012_10_17, policy.document().version());
        });
    }

    @Test
    void documentsAreAwsPublishedOnes() {
        assertEquals(List.of(new ActionBlock(READ_ONLY, false)), actions("AmazonEC2ContainerRegistryReadOnly"));

        List<String> powerUser = new ArrayList<>(READ_ONLY);
        powerUser.addAll(List.of("ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload",
                "ecr:PutImage"));
        assertEquals(List.of(new ActionBlock(powerUser, false)), actions("AmazonEC2ContainerRegistryPowerUser"));

        assertEquals(List.of(new ActionBlock(List.of("ecr:GetAuthorizationToken", "ecr:BatchGetImage",
                "ecr:GetDownloadUrlForLayer", "ecr:BatchImportUpstreamImage"), false)),
                actions("AmazonEC2ContainerRegistryPullOnly"));

        PolicyDocument full = MANAGED.byName("AmazonEC2ContainerRegistryFullAccess").orElseThrow().document();
        assertEquals(List.of(new ActionBlock(List.of("ecr:*", "cloudtrail:LookupEvents"), false),
                new ActionBlock(List.of("iam:CreateServiceLinkedRole"), false)),
                full.statements().stream().map(Statement::actions).toList());
        assertEquals(List.of(new ConditionClause(ConditionOperator.parse("StringEquals").orElseThrow(),
                "iam:AWSServiceName", List.of("replication.ecr.amazonaws.com"))),
                full.statements().get(1).conditions());
        MANAGED.all().forEach(policy -> policy.document().statements().forEach(statement -> {
            assertEquals(Effect.ALLOW, statement.effect());
            assertEquals(new ResourceBlock(List.of("*"), false, false), statement.resources());
        }));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            AmazonEC2ContainerRegistryReadOnly   | ecr:BatchGetImage              | ALLOW
            AmazonEC2ContainerRegistryReadOnly   | ecr:GetDownloadUrlForLayer     | ALLOW
            AmazonEC2ContainerRegistryReadOnly   | ecr:DescribeImageScanFindings  | ALLOW
            AmazonEC2ContainerRegistryReadOnly   | ecr:PutImage                   | IMPLICIT_DENY
            AmazonEC2ContainerRegistryReadOnly   | ecr:InitiateLayerUpload        | IMPLICIT_DENY
            AmazonEC2ContainerRegistryReadOnly   | ecr:StartImageScan             | IMPLICIT_DENY
            AmazonEC2ContainerRegistryReadOnly   | ecr:DeleteRepository           | IMPLICIT_DENY
            AmazonEC2ContainerRegistryPowerUser  | ecr:PutImage                   | ALLOW
            AmazonEC2ContainerRegistryPowerUser  | ecr:CompleteLayerUpload        | ALLOW
            AmazonEC2ContainerRegistryPowerUser  | ecr:BatchGetImage              | ALLOW
            AmazonEC2ContainerRegistryPowerUser  | ecr:BatchDeleteImage           | IMPLICIT_DENY
            AmazonEC2ContainerRegistryPowerUser  | ecr:DeleteRepository           | IMPLICIT_DENY
            AmazonEC2ContainerRegistryPowerUser  | ecr:SetRepositoryPolicy        | IMPLICIT_DENY
            AmazonEC2ContainerRegistryPowerUser  | ecr:CreateRepository           | IMPLICIT_DENY
            AmazonEC2ContainerRegistryFullAccess | ecr:DeleteRepository           | ALLOW
            AmazonEC2ContainerRegistryFullAccess | ecr:SetRepositoryPolicy        | ALLOW
            AmazonEC2ContainerRegistryFullAccess | cloudtrail:LookupEvents        | ALLOW
            AmazonEC2ContainerRegistryFullAccess | ecr-public:PutImage            | IMPLICIT_DENY
            AmazonEC2ContainerRegistryPullOnly   | ecr:BatchGetImage              | ALLOW
            AmazonEC2ContainerRegistryPullOnly   | ecr:BatchImportUpstreamImage   | ALLOW
            AmazonEC2ContainerRegistryPullOnly   | ecr:ListImages                 | IMPLICIT_DENY
            AmazonEC2ContainerRegistryPullOnly   | ecr:BatchCheckLayerAvailability | IMPLICIT_DENY
            """)
    void grantsWhatItsNameSays(String policy, String action, Outcome expected) {
        RequestContext request = RequestContext.of(Fixtures.ALICE, action, Fixtures.repo("team/app"));
        assertEquals(expected, EVALUATOR.evaluate(request, Fixtures.identityOnly(named(policy))).outcome());
    }

    @Test
    void everyEcrManagedPolicyAllowsLogin() {
        RequestContext login = RequestContext.of(Fixtures.DEPLOYER, "ecr:GetAuthorizationToken", "*");
        MANAGED.all().forEach(policy -> assertTrue(EVALUATOR.evaluate(login,
                Fixtures.identityOnly(policy.asNamedPolicy())).allowed(), policy.name()));
    }

    @Test
    void fullAccessCreatesOnlyTheReplicationServiceLinkedRole() {
        RequestContext create = RequestContext.of(Fixtures.ALICE, "iam:CreateServiceLinkedRole",
                "arn:aws:iam::123456789012:role/aws-service-role/replication.ecr.amazonaws.com/x");
        PolicySet full = Fixtures.identityOnly(named("AmazonEC2ContainerRegistryFullAccess"));
        assertEquals(Outcome.ALLOW, EVALUATOR.evaluate(create.with("iam:AWSServiceName",
                "replication.ecr.amazonaws.com"), full).outcome());
        assertEquals(Outcome.IMPLICIT_DENY, EVALUATOR.evaluate(create.with("iam:AWSServiceName",
                "ecs.amazonaws.com"), full).outcome());
        assertEquals(Outcome.IMPLICIT_DENY, EVALUATOR.evaluate(create, full).outcome());
    }

    private static NamedPolicy named(String name) {
        return MANAGED.byName(name).orElseThrow().asNamedPolicy();
    }

    private static List<ActionBlock> actions(String name) {
        return MANAGED.byName(name).orElseThrow().document().statements().stream().map(Statement::actions).toList();
    }
}
