package io.berth.server.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.auth.identity.Account;
import io.berth.auth.identity.RegistryPolicy;
import io.berth.auth.policy.MalformedPolicyDocumentException;
import io.berth.auth.policy.PolicyDocument;
import io.berth.server.access.Authorizer;
import io.berth.server.access.PolicySimulator;
import io.berth.server.aws.AwsCall;
import io.berth.server.aws.AwsError;
import io.berth.server.aws.AwsReply;
import io.berth.server.aws.AwsService;
import io.berth.storage.error.NameInvalidException;
import io.berth.storage.meta.RepositoryRecord;
import io.berth.storage.meta.RepositoryStore;
import io.berth.storage.model.RepositoryName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The ECR API (AWS JSON 1.1, {@code X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Action>}): login tokens,
 * repository policies and the registry policy. Each action is authorized as ECR does before it runs.
 */
public final class EcrService implements AwsService {
    private static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    /** Berth's own actions beside ECR's, in a target namespace of their own. */
    public static final String BERTH_TARGET_PREFIX = "BerthRegistry_20261122.";
    /** Pull credentials last 30 days unless asked otherwise, a year at most. */
    private static final int DEFAULT_PULL_DAYS = 30;
    private static final int MAX_PULL_DAYS = 366;
    /** ECR's limit on a repository policy's text. */
    private static final int MAX_POLICY_CHARS = 10_240;

    private final ObjectMapper json = new ObjectMapper();
    private final Account account;
    private final Authorizer authorizer;
    private final LoginPasswords passwords;
    private final RepositoryStore repositories;
    private final RegistryPolicy registryPolicy;
    private final PolicySimulator simulator;

    public EcrService(Account account, Authorizer authorizer, LoginPasswords passwords, RepositoryStore repositories,
                      RegistryPolicy registryPolicy, PolicySimulator simulator) {
        this.simulator = simulator;
        this.account = account;
        this.authorizer = authorizer;
        this.passwords = passwords;
        this.repositories = repositories;
        this.registryPolicy = registryPolicy;
    }

    @Override
    public String name() {
        return "ecr";
    }

    @Override
    public AwsReply handle(AwsCall call) {
        String target = call.target() == null ? "" : call.target();
        if (target.equals(BERTH_TARGET_PREFIX + "CreatePullCredential")) {
            return AwsReply.json(createPullCredential(call, parse(call.body())).toString());
        }
        if (target.equals(BERTH_TARGET_PREFIX + "SimulatePolicy")) {
            return AwsReply.json(simulatePolicy(call, parse(call.body())).toString());
        }
        if (!target.startsWith(TARGET_PREFIX)) {
            throw EcrException.unknownOperation(target);
        }
        String action = target.substring(TARGET_PREFIX.length());
        JsonNode input = parse(call.body());
        ObjectNode output = switch (action) {
            case "GetAuthorizationToken" -> getAuthorizationToken(call);
            case "SetRepositoryPolicy" -> setRepositoryPolicy(call, input);
            case "GetRepositoryPolicy" -> getRepositoryPolicy(call, input);
            case "DeleteRepositoryPolicy" -> deleteRepositoryPolicy(call, input);
            case "PutRegistryPolicy" -> putRegistryPolicy(call, input);
            case "GetRegistryPolicy" -> getRegistryPolicy(call);
            case "DeleteRegistryPolicy" -> deleteRegistryPolicy(call);
            default -> throw EcrException.unknownOperation(target);
        };
        return AwsReply.json(output.toString());
    }

    private ObjectNode getAuthorizationToken(AwsCall call) {
        authorizer.authorize(call.caller(), "ecr:GetAuthorizationToken", "*", call.context());
        LoginPasswords.Issued issued = passwords.issue(call.caller(), call.key());
        String token = Base64.getEncoder().encodeToString(("AWS:" + issued.password()).getBytes(StandardCharsets.UTF_8));
        ObjectNode data = json.createObjectNode()
                .put("authorizationToken", token)
                .put("expiresAt", issued.expiresAt().getEpochSecond())
                .put("proxyEndpoint", call.endpoint());
        ObjectNode output = json.createObjectNode();
        ArrayNode list = output.putArray("authorizationData");
        list.add(data);
        return output;
    }

