package io.berth.auth.policy;

import static io.berth.auth.policy.Fixtures.ACCOUNT;
import static io.berth.auth.policy.Fixtures.ALICE;
import static io.berth.auth.policy.Fixtures.BOB;
import static io.berth.auth.policy.Fixtures.DEPLOYER;
import static io.berth.auth.policy.Fixtures.identity;
import static io.berth.auth.policy.Fixtures.identityOnly;
import static io.berth.auth.policy.Fixtures.repo;
import static io.berth.auth.policy.Fixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.auth.policy.Decision.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Policies from AWS's documentation (ECR's private repository policy examples, IAM's example policies and
 * condition reference), adapted to ECR where they were written for another service, with the decisions AWS
 * documents for them.
 */
class AwsDocumentationExamplesTest {
    private static final Clock MAY_2020 = Clock.fixed(Instant.parse("2020-05-15T12:00:00Z"), ZoneOffset.UTC);
    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator(MAY_2020);
    private static final NamedPolicy FULL_ACCESS = ManagedPolicies.load()
            .byName("AmazonEC2ContainerRegistryFullAccess").orElseThrow().asNamedPolicy();
    private static final String PUSH_ACTIONS = "'ecr:BatchCheckLayerAvailability','ecr:CompleteLayerUpload',"
            + "'ecr:InitiateLayerUpload','ecr:PutImage','ecr:UploadLayerPart'";

    private static Outcome decide(RequestContext request, PolicySet policies) {
        return EVALUATOR.evaluate(request, policies).outcome();
    }

    private static RequestContext request(RequestPrincipal principal, String action, String resource) {
        return RequestContext.of(principal, action, resource);
    }

    @Test
    void repositoryPolicyAllowsNamedUsersToPushAndPull() {
        RequestPrincipal user1 = RequestPrincipal.iamUser(ACCOUNT, "push-pull-user-1", "AIDAPUSHPULL1");
        PolicySet policies = PolicySet.identity(List.of()).withRepositoryPolicy(resource("repository policy", """
                {'Version':'2012-10-17','Statement':[{'Sid':'AllowPushPull','Effect':'Allow',
                  'Principal':{'AWS':['arn:aws:iam::123456789012:user/push-pull-user-1',
                                      'arn:aws:iam::123456789012:user/push-pull-user-2']},
                  'Action':['ecr:BatchGetImage','ecr:BatchCheckLayerAvailability','ecr:CompleteLayerUpload',
                            'ecr:GetDownloadUrlForLayer','ecr:InitiateLayerUpload','ecr:PutImage',
                            'ecr:UploadLayerPart'],
                  'Resource':'*'}]}
                """));
        assertEquals(Outcome.ALLOW, decide(request(user1, "ecr:PutImage", repo("app")), policies));
        assertEquals(Outcome.ALLOW, decide(request(user1, "ecr:BatchGetImage", repo("app")), policies));
        assertEquals(Outcome.IMPLICIT_DENY, decide(request(user1, "ecr:DeleteRepository", repo("app")), policies));
        assertEquals(Outcome.IMPLICIT_DENY, decide(request(ALICE, "ecr:PutImage", repo("app")), policies));
    }

    @Test
    void repositoryPolicyAllowsAnotherAccountToPushWhenItsOwnPolicyAgrees() {
        RequestPrincipal carol = Fixtures.STRANGER;
        NamedPolicy repositoryPolicy = resource("repository policy", "{'Version':'2012-10-17','Statement':[{"
                + "'Sid':'AllowCrossAccountPush','Effect':'Allow','Principal':{'AWS':'arn:aws:iam::444455556666:root'},"
                + "'Action':[" + PUSH_ACTIONS + "],'Resource':'*'}]}");
        NamedPolicy carolsOwn = identity("carol-ecr", "{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
                + "'Action':'ecr:*','Resource':'*'}]}");

        Decision allowed = EVALUATOR.evaluate(request(carol, "ecr:PutImage", repo("app")),
                identityOnly(carolsOwn).withRepositoryPolicy(repositoryPolicy));
        assertEquals(Outcome.ALLOW, allowed.outcome());
        assertEquals(2, allowed.statements().size(), "both sides must allow across accounts");

        Decision noIdentity = EVALUATOR.evaluate(request(carol, "ecr:PutImage", repo("app")),
                PolicySet.identity(List.of()).withRepositoryPolicy(repositoryPolicy));
        assertEquals("no identity-based policy allows the ecr:PutImage action", noIdentity.reason());

        Decision noResource = EVALUATOR.evaluate(request(carol, "ecr:BatchGetImage", repo("app")),
                identityOnly(carolsOwn).withRepositoryPolicy(repositoryPolicy));
        assertEquals(Outcome.IMPLICIT_DENY, noResource.outcome());
        assertEquals("no resource-based policy allows the ecr:BatchGetImage action", noResource.reason());
    }

