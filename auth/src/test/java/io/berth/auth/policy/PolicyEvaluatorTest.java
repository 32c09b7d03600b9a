package io.berth.auth.policy;

import static io.berth.auth.policy.Fixtures.ACCOUNT;
import static io.berth.auth.policy.Fixtures.ALICE;
import static io.berth.auth.policy.Fixtures.BOB;
import static io.berth.auth.policy.Fixtures.DEPLOYER;
import static io.berth.auth.policy.Fixtures.ROOT;
import static io.berth.auth.policy.Fixtures.STRANGER;
import static io.berth.auth.policy.Fixtures.identity;
import static io.berth.auth.policy.Fixtures.identityOnly;
import static io.berth.auth.policy.Fixtures.repo;
import static io.berth.auth.policy.Fixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.auth.policy.Decision.Outcome;
import io.berth.auth.policy.StatementRef.Source;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyEvaluatorTest {
    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator(
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    private static final NamedPolicy PUSH_ALL = identity("push-all", "{'Version':'2012-10-17','Statement':"
            + "[{'Sid':'Push','Effect':'Allow','Action':['ecr:PutImage','ecr:BatchGetImage'],'Resource':'*'}]}");
    private static final NamedPolicy DENY_PUSH = identity("deny-push", "{'Version':'2012-10-17','Statement':"
            + "[{'Sid':'NoPush','Effect':'Deny','Action':'ecr:PutImage','Resource':'*'}]}");

    private static Decision evaluate(RequestPrincipal principal, String action, PolicySet policies) {
        return EVALUATOR.evaluate(RequestContext.of(principal, action, repo("app")), policies);
    }

    @Test
    void nothingAllowsByDefault() {
        RequestContext request = RequestContext.of(ALICE, "ecr:PutImage", repo("app"));
        Decision decision = EVALUATOR.evaluate(request, identityOnly());
        assertEquals(new Decision(Outcome.IMPLICIT_DENY, List.of(),
                "no identity-based policy allows the ecr:PutImage action"), decision);
        assertEquals("User: arn:aws:iam::123456789012:user/alice is not authorized to perform: ecr:PutImage on "
                + "resource: arn:aws:ecr:us-east-1:123456789012:repository/app because no identity-based policy "
                + "allows the ecr:PutImage action", decision.accessDeniedMessage(request));
    }

    @Test
    void anAllowNamesItsStatements() {
        Decision decision = evaluate(ALICE, "ecr:PutImage", identityOnly(PUSH_ALL));
        assertEquals(Outcome.ALLOW, decision.outcome());
        assertEquals(List.of(new StatementRef("push-all", Source.IDENTITY_POLICY, Optional.of("Push"), 0)),
                decision.statements());
        assertEquals("allowed by an identity-based policy", decision.reason());
        assertEquals("push-all#Push", decision.statements().get(0).toString());
        assertThrows(IllegalStateException.class,
                () -> decision.accessDeniedMessage(RequestContext.of(ALICE, "ecr:PutImage", repo("app"))));
    }

    @Test
    void anExplicitDenyWinsWhateverAllows() {
        NamedPolicy repositoryAllow = resource("repository policy", "{'Version':'2012-10-17','Statement':"
                + "[{'Effect':'Allow','Principal':{'AWS':'123456789012'},'Action':'ecr:*'}]}");
        RequestContext request = RequestContext.of(ALICE, "ecr:PutImage", repo("app"));
        Decision decision = EVALUATOR.evaluate(request,
                identityOnly(PUSH_ALL, DENY_PUSH).withRepositoryPolicy(repositoryAllow));
        assertEquals(Outcome.EXPLICIT_DENY, decision.outcome());
        assertEquals(List.of(new StatementRef("deny-push", Source.IDENTITY_POLICY, Optional.of("NoPush"), 0)),
                decision.statements(), "only the denying statements decide an explicit deny");
        assertEquals("User: arn:aws:iam::123456789012:user/alice is not authorized to perform: ecr:PutImage on "
                + "resource: arn:aws:ecr:us-east-1:123456789012:repository/app with an explicit deny in an "
                + "identity-based policy", decision.accessDeniedMessage(request));
    }

    @Test
    void aResourcePolicyDenyOverridesAnIdentityAllow() {
        NamedPolicy repositoryDeny = resource("repository policy", "{'Version':'2012-10-17','Statement':["
                + "{'Sid':'A','Effect':'Deny','Principal':'*','Action':'ecr:PutImage'},"
                + "{'Effect':'Deny','Principal':{'AWS':'arn:aws:iam::123456789012:user/alice'},'Action':'ecr:Put*'}]}");
        Decision decision = evaluate(ALICE, "ecr:PutImage",
                identityOnly(PUSH_ALL).withRepositoryPolicy(repositoryDeny));
        assertEquals(Outcome.EXPLICIT_DENY, decision.outcome());
        assertEquals("explicit deny in a resource-based policy", decision.reason());
        assertEquals(List.of("repository policy#A", "repository policy#statement[1]"),
                decision.statements().stream().map(StatementRef::toString).toList());
    }

    @Test
    void policiesOfAUserAndItsGroupsAddUp() {
        NamedPolicy inline = identity("inline", "{'Version':'2012-10-17','Statement':{'Effect':'Allow',"
                + "'Action':'ecr:PutImage','Resource':'*'}}");
        NamedPolicy group = identity("group:developers", "{'Version':'2012-10-17','Statement':{'Effect':'Allow',"
                + "'Action':'ecr:BatchGetImage','Resource':'*'}}");
        PolicySet policies = identityOnly(inline, group);
        assertEquals(Outcome.ALLOW, evaluate(ALICE, "ecr:PutImage", policies).outcome());
        assertEquals(Outcome.ALLOW, evaluate(ALICE, "ecr:BatchGetImage", policies).outcome());
        assertEquals(Outcome.IMPLICIT_DENY, evaluate(ALICE, "ecr:ListImages", policies).outcome());
    }

    @Test
    void withinAnAccountEitherSideSufficesAndBothAreReported() {
        NamedPolicy repositoryAllow = resource("repository policy", "{'Version':'2012-10-17','Statement':"
                + "[{'Sid':'Team','Effect':'Allow','Principal':{'AWS':'arn:aws:iam::123456789012:user/dev/bob'},"
                + "'Action':'ecr:PutImage'}]}");
        Decision resourceOnly = evaluate(BOB, "ecr:PutImage", identityOnly().withRepositoryPolicy(repositoryAllow));
        assertEquals(Outcome.ALLOW, resourceOnly.outcome());
        assertEquals("allowed by a resource-based policy", resourceOnly.reason());
        assertEquals(Source.REPOSITORY_POLICY, resourceOnly.statements().get(0).source());

        Decision both = evaluate(BOB, "ecr:PutImage", identityOnly(PUSH_ALL).withRepositoryPolicy(repositoryAllow));
        assertEquals("allowed by identity-based and resource-based policies", both.reason());
        assertEquals(2, both.statements().size());
    }

    static Stream<Object[]> principalMatching() {
        String user = "arn:aws:iam::123456789012:user/alice";
        String role = "arn:aws:iam::123456789012:role/ci/deployer";
        String session = "arn:aws:sts::123456789012:assumed-role/deployer/build-42";
        return Stream.of(
                new Object[] {"'*'", ALICE, Outcome.ALLOW},
                new Object[] {"{'AWS':'*'}", DEPLOYER, Outcome.ALLOW},
                new Object[] {"{'AWS':'123456789012'}", ALICE, Outcome.ALLOW},
                new Object[] {"{'AWS':'arn:aws:iam::123456789012:root'}", DEPLOYER, Outcome.ALLOW},
                new Object[] {"{'AWS':'arn:aws:iam::123456789012:root'}", ROOT, Outcome.ALLOW},
                new Object[] {"{'AWS':'" + user + "'}", ALICE, Outcome.ALLOW},
                new Object[] {"{'AWS':'" + user + "'}", BOB, Outcome.IMPLICIT_DENY},
                new Object[] {"{'AWS':'" + role + "'}", DEPLOYER, Outcome.ALLOW},
                new Object[] {"{'AWS':'arn:aws:iam::123456789012:role/deployer'}", DEPLOYER, Outcome.IMPLICIT_DENY},
                new Object[] {"{'AWS':'" + session + "'}", DEPLOYER, Outcome.ALLOW},
                new Object[] {"{'AWS':'arn:aws:sts::123456789012:assumed-role/deployer/build-43'}", DEPLOYER,
                        Outcome.IMPLICIT_DENY},
                new Object[] {"{'AWS':['444455556666','" + user + "']}", ALICE, Outcome.ALLOW},
                new Object[] {"{'AWS':'444455556666'}", ALICE, Outcome.IMPLICIT_DENY},
                new Object[] {"{'Service':'codebuild.amazonaws.com'}", ALICE, Outcome.IMPLICIT_DENY},
                new Object[] {"{'Service':'codebuild.amazonaws.com'}",
                        RequestPrincipal.service("codebuild.amazonaws.com"), Outcome.ALLOW},
                new Object[] {"{'AWS':'123456789012'}", RequestPrincipal.service("codebuild.amazonaws.com"),
                        Outcome.IMPLICIT_DENY});
    }

    @ParameterizedTest(name = "Principal {0} vs {1}")
    @MethodSource("principalMatching")
    void repositoryPolicyPrincipals(String principal, RequestPrincipal caller, Outcome expected) {
        NamedPolicy policy = resource("repository policy", "{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
                + "'Principal':" + principal + ",'Action':'ecr:BatchGetImage'}]}");
        assertEquals(expected, evaluate(caller, "ecr:BatchGetImage", identityOnly().withRepositoryPolicy(policy))
                .outcome());
    }

    static Stream<Object[]> notPrincipal() {
        String alice = "arn:aws:iam::123456789012:user/alice";
        String role = "arn:aws:iam::123456789012:role/ci/deployer";
        String session = "arn:aws:sts::123456789012:assumed-role/deployer/build-42";
        return Stream.of(
                new Object[] {"['123456789012','" + alice + "']", ALICE, Outcome.ALLOW},
                new Object[] {"['123456789012','" + alice + "']", BOB, Outcome.EXPLICIT_DENY},
                new Object[] {"'" + alice + "'", ALICE, Outcome.EXPLICIT_DENY},
                new Object[] {"['arn:aws:iam::123456789012:root','" + role + "']", DEPLOYER, Outcome.EXPLICIT_DENY},
                new Object[] {"['arn:aws:iam::123456789012:root','" + role + "','" + session + "']", DEPLOYER,
                        Outcome.ALLOW},
                new Object[] {"'123456789012'", ROOT, Outcome.ALLOW},
                new Object[] {"'*'", BOB, Outcome.ALLOW});
    }

    @ParameterizedTest(name = "Deny NotPrincipal {0} vs {1}")
    @MethodSource("notPrincipal")
    void notPrincipalExemptsOnlyCallersListedWithTheirAccount(String listed, RequestPrincipal caller,
            Outcome expected) {
        NamedPolicy policy = resource("repository policy", "{'Version':'2012-10-17','Statement':[{'Effect':'Deny',"
                + "'NotPrincipal':{'AWS':" + listed + "},'Action':'ecr:PutImage'}]}");
        assertEquals(expected, evaluate(caller, "ecr:PutImage", identityOnly(PUSH_ALL).withRepositoryPolicy(policy))
                .outcome());
    }

    @Test
    void theRootUserHasFullAccessToItsOwnAccountUnlessDenied() {
        Decision decision = evaluate(ROOT, "ecr:DeleteRepository", identityOnly());
        assertEquals(Outcome.ALLOW, decision.outcome());
        assertEquals("the account root user has full access to its own account", decision.reason());

        NamedPolicy denyAll = resource("repository policy", "{'Version':'2012-10-17','Statement':[{'Effect':'Deny',"
                + "'Principal':'*','Action':'ecr:DeleteRepository'}]}");
        assertEquals(Outcome.EXPLICIT_DENY, evaluate(ROOT, "ecr:DeleteRepository",
                identityOnly().withRepositoryPolicy(denyAll)).outcome());
        assertEquals(Outcome.IMPLICIT_DENY, EVALUATOR.evaluate(RequestContext.of(RequestPrincipal.accountRoot(
                Fixtures.OTHER_ACCOUNT), "ecr:PutImage", repo("app")), identityOnly()).outcome(),
                "another account's root user needs the repository policy");
    }

    @Test
    void registryPolicyGrantsReplicationToAnotherAccount() {
        NamedPolicy registry = resource("registry policy", """
                {'Version':'2012-10-17','Statement':[{'Sid':'ReplicationAccessCrossAccount','Effect':'Allow',
                  'Principal':{'AWS':'arn:aws:iam::444455556666:root'},
                  'Action':['ecr:CreateRepository','ecr:ReplicateImage'],
                  'Resource':['arn:aws:ecr:us-east-1:123456789012:repository/*']}]}
                """);
        NamedPolicy carolsOwn = identity("replicator", "{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
                + "'Action':'ecr:ReplicateImage','Resource':'*'}]}");
        Decision decision = evaluate(STRANGER, "ecr:ReplicateImage",
                identityOnly(carolsOwn).withRegistryPolicy(registry));
        assertEquals(Outcome.ALLOW, decision.outcome());
        assertEquals(List.of(Source.IDENTITY_POLICY, Source.REGISTRY_POLICY),
                decision.statements().stream().map(StatementRef::source).toList());
        assertEquals(Outcome.IMPLICIT_DENY, EVALUATOR.evaluate(RequestContext.of(STRANGER, "ecr:ReplicateImage",
                "arn:aws:ecr:us-west-2:123456789012:repository/app"),
                identityOnly(carolsOwn).withRegistryPolicy(registry)).outcome(), "wrong region in the resource");
    }

    @Test
    void contextKeysAreCaseInsensitive() {
        NamedPolicy fromOffice = identity("office", "{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
                + "'Action':'ecr:*','Resource':'*','Condition':{'IpAddress':{'aws:SourceIp':'192.0.2.0/24'},"
                + "'StringEquals':{'AWS:PrincipalTag/Team':'platform'}}}]}");
        RequestContext request = RequestContext.of(ALICE, "ecr:PutImage", repo("app")).with("AWS:SOURCEIP",
                "192.0.2.10");
        assertEquals(Outcome.ALLOW, EVALUATOR.evaluate(request, identityOnly(fromOffice)).outcome());
        assertEquals(List.of("192.0.2.10"), request.values("aws:SourceIp"));
    }

    @Test
    void variableValuesNeverActAsWildcards() {
        RequestPrincipal starTeam = RequestPrincipal.iamUser(ACCOUNT, "/", "eve", "AIDAEVE", Map.of("team", "*"));
        NamedPolicy teamRepos = identity("team-repos", "{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
                + "'Action':'ecr:*','Resource':'arn:aws:ecr:*:*:repository/${aws:PrincipalTag/team}/*'}]}");
        assertEquals(Outcome.IMPLICIT_DENY, EVALUATOR.evaluate(RequestContext.of(starTeam, "ecr:PutImage",
                repo("platform/app")), identityOnly(teamRepos)).outcome());
        assertEquals(Outcome.ALLOW, EVALUATOR.evaluate(RequestContext.of(ALICE, "ecr:PutImage",
                repo("platform/app")), identityOnly(teamRepos)).outcome());
    }

    @Test
    void registryLevelActionsUseTheStarResource() {
        NamedPolicy repositoryScoped = identity("scoped", "{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
                + "'Action':'ecr:*','Resource':'arn:aws:ecr:*:123456789012:repository/*'}]}");
        assertEquals(Outcome.IMPLICIT_DENY, EVALUATOR.evaluate(RequestContext.of(ALICE,
                "ecr:GetAuthorizationToken", "*"), identityOnly(repositoryScoped)).outcome());
        assertEquals(Outcome.ALLOW, EVALUATOR.evaluate(RequestContext.of(ALICE, "ecr:GetAuthorizationToken", "*"),
                identityOnly(PUSH_ALL, identity("login", "{'Version':'2012-10-17','Statement':{'Effect':'Allow',"
                        + "'Action':'ecr:GetAuthorizationToken','Resource':'*'}}"))).outcome());
    }

    @Test
    void policySetKeepsEachKindInItsPlace() {
        NamedPolicy resourcePolicy = resource("repository policy", "{'Version':'2012-10-17','Statement':"
                + "[{'Effect':'Allow','Principal':'*','Action':'ecr:*'}]}");
        assertThrows(IllegalArgumentException.class, () -> identityOnly(resourcePolicy));
        assertThrows(IllegalArgumentException.class, () -> identityOnly().withRepositoryPolicy(PUSH_ALL));
        assertThrows(IllegalArgumentException.class, () -> identityOnly().withRegistryPolicy(PUSH_ALL));
    }

    @Test
    void theClockFillsCurrentTimeAndEpochTime() {
        RequestContext timed = RequestContext.of(ALICE, "ecr:PutImage", repo("app"))
                .withTime(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        assertEquals(List.of("2026-01-01T00:00:00Z"), timed.values("aws:CurrentTime"));
        assertEquals(List.of("1767225600"), timed.values("aws:EpochTime"));
        assertEquals(List.of("2020-01-01T00:00:00Z"), timed.with("aws:CurrentTime", "2020-01-01T00:00:00Z")
                .withTime(Clock.systemUTC()).values("aws:CurrentTime"));
    }

    @Test
    void principalKeysAreDerived() {
        RequestContext request = RequestContext.of(DEPLOYER, "ecr:PutImage", repo("app"));
        assertEquals(List.of("arn:aws:iam::123456789012:role/ci/deployer"), request.values("aws:PrincipalArn"));
        assertEquals(List.of("AssumedRole"), request.values("aws:PrincipalType"));
        assertEquals(List.of(ACCOUNT), request.values("aws:PrincipalAccount"));
        assertEquals(List.of("platform"), request.values("aws:PrincipalTag/team"));
        assertEquals(List.of(), request.values("aws:username"));
        assertEquals(Optional.of(ACCOUNT), request.resourceAccount());
        assertEquals(Optional.empty(), request.withResource("*").resourceAccount());
    }

    @Test
    void givenKeysComeBeforeDerivedOnesWhateverTheirCase() {
        Map<String, List<String>> given = new HashMap<>(Map.of(
                "AWS:PrincipalArn", List.of("arn:aws:iam::123456789012:user/someone-else"),
                "aws:SourceIp", List.of("10.0.0.1")));
        RequestContext request = new RequestContext(DEPLOYER, "ecr:PutImage", repo("app"), given);
        given.put("aws:SourceIp", List.of("192.0.2.1")); // a later change to the caller's map changes nothing
        assertEquals(List.of("arn:aws:iam::123456789012:user/someone-else"), request.values("aws:principalarn"));
        assertEquals(List.of("10.0.0.1"), request.values("AWS:SOURCEIP"));
        assertEquals(List.of("AssumedRole"), request.values("aws:PrincipalType"));
        assertEquals(List.of("platform"), request.values("AWS:PRINCIPALTAG/TEAM"));
        assertEquals(List.of(), request.values("aws:PrincipalTag/missing"));
        assertEquals(List.of(), request.values("aws:CurrentTime"), "no time before the evaluator sets it");
        assertEquals(Map.of("aws:principalarn", List.of("arn:aws:iam::123456789012:user/someone-else"),
                "aws:sourceip", List.of("10.0.0.1")), request.contextKeys());
    }

    @Test
    void anImmutableLowerCaseContextIsKeptAsItIs() {
        Map<String, List<String>> given = Map.of("aws:sourceip", List.of("10.0.0.1"),
                "aws:securetransport", List.of("false"));
        assertSame(given, new RequestContext(ALICE, "ecr:BatchGetImage", repo("app"), given).contextKeys());
        Map<String, List<String>> mixed = Map.of("aws:SourceIp", List.of("10.0.0.1"));
        assertEquals(Map.of("aws:sourceip", List.of("10.0.0.1")),
                new RequestContext(ALICE, "ecr:BatchGetImage", repo("app"), mixed).contextKeys());
    }

    @Test
    void theResourceAccountIsTheFifthFieldOfAnArn() {
        RequestContext request = RequestContext.of(ALICE, "ecr:PutImage", "*");
        for (String resource : List.of("arn:aws:ecr:r:123:repository/a:b", "arn:aws:ecr:r:123:", "arn:aws:s3:::123:",
                "arn:aws:s3:::bucket", "arn:aws:iam::123:role/x", "arn:aws:ecr:r:123", "arn:aws:ecr:r::x", "", ":::::",
                "a:b:c:d:e:f:g")) {
            String[] fields = resource.split(":", 6);
            Optional<String> expected = fields.length == 6 && !fields[4].isEmpty() ? Optional.of(fields[4])
                    : Optional.empty();
            assertEquals(expected, request.withResource(resource).resourceAccount(), resource);
        }
        assertEquals(Optional.of("123"), request.withResource("arn:aws:iam::123:role/x").resourceAccount());
    }
}