    /**
     * A long-lived, pull-only login for cluster nodes (kind, k3s, minikube): limited to the repositories given
     * (glob patterns), valid for {@code days} (1..366), revoked with the caller's access key.
     */
    private ObjectNode createPullCredential(AwsCall call, JsonNode input) {
        authorizer.authorize(call.caller(), "ecr:GetAuthorizationToken", "*", call.context());
        JsonNode repositoriesInput = input.get("repositories");
        if (repositoriesInput == null || !repositoriesInput.isArray() || repositoriesInput.isEmpty()) {
            throw EcrException.invalidParameter("repositories must list at least one repository name or pattern");
        }
        java.util.List<String> patterns = new java.util.ArrayList<>();
        repositoriesInput.forEach(pattern -> patterns.add(pattern.asText()));
        int days = input.path("days").asInt(DEFAULT_PULL_DAYS);
        if (days < 1 || days > MAX_PULL_DAYS) {
            throw EcrException.invalidParameter("days must be between 1 and " + MAX_PULL_DAYS);
        }
        LoginPasswords.Issued issued;
        try {
            issued = passwords.issuePullOnly(call.caller(), call.key(), patterns, java.time.Duration.ofDays(days));
        } catch (IllegalArgumentException e) {
            throw EcrException.invalidParameter(e.getMessage());
        }
        ObjectNode output = json.createObjectNode().put("username", "AWS").put("password", issued.password())
                .put("expiresAt", issued.expiresAt().getEpochSecond()).put("proxyEndpoint", call.endpoint());
        output.putArray("repositories").addAll(patterns.stream().map(json.getNodeFactory()::textNode).toList());
        return output;
    }

    /**
     * Explains a decision: for a principal, action, resource and context, the outcome and the statements that
     * decided it. Needs {@code iam:SimulatePrincipalPolicy}, as IAM's own simulator does.
     */
    private ObjectNode simulatePolicy(AwsCall call, JsonNode input) {
        String principal = requiredText(input, "principalArn");
        authorizer.authorize(call.caller(), "iam:SimulatePrincipalPolicy", principal, call.context());
        java.util.Map<String, java.util.List<String>> context = new java.util.LinkedHashMap<>();
        input.path("context").properties().forEach(entry -> {
            java.util.List<String> values = new java.util.ArrayList<>();
            if (entry.getValue().isArray()) {
                entry.getValue().forEach(value -> values.add(value.asText()));
            } else {
                values.add(entry.getValue().asText());
            }
            context.put(entry.getKey(), values);
        });
        PolicySimulator.Result result = simulator.simulate(principal, requiredText(input, "action"),
                input.path("resource").asText("*"), context);
        ObjectNode output = json.createObjectNode()
                .put("principalArn", result.principalArn()).put("action", result.action())
                .put("resource", result.resource()).put("decision", result.decision().name())
                .put("reason", result.reason());
        ArrayNode statements = output.putArray("matchedStatements");
        result.statements().forEach(statement -> statements.addObject()
                .put("policy", statement.policyName()).put("source", statement.source().name())
                .put("sid", statement.sid().orElse("")).put("index", statement.index()));
        return output;
    }

    private ObjectNode setRepositoryPolicy(AwsCall call, JsonNode input) {
        RepositoryRecord repository = repository(input);
        authorizer.authorize(call.caller(), "ecr:SetRepositoryPolicy", arnOf(repository), call.context());
        String text = requiredText(input, "policyText");
        if (text.length() > MAX_POLICY_CHARS) {
            throw EcrException.invalidParameter("Invalid parameter at 'PolicyText' failed to satisfy constraint: "
                    + "'Member must have length less than or equal to " + MAX_POLICY_CHARS + "'");
        }
        try {
            PolicyDocument.parseResource(text);
        } catch (MalformedPolicyDocumentException e) {
            throw EcrException.invalidParameter("Invalid parameter at 'PolicyText' failed to satisfy constraint: "
                    + "'Invalid repository policy provided': " + e.getMessage());
        }
        repositories.setPolicy(RepositoryName.of(repository.name()), text);
        return repositoryPolicyOutput(repository.name(), text);
    }