    @Test
    void repositoryPolicyLetsSomeUsersPullAndAnAdminDoEverything() {
        NamedPolicy policy = resource("repository policy", """
                {'Version':'2012-10-17','Statement':[
                  {'Sid':'AllowPull','Effect':'Allow','Principal':{'AWS':[
                     'arn:aws:iam::123456789012:user/pull-user-1','arn:aws:iam::123456789012:user/pull-user-2']},
                   'Action':['ecr:BatchGetImage','ecr:GetDownloadUrlForLayer']},
                  {'Sid':'AllowAll','Effect':'Allow','Principal':{'AWS':'arn:aws:iam::123456789012:user/admin-user'},
                   'Action':['ecr:*']}]}
                """);
        PolicySet policies = PolicySet.identity(List.of()).withRepositoryPolicy(policy);
        RequestPrincipal puller = RequestPrincipal.iamUser(ACCOUNT, "pull-user-2", "AIDAPULL2");
        RequestPrincipal admin = RequestPrincipal.iamUser(ACCOUNT, "admin-user", "AIDAADMIN");
        assertEquals(Outcome.ALLOW, decide(request(puller, "ecr:GetDownloadUrlForLayer", repo("app")), policies));
        assertEquals(Outcome.IMPLICIT_DENY, decide(request(puller, "ecr:PutImage", repo("app")), policies));
        assertEquals(Outcome.ALLOW, decide(request(admin, "ecr:DeleteRepository", repo("app")), policies));
    }

    @Test
    void repositoryPolicyDenyingPullOverridesFullAccess() {
        PolicySet policies = identityOnly(FULL_ACCESS).withRepositoryPolicy(resource("repository policy", """
                {'Version':'2012-10-17','Statement':[{'Sid':'DenyPull','Effect':'Deny','Principal':'*',
                  'Action':['ecr:BatchGetImage','ecr:GetDownloadUrlForLayer']}]}
                """));
        assertEquals(Outcome.EXPLICIT_DENY, decide(request(ALICE, "ecr:BatchGetImage", repo("app")), policies));
        assertEquals(Outcome.ALLOW, decide(request(ALICE, "ecr:PutImage", repo("app")), policies));
    }

    @Test
    void repositoryPolicyRestrictsEveryActionToAnAddressRange() {
        PolicySet policies = identityOnly(FULL_ACCESS).withRepositoryPolicy(resource("repository policy", """
                {'Version':'2012-10-17','Statement':[{'Sid':'LimitedIPaddress','Effect':'Deny','Principal':'*',
                  'Action':'ecr:*','Condition':{'NotIpAddress':{'aws:SourceIp':'54.240.143.0/24'}}}]}
                """));
        RequestContext pull = request(ALICE, "ecr:BatchGetImage", repo("app"));
        assertEquals(Outcome.ALLOW, decide(pull.with("aws:SourceIp", "54.240.143.7"), policies));
        assertEquals(Outcome.EXPLICIT_DENY, decide(pull.with("aws:SourceIp", "198.51.100.1"), policies));
        assertEquals(Outcome.EXPLICIT_DENY, decide(pull, policies), "no address: NotIpAddress holds");
    }

    @Test
    void repositoryPolicyAllowsAServiceForOneProject() {
        PolicySet policies = PolicySet.identity(List.of()).withRepositoryPolicy(resource("repository policy", """
                {'Version':'2012-10-17','Statement':[{'Sid':'CodeBuildAccess','Effect':'Allow',
                  'Principal':{'Service':'codebuild.amazonaws.com'},
                  'Action':['ecr:BatchGetImage','ecr:GetDownloadUrlForLayer'],
                  'Condition':{'ArnLike':{'aws:SourceArn':'arn:aws:codebuild:us-east-1:123456789012:project/app-*'},
                               'StringEquals':{'aws:SourceAccount':'123456789012'}}}]}
                """));
        RequestContext pull = request(RequestPrincipal.service("codebuild.amazonaws.com"), "ecr:BatchGetImage",
                repo("app")).with("aws:SourceArn", "arn:aws:codebuild:us-east-1:123456789012:project/app-build");
        assertEquals(Outcome.ALLOW, decide(pull.with("aws:SourceAccount", ACCOUNT), policies));
        assertEquals(Outcome.IMPLICIT_DENY, decide(pull.with("aws:SourceAccount", "999999999999"), policies));
        assertEquals(Outcome.IMPLICIT_DENY, decide(request(ALICE, "ecr:BatchGetImage", repo("app"))
                .with("aws:SourceAccount", ACCOUNT), policies));
    }

