package io.berth.server.aws.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.auth.identity.AccessKeys;
import io.berth.auth.identity.Account;
import io.berth.auth.identity.Identities;
import io.berth.auth.identity.IdentityDirectory;
import io.berth.auth.identity.PolicyValidator;
import io.berth.auth.identity.Records.AccessKey;
import io.berth.auth.identity.Records.KeyOwner;
import io.berth.auth.identity.Records.Role;
import io.berth.auth.identity.Records.User;
import io.berth.auth.policy.MalformedPolicyDocumentException;
import io.berth.auth.policy.ManagedPolicies;
import io.berth.auth.policy.ManagedPolicy;
import io.berth.auth.policy.RequestPrincipal;
import io.berth.server.aws.AwsCall;
import io.berth.server.aws.AwsError;
import io.berth.server.aws.AwsReply;
import io.berth.server.aws.AwsService;
import io.berth.server.http.ErrorMapper;
import io.berth.server.aws.query.XmlDoc;
import io.berth.storage.kv.InMemoryKeyValueStore;
import io.berth.storage.kv.RecordCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The identity store and callers the IAM and STS service tests run against: an in-memory store, a fixed clock,
 * a table-driven authorizer, and a policy validator that accepts every document except those containing
 * {@code MALFORMED}. Calls go straight to a service, without HTTP; failures are mapped and rendered the way the
 * dispatcher does it ({@link ErrorMapper}, then the service's {@code render}).
 */
public final class AwsFixture {
    public static final String ACCOUNT_ID = "123456789012";
    public static final Instant NOW = Instant.parse("2026-11-22T04:00:00Z");
    public static final String REQUEST_ID = "c2d5e0f1-0000-4000-8000-000000000001";
    public static final String MALFORMED = "MALFORMED";

    /** Who calls: the principal and the access key that signed the call. */
    public record Caller(RequestPrincipal principal, AccessKey key) {
    }

    public final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    public final Account account = new Account(ACCOUNT_ID, "us-east-1");
    public final ManagedPolicies managed = ManagedPolicies.load();
    public final IdentityDirectory directory;
    public final AccessKeys keys;
    public final Identities identities;
    public final TableAuthorizer authorizer = new TableAuthorizer();

    public AwsFixture() {
        InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
        RecordCodec codec = new RecordCodec();
        directory = new IdentityDirectory(kv, codec, account, clock, acceptingValidator(), awsManagedDocuments());
        keys = new AccessKeys(kv, codec, clock);
        identities = new Identities(directory, keys);
    }

    public Caller root() {
        AccessKey key = new AccessKey("AKIAROOTROOTROOT0000", "root-secret-0123456789", KeyOwner.ROOT, "", null,
                null, true, NOW.minusSeconds(86_400).toEpochMilli(), null);
        return new Caller(RequestPrincipal.accountRoot(ACCOUNT_ID), key);
    }

    /** An existing user, signing with a key that is not stored (so the user's two key slots stay free). */
    public Caller user(String name) {
        User user = directory.user(name);
        AccessKey key = new AccessKey("AKIATESTUSER" + Math.abs(name.hashCode() % 10_000_000), "user-secret",
                KeyOwner.USER, name, null, null, true, NOW.toEpochMilli(), null);
        return new Caller(RequestPrincipal.iamUser(ACCOUNT_ID, user.path(), user.name(), user.userId(),
                user.tags()), key);
    }

    public Caller session(String roleName, String sessionName) {
        Role role = directory.role(roleName);
        AccessKey key = new AccessKey("ASIATESTSESSION00000", "session-secret", KeyOwner.ROLE_SESSION, roleName,
                sessionName, "token", true, NOW.toEpochMilli(), NOW.plusSeconds(3600).toEpochMilli());
        return new Caller(RequestPrincipal.assumedRole(ACCOUNT_ID, role.path(), role.name(), role.roleId(),
                sessionName, role.tags()), key);
    }

    public AwsCall call(Caller caller, String service, String body) {
        return new AwsCall(caller.principal(), caller.key(), service, "us-east-1", null,
                "application/x-www-form-urlencoded; charset=utf-8", body.getBytes(StandardCharsets.UTF_8),
                "http://127.0.0.1:5000", Map.of("aws:SourceIp", List.of("127.0.0.1"),
                "aws:SecureTransport", List.of("false")), REQUEST_ID);
    }

    /** Calls the service and expects success: 200, {@code <ActionResponse>} in the service's namespace. */
    public XmlDoc ok(AwsService service, Caller caller, String body) {
        AwsReply reply = service.handle(call(caller, service.name(), body));
        assertEquals(200, reply.status());
        XmlDoc xml = XmlDoc.of(reply);
        String action = body.substring("Action=".length()).split("&")[0];
        assertEquals(action + "Response", xml.rootName());
        assertEquals(namespaceOf(service), xml.namespace());
        return xml;
    }

    /** Calls the service and expects a failure, rendered as the dispatcher would: an {@code <ErrorResponse>}. */
    public XmlDoc fail(AwsService service, Caller caller, String body) {
        AwsReply reply;
        try {
            reply = service.handle(call(caller, service.name(), body));
        } catch (RuntimeException failure) {
            AwsError error = ErrorMapper.toAwsError(failure);
            if (error.status() >= 500) {
                throw new AssertionError("unmapped failure", failure);
            }
            XmlDoc xml = XmlDoc.of(service.render(error, REQUEST_ID));
            assertEquals("ErrorResponse", xml.rootName());
            assertEquals(namespaceOf(service), xml.namespace());
            assertEquals(REQUEST_ID, xml.text("RequestId"));
            return xml;
        }
        throw new AssertionError("expected a failure, got " + new String(reply.body(), StandardCharsets.UTF_8));
    }

    /** A form body: {@code form("Action", "CreateUser", "UserName", "a b")}, values URL-encoded. */
    public static String form(String... namesAndValues) {
        StringJoiner body = new StringJoiner("&");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.add(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    private static String namespaceOf(AwsService service) {
        return switch (service.name()) {
            case "iam" -> "https://iam.amazonaws.com/doc/2010-05-08/";
            case "sts" -> "https://sts.amazonaws.com/doc/2011-06-15/";
            default -> throw new AssertionError("no Query namespace for " + service.name());
        };
    }

    private static PolicyValidator acceptingValidator() {
        return new PolicyValidator() {
            @Override
            public void validateIdentityPolicy(String document) {
                check(document);
            }

            @Override
            public void validateTrustPolicy(String document) {
                check(document);
            }

            private void check(String document) {
                if (document.contains(MALFORMED)) {
                    throw new MalformedPolicyDocumentException("Syntax errors in policy.", "marked malformed");
                }
            }
        };
    }

    /** The bundled AWS managed policies' documents by ARN, as the directory needs them. */
    private Map<String, String> awsManagedDocuments() {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> documents = new LinkedHashMap<>();
        for (ManagedPolicy policy : managed.all()) {
            String resource = "/io/berth/auth/policy/managed/" + policy.name() + ".json";
            try (InputStream in = ManagedPolicies.class.getResourceAsStream(resource)) {
                JsonNode entry = json.readTree(in);
                documents.put(policy.arn(), json.writeValueAsString(entry.get("Document")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return documents;
    }
}
