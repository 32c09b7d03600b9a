package io.berth.auth.policy;

import static io.berth.auth.policy.Fixtures.ACCOUNT;
import static io.berth.auth.policy.Fixtures.OTHER_ACCOUNT;
import static io.berth.auth.policy.Fixtures.identity;
import static io.berth.auth.policy.Fixtures.repo;
import static io.berth.auth.policy.Fixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Six callers × every ECR action × three repositories and the registry-level resource {@code *}.
 *
 * <p>Each row is one action; each group of four letters is one caller, in the order reader, pusher, admin,
 * teamdev, nobody, stranger; inside a group the resources are team/app, shared/base, other/tool and {@code *}.
 * A = allow, D = explicit deny, . = implicit deny.
 * <ul>
 *   <li>reader, pusher, admin: AmazonEC2ContainerRegistryReadOnly, ...PowerUser, ...FullAccess;</li>
 *   <li>teamdev: login, everything on team/*, pulls on shared/*, and a Deny of every delete;</li>
 *   <li>nobody: no identity policy at all;</li>
 *   <li>stranger: FullAccess, but in another account.</li>
 * </ul>
 * Only shared/base has a repository policy: every principal of the account may pull, and nobody but the user
 * named admin may push, delete the repository or change its policy.
 */
class PermissionMatrixTest {
    private static final List<String> RESOURCES = List.of(repo("team/app"), repo("shared/base"),
            repo("other/tool"), "*");
    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();
    private static final ManagedPolicies MANAGED = ManagedPolicies.load();
    private static final NamedPolicy SHARED_BASE_POLICY = resource("shared/base repository policy", """
            {'Version':'2012-10-17','Statement':[
              {'Sid':'AccountPull','Effect':'Allow','Principal':{'AWS':'arn:aws:iam::123456789012:root'},
               'Action':['ecr:BatchGetImage','ecr:GetDownloadUrlForLayer','ecr:BatchCheckLayerAvailability']},
              {'Sid':'ProtectBase','Effect':'Deny','Principal':'*',
               'Action':['ecr:PutImage','ecr:DeleteRepository','ecr:SetRepositoryPolicy'],
               'Condition':{'StringNotEquals':{'aws:username':'admin'}}}]}
            """);
    private static final NamedPolicy TEAMDEV_POLICY = identity("teamdev", """
            {'Version':'2012-10-17','Statement':[
              {'Sid':'Login','Effect':'Allow','Action':'ecr:GetAuthorizationToken','Resource':'*'},
              {'Sid':'TeamRepos','Effect':'Allow','Action':'ecr:*',
               'Resource':'arn:aws:ecr:us-east-1:123456789012:repository/team/*'},
              {'Sid':'ReadShared','Effect':'Allow',
               'Action':['ecr:BatchGetImage','ecr:GetDownloadUrlForLayer','ecr:BatchCheckLayerAvailability'],
               'Resource':'arn:aws:ecr:*:123456789012:repository/shared/*'},
              {'Sid':'NoDeletes','Effect':'Deny','Action':['ecr:Delete*','ecr:BatchDeleteImage'],'Resource':'*'}]}
            """);

    private record Caller(RequestPrincipal principal, List<NamedPolicy> policies) {
    }