    @Test
    void identityPolicyDeniesPushUnlessFromTheOfficeNetwork() {
        NamedPolicy denyOutside = identity("deny-push-outside-office", """
                {'Version':'2012-10-17','Statement':[{'Effect':'Deny',
                  'Action':['ecr:PutImage','ecr:InitiateLayerUpload','ecr:UploadLayerPart','ecr:CompleteLayerUpload'],
                  'Resource':'*',
                  'Condition':{'NotIpAddress':{'aws:SourceIp':['192.0.2.0/24','203.0.113.0/24']},
                               'Bool':{'aws:ViaAWSService':'false'}}}]}
                """);
        PolicySet policies = identityOnly(FULL_ACCESS, denyOutside);
        RequestContext push = request(ALICE, "ecr:PutImage", repo("app")).with("aws:ViaAWSService", "false");
        assertEquals(Outcome.ALLOW, decide(push.with("aws:SourceIp", "203.0.113.40"), policies));
        assertEquals(Outcome.EXPLICIT_DENY, decide(push.with("aws:SourceIp", "198.51.100.7"), policies));
        assertEquals(Outcome.ALLOW, decide(push.with("aws:SourceIp", "198.51.100.7").with("aws:ViaAWSService",
                "true"), policies), "a call a service makes for the user is not blocked");
        assertEquals(Outcome.ALLOW, decide(request(ALICE, "ecr:PutImage", repo("app")).with("aws:SourceIp",
                "198.51.100.7"), policies), "Bool without IfExists is false when aws:ViaAWSService is absent");
        assertEquals(Outcome.ALLOW, decide(push.with("aws:SourceIp", "198.51.100.7").withAction("ecr:BatchGetImage"),
                policies));
    }

    @Test
    void tagsDecideAccess() {
        NamedPolicy abac = identity("abac", """
                {'Version':'2012-10-17','Statement':[
                  {'Sid':'OwnTeam','Effect':'Allow','Action':'ecr:*','Resource':'*',
                   'Condition':{'StringEquals':{'aws:ResourceTag/team':'${aws:PrincipalTag/team}'}}},
                  {'Sid':'NeverProduction','Effect':'Deny','Action':['ecr:PutImage','ecr:BatchDeleteImage'],
                   'Resource':'*','Condition':{'StringEquals':{'ecr:ResourceTag/environment':'prod'}}}]}
                """);
        RequestContext push = request(ALICE, "ecr:PutImage", repo("app"));
        assertEquals(Outcome.ALLOW, decide(push.withResourceTags(Map.of("team", "platform")), identityOnly(abac)));
        assertEquals(Outcome.IMPLICIT_DENY, decide(push.withResourceTags(Map.of("team", "apps")),
                identityOnly(abac)));
        assertEquals(Outcome.IMPLICIT_DENY, decide(push, identityOnly(abac)), "untagged repository");
        assertEquals(Outcome.EXPLICIT_DENY, decide(push.withResourceTags(Map.of("team", "platform",
                "environment", "prod")), identityOnly(abac)));
        assertEquals(Outcome.ALLOW, decide(push.withAction("ecr:BatchGetImage").withResourceTags(Map.of("team",
                "platform", "environment", "prod")), identityOnly(abac)));
    }