    private ObjectNode getRepositoryPolicy(AwsCall call, JsonNode input) {
        RepositoryRecord repository = repository(input);
        authorizer.authorize(call.caller(), "ecr:GetRepositoryPolicy", arnOf(repository), call.context());
        if (repository.policy() == null) {
            throw EcrException.repositoryPolicyNotFound(repository.name(), account.accountId());
        }
        return repositoryPolicyOutput(repository.name(), repository.policy());
    }

    private ObjectNode deleteRepositoryPolicy(AwsCall call, JsonNode input) {
        RepositoryRecord repository = repository(input);
        authorizer.authorize(call.caller(), "ecr:DeleteRepositoryPolicy", arnOf(repository), call.context());
        if (repository.policy() == null) {
            throw EcrException.repositoryPolicyNotFound(repository.name(), account.accountId());
        }
        repositories.setPolicy(RepositoryName.of(repository.name()), null);
        return repositoryPolicyOutput(repository.name(), repository.policy());
    }

    private ObjectNode putRegistryPolicy(AwsCall call, JsonNode input) {
        authorizer.authorize(call.caller(), "ecr:PutRegistryPolicy", "*", call.context());
        String text = requiredText(input, "policyText");
        try {
            PolicyDocument.parseResource(text);
        } catch (MalformedPolicyDocumentException e) {
            throw EcrException.invalidParameter("Invalid parameter at 'PolicyText' failed to satisfy constraint: "
                    + "'Invalid registry policy provided': " + e.getMessage());
        }
        registryPolicy.put(text);
        return json.createObjectNode().put("registryId", account.accountId()).put("policyText", text);
    }

    private ObjectNode getRegistryPolicy(AwsCall call) {
        authorizer.authorize(call.caller(), "ecr:GetRegistryPolicy", "*", call.context());
        String text = registryPolicy.get().orElseThrow(() -> EcrException.registryPolicyNotFound(account.accountId()));
        return json.createObjectNode().put("registryId", account.accountId()).put("policyText", text);
    }

    private ObjectNode deleteRegistryPolicy(AwsCall call) {
        authorizer.authorize(call.caller(), "ecr:DeleteRegistryPolicy", "*", call.context());
        String text = registryPolicy.get().orElseThrow(() -> EcrException.registryPolicyNotFound(account.accountId()));
        registryPolicy.delete();
        return json.createObjectNode().put("registryId", account.accountId()).put("policyText", text);
    }

    private ObjectNode repositoryPolicyOutput(String name, String text) {
        return json.createObjectNode().put("registryId", account.accountId()).put("repositoryName", name)
                .put("policyText", text);
    }

    private RepositoryRecord repository(JsonNode input) {
        String name = requiredText(input, "repositoryName");
        RepositoryName repository;
        try {
            repository = RepositoryName.of(name);
        } catch (NameInvalidException e) {
            throw EcrException.invalidParameter("Invalid parameter at 'repositoryName' failed to satisfy constraint: "
                    + "'must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''");
        }
        return repositories.find(repository)
                .orElseThrow(() -> EcrException.repositoryNotFound(name, account.accountId()));
    }

    private String arnOf(RepositoryRecord repository) {
        return account.repositoryArn(repository.name());
    }

    private static String requiredText(JsonNode input, String field) {
        JsonNode value = input.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw EcrException.invalidParameter("Invalid parameter at '" + field + "' failed to satisfy constraint: "
                    + "'Member must not be null'");
        }
        return value.textValue();
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new EcrException("SerializationException", "Start of structure or map found where not expected.");
            }
            return node;
        } catch (IOException e) {
            throw new EcrException("SerializationException", "Invalid JSON in the request body.");
        }
    }

    @Override
    public AwsReply render(AwsError error, String requestId) {
        String body = json.createObjectNode().put("__type", error.type()).put("message", error.message()).toString();
        return new AwsReply(error.status(), "application/x-amz-json-1.1", body.getBytes(StandardCharsets.UTF_8));
    }
}