    private static final List<Caller> CALLERS = List.of(
            user("reader", ACCOUNT, managed("AmazonEC2ContainerRegistryReadOnly")),
            user("pusher", ACCOUNT, managed("AmazonEC2ContainerRegistryPowerUser")),
            user("admin", ACCOUNT, managed("AmazonEC2ContainerRegistryFullAccess")),
            user("teamdev", ACCOUNT, TEAMDEV_POLICY),
            user("nobody", ACCOUNT),
            user("stranger", OTHER_ACCOUNT, managed("AmazonEC2ContainerRegistryFullAccess")));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ecr:BatchCheckLayerAvailability             | AAAA AAAA AAAA AA.. .A.. ...A
            ecr:BatchDeleteImage                        | .... .... AAAA DDDD .... ...A
            ecr:BatchGetImage                           | AAAA AAAA AAAA AA.. .A.. ...A
            ecr:BatchGetRepositoryScanningConfiguration | .... .... AAAA A... .... ...A
            ecr:BatchImportUpstreamImage                | .... .... AAAA A... .... ...A
            ecr:CompleteLayerUpload                     | .... AAAA AAAA A... .... ...A
            ecr:CreatePullThroughCacheRule              | .... .... AAAA A... .... ...A
            ecr:CreateRepository                        | .... .... AAAA A... .... ...A
            ecr:CreateRepositoryCreationTemplate        | .... .... AAAA A... .... ...A
            ecr:DeleteLifecyclePolicy                   | .... .... AAAA DDDD .... ...A
            ecr:DeletePullThroughCacheRule              | .... .... AAAA DDDD .... ...A
            ecr:DeleteRegistryPolicy                    | .... .... AAAA DDDD .... ...A
            ecr:DeleteRepository                        | .D.. .D.. AAAA DDDD .D.. .D.A
            ecr:DeleteRepositoryCreationTemplate        | .... .... AAAA DDDD .... ...A
            ecr:DeleteRepositoryPolicy                  | .... .... AAAA DDDD .... ...A
            ecr:DeleteSigningConfiguration              | .... .... AAAA DDDD .... ...A
            ecr:DeregisterPullTimeUpdateExclusion       | .... .... AAAA A... .... ...A
            ecr:DescribeImageReplicationStatus          | .... .... AAAA A... .... ...A
            ecr:DescribeImageScanFindings               | AAAA AAAA AAAA A... .... ...A
            ecr:DescribeImageSigningStatus              | .... .... AAAA A... .... ...A
            ecr:DescribeImages                          | AAAA AAAA AAAA A... .... ...A
            ecr:DescribePullThroughCacheRules           | .... .... AAAA A... .... ...A
            ecr:DescribeRegistry                        | .... .... AAAA A... .... ...A
            ecr:DescribeRepositories                    | AAAA AAAA AAAA A... .... ...A
            ecr:DescribeRepositoryCreationTemplates     | .... .... AAAA A... .... ...A
            ecr:GetAccountSetting                       | .... .... AAAA A... .... ...A
            ecr:GetAuthorizationToken                   | AAAA AAAA AAAA AAAA .... ...A
            ecr:GetDownloadUrlForLayer                  | AAAA AAAA AAAA AA.. .A.. ...A
            ecr:GetImageCopyStatus                      | .... .... AAAA A... .... ...A
            ecr:GetLifecyclePolicy                      | AAAA AAAA AAAA A... .... ...A
            ecr:GetLifecyclePolicyPreview               | AAAA AAAA AAAA A... .... ...A
            ecr:GetRegistryPolicy                       | .... .... AAAA A... .... ...A
            ecr:GetRegistryScanningConfiguration        | .... .... AAAA A... .... ...A
            ecr:GetRepositoryPolicy                     | AAAA AAAA AAAA A... .... ...A
            ecr:GetSigningConfiguration                 | .... .... AAAA A... .... ...A
            ecr:InitiateLayerUpload                     | .... AAAA AAAA A... .... ...A
            ecr:ListImageReferrers                      | .... .... AAAA A... .... ...A
            ecr:ListImages                              | AAAA AAAA AAAA A... .... ...A
            ecr:ListPullTimeUpdateExclusions            | .... .... AAAA A... .... ...A
            ecr:ListTagsForResource                     | AAAA AAAA AAAA A... .... ...A
            ecr:PutAccountSetting                       | .... .... AAAA A... .... ...A
            ecr:PutImage                                | .D.. ADAA AAAA AD.. .D.. .D.A
            ecr:PutImageScanningConfiguration           | .... .... AAAA A... .... ...A
            ecr:PutImageTagMutability                   | .... .... AAAA A... .... ...A
            ecr:PutLifecyclePolicy                      | .... .... AAAA A... .... ...A
            ecr:PutRegistryPolicy                       | .... .... AAAA A... .... ...A
            ecr:PutRegistryScanningConfiguration        | .... .... AAAA A... .... ...A
            ecr:PutReplicationConfiguration             | .... .... AAAA A... .... ...A
            ecr:PutSigningConfiguration                 | .... .... AAAA A... .... ...A
            ecr:RegisterPullTimeUpdateExclusion         | .... .... AAAA A... .... ...A
            ecr:ReplicateImage                          | .... .... AAAA A... .... ...A
            ecr:SetRepositoryPolicy                     | .D.. .D.. AAAA AD.. .D.. .D.A
            ecr:StartImageScan                          | .... .... AAAA A... .... ...A
            ecr:StartLifecyclePolicyPreview             | .... .... AAAA A... .... ...A
            ecr:TagResource                             | .... .... AAAA A... .... ...A
            ecr:UntagResource                           | .... .... AAAA A... .... ...A
            ecr:UpdateImageStorageClass                 | .... .... AAAA A... .... ...A
            ecr:UpdatePullThroughCacheRule              | .... .... AAAA A... .... ...A
            ecr:UpdateRepositoryCreationTemplate        | .... .... AAAA A... .... ...A
            ecr:UploadLayerPart                         | .... AAAA AAAA A... .... ...A
            ecr:ValidatePullThroughCacheRule            | .... .... AAAA A... .... ...A
            """)
    void decides(String action, String expected) {
        assertEquals(expected, decisions(action), action);
    }

    private static String decisions(String action) {
        List<String> groups = new ArrayList<>();
        for (Caller caller : CALLERS) {
            StringBuilder group = new StringBuilder();
            for (String resource : RESOURCES) {
                PolicySet policies = PolicySet.identity(caller.policies());
                if (resource.equals(repo("shared/base"))) {
                    policies = policies.withRepositoryPolicy(SHARED_BASE_POLICY);
                }
                Decision decision = EVALUATOR.evaluate(RequestContext.of(caller.principal(), action, resource),
                        policies);
                group.append(switch (decision.outcome()) {
                    case ALLOW -> 'A';
                    case EXPLICIT_DENY -> 'D';
                    case IMPLICIT_DENY -> '.';
                });
            }
            groups.add(group.toString());
        }
        return String.join(" ", groups);
    }

    private static Caller user(String name, String account, NamedPolicy... policies) {
        return new Caller(RequestPrincipal.iamUser(account, "/", name, "AIDA" + name.toUpperCase(), Map.of()),
                List.of(policies));
    }

    private static NamedPolicy managed(String name) {
        return MANAGED.byName(name).orElseThrow().asNamedPolicy();
    }
}