    @Test
    void usernameVariableGivesEveryUserTheirOwnRepositories() {
        NamedPolicy home = identity("home-repositories", """
                {'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'ecr:*',
                  'Resource':'arn:aws:ecr:*:123456789012:repository/home/${aws:username}/*'}]}
                """);
        assertEquals(Outcome.ALLOW, decide(request(ALICE, "ecr:PutImage", repo("home/alice/tools")),
                identityOnly(home)));
        assertEquals(Outcome.IMPLICIT_DENY, decide(request(ALICE, "ecr:PutImage", repo("home/bob/tools")),
                identityOnly(home)));
        assertEquals(Outcome.ALLOW, decide(request(BOB, "ecr:PutImage", repo("home/bob/tools")), identityOnly(home)));
        assertEquals(Outcome.IMPLICIT_DENY, decide(request(DEPLOYER, "ecr:PutImage", repo("home/deployer/x")),
                identityOnly(home)), "a role session has no aws:username, so the resource matches nothing");

        NamedPolicy legacy = identity("legacy", "{'Version':'2008-10-17','Statement':[{'Effect':'Allow',"
                + "'Action':'ecr:*','Resource':'arn:aws:ecr:*:123456789012:repository/home/${aws:username}/*'}]}");
        assertEquals(Outcome.IMPLICIT_DENY, decide(request(ALICE, "ecr:PutImage", repo("home/alice/tools")),
                identityOnly(legacy)), "2008-10-17 documents have no policy variables");
    }

    @Test
    void notActionAllowsEverythingButTheListedActions() {
        NamedPolicy noDeletes = identity("no-deletes", """
                {'Version':'2012-10-17','Statement':[{'Effect':'Allow',
                  'NotAction':['ecr:Delete*','ecr:BatchDeleteImage','ecr:SetRepositoryPolicy'],'Resource':'*'}]}
                """);
        assertEquals(Outcome.ALLOW, decide(request(ALICE, "ecr:PutImage", repo("app")), identityOnly(noDeletes)));
        assertEquals(Outcome.ALLOW, decide(request(ALICE, "s3:GetObject", "arn:aws:s3:::bucket/key"),
                identityOnly(noDeletes)), "NotAction with Allow reaches other services too");
        assertEquals(Outcome.IMPLICIT_DENY, decide(request(ALICE, "ecr:DeleteRepository", repo("app")),
                identityOnly(noDeletes)));

        NamedPolicy readOnlyGuard = identity("read-only-guard", """
                {'Version':'2012-10-17','Statement':[{'Effect':'Deny',
                  'NotAction':['ecr:BatchGetImage','ecr:GetDownloadUrlForLayer','ecr:GetAuthorizationToken'],
                  'Resource':'*'}]}
                """);
        assertEquals(Outcome.EXPLICIT_DENY, decide(request(ALICE, "ecr:PutImage", repo("app")),
                identityOnly(FULL_ACCESS, readOnlyGuard)));
        assertEquals(Outcome.ALLOW, decide(request(ALICE, "ecr:BatchGetImage", repo("app")),
                identityOnly(FULL_ACCESS, readOnlyGuard)));
    }

    @Test
    void notResourceDeniesEverythingOutsideTheSandbox() {
        NamedPolicy sandboxOnly = identity("sandbox-only", """
                {'Version':'2012-10-17','Statement':[{'Effect':'Deny','Action':'ecr:*',
                  'NotResource':'arn:aws:ecr:*:123456789012:repository/sandbox/*'}]}
                """);
        PolicySet policies = identityOnly(FULL_ACCESS, sandboxOnly);
        assertEquals(Outcome.ALLOW, decide(request(ALICE, "ecr:PutImage", repo("sandbox/try")), policies));
        assertEquals(Outcome.EXPLICIT_DENY, decide(request(ALICE, "ecr:PutImage", repo("team/app")), policies));
        assertEquals(Outcome.EXPLICIT_DENY, decide(request(ALICE, "ecr:GetAuthorizationToken", "*"), policies),
                "'*' is not a sandbox repository either");
    }

    @Test
    void forAllValuesAllowsARequestWithoutTagsUnlessNullForbidsIt() {
        NamedPolicy allowedKeys = identity("tag-keys", """
                {'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'ecr:TagResource','Resource':'*',
                  'Condition':{'ForAllValues:StringEquals':{'aws:TagKeys':['env','team']}}}]}
                """);
        RequestContext tag = request(ALICE, "ecr:TagResource", repo("app"));
        assertEquals(Outcome.ALLOW, decide(tag.with("aws:TagKeys", "env"), identityOnly(allowedKeys)));
        assertEquals(Outcome.IMPLICIT_DENY, decide(tag.with("aws:TagKeys", "env", "owner"),
                identityOnly(allowedKeys)));
        assertEquals(Outcome.ALLOW, decide(tag, identityOnly(allowedKeys)), "no keys at all: vacuously true");

        NamedPolicy guarded = identity("tag-keys-guarded", """
                {'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'ecr:TagResource','Resource':'*',
                  'Condition':{'ForAllValues:StringEquals':{'aws:TagKeys':['env','team']},
                               'Null':{'aws:TagKeys':'false'}}}]}
                """);
        assertEquals(Outcome.IMPLICIT_DENY, decide(tag, identityOnly(guarded)));
        assertEquals(Outcome.ALLOW, decide(tag.with("aws:TagKeys", "team"), identityOnly(guarded)));
    }

    @Test
    void forAnyValueDeniesAsSoonAsOneKeyIsForbidden() {
        NamedPolicy noOwnerTag = identity("no-owner-tag", """
                {'Version':'2012-10-17','Statement':[
                  {'Effect':'Allow','Action':'ecr:TagResource','Resource':'*'},
                  {'Effect':'Deny','Action':'ecr:TagResource','Resource':'*',
                   'Condition':{'ForAnyValue:StringEquals':{'aws:TagKeys':['owner','cost-center']}}}]}
                """);
        RequestContext tag = request(ALICE, "ecr:TagResource", repo("app"));
        assertEquals(Outcome.EXPLICIT_DENY, decide(tag.with("aws:TagKeys", "env", "owner"),
                identityOnly(noOwnerTag)));
        assertEquals(Outcome.ALLOW, decide(tag.with("aws:TagKeys", "env", "team"), identityOnly(noOwnerTag)));
        assertEquals(Outcome.ALLOW, decide(tag, identityOnly(noOwnerTag)), "no keys: ForAnyValue is false");
    }

    @Test
    void ifExistsAppliesTheTestOnlyWhenTheTagIsThere() {
        NamedPolicy sameTeam = identity("same-team-if-tagged", """
                {'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'ecr:*','Resource':'*',
                  'Condition':{'StringEqualsIfExists':{'ecr:ResourceTag/team':'${aws:PrincipalTag/team}'}}}]}
                """);
        RequestContext push = request(ALICE, "ecr:PutImage", repo("app"));
        assertEquals(Outcome.ALLOW, decide(push, identityOnly(sameTeam)), "untagged repository");
        assertEquals(Outcome.ALLOW, decide(push.withResourceTags(Map.of("team", "platform")),
                identityOnly(sameTeam)));
        assertEquals(Outcome.IMPLICIT_DENY, decide(push.withResourceTags(Map.of("team", "apps")),
                identityOnly(sameTeam)));
    }

    @Test
    void dateConditionsUseTheCurrentTime() {
        NamedPolicy window = identity("spring-2020", """
                {'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'ecr:*','Resource':'*',
                  'Condition':{'DateGreaterThan':{'aws:CurrentTime':'2020-04-01T00:00:00Z'},
                               'DateLessThan':{'aws:CurrentTime':'2020-06-30T23:59:59Z'}}}]}
                """);
        RequestContext push = request(ALICE, "ecr:PutImage", repo("app"));
        assertEquals(Outcome.ALLOW, decide(push, identityOnly(window)), "the evaluator's clock says May 2020");
        assertEquals(Outcome.IMPLICIT_DENY, decide(push.with("aws:CurrentTime", "2020-07-01T00:00:00Z"),
                identityOnly(window)));
        assertEquals(Outcome.IMPLICIT_DENY, new PolicyEvaluator(Clock.fixed(Instant.parse("2021-01-01T00:00:00Z"),
                ZoneOffset.UTC)).evaluate(push, identityOnly(window)).outcome());
    }

    @Test
    void secureTransportDenyBlocksPlainHttp() {
        NamedPolicy tlsOnly = identity("tls-only", """
                {'Version':'2012-10-17','Statement':[{'Sid':'DenyInsecureTransport','Effect':'Deny','Action':'ecr:*',
                  'Resource':'*','Condition':{'Bool':{'aws:SecureTransport':'false'}}}]}
                """);
        RequestContext pull = request(ALICE, "ecr:BatchGetImage", repo("app"));
        assertEquals(Outcome.EXPLICIT_DENY, decide(pull.with("aws:SecureTransport", "false"),
                identityOnly(FULL_ACCESS, tlsOnly)));
        assertEquals(Outcome.ALLOW, decide(pull.with("aws:SecureTransport", "true"),
                identityOnly(FULL_ACCESS, tlsOnly)));
    }
}
