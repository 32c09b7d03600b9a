package io.berth.auth.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a policy document from JSON text and validates it as IAM does: size, JSON syntax, element shapes
 * ({@link StatementReader}), then IAM's semantic checks ({@link StatementChecks}). Duplicate keys and trailing
 * content after the document are syntax errors.
 */
final class PolicyParser {
    /**
     * IAM's quota for a customer managed policy, counted without whitespace. Inline policies have smaller quotas
     * (2,048 characters for a user, 5,120 for a group), which the caller can choose with {@link #identity(int)}.
     */
    static final int MANAGED_POLICY_MAX_CHARACTERS = 6_144;
    /** ECR's limit on a repository or registry policy's text (SetRepositoryPolicy {@code policyText}). */
    static final int RESOURCE_POLICY_MAX_CHARACTERS = 10_240;

    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    /** Immutable and thread-safe, so it can be shared. */
    private static final ObjectReader JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .readerFor(JsonNode.class);

    private final PolicyKind kind;
    private final int maxCharacters;

    private PolicyParser(PolicyKind kind, int maxCharacters) {
        this.kind = kind;
        this.maxCharacters = maxCharacters;
    }

    static PolicyParser identity() {
        return identity(MANAGED_POLICY_MAX_CHARACTERS);
    }

    /** An identity policy parser with another size quota (non-whitespace characters). */
    static PolicyParser identity(int maxCharacters) {
        return new PolicyParser(PolicyKind.IDENTITY, maxCharacters);
    }

    static PolicyParser resource() {
        return new PolicyParser(PolicyKind.RESOURCE, RESOURCE_POLICY_MAX_CHARACTERS);
    }

    PolicyDocument parse(String json) {
        checkSize(json);
        JsonNode root = readJson(json);
        if (!root.isObject()) {
            throw PolicyErrors.syntax("the document is not a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                throw PolicyErrors.syntax("unknown top-level element " + name);
            }
        }
        PolicyVersion version = version(root.get("Version"));
        Optional<String> id = id(root.get("Id"));
        List<RawStatement> raw = statements(root.get("Statement"));
        new StatementChecks(kind).check(raw);
        return new PolicyDocument(kind, version, id, raw.stream().map(this::build).toList());
    }

    private void checkSize(String json) {
        if (kind == PolicyKind.IDENTITY) {
            long significant = json.chars().filter(c -> !Character.isWhitespace(c)).count();
            if (significant > maxCharacters) {
                throw PolicyErrors.of(PolicyErrors.identityPolicyTooLarge(maxCharacters),
                        significant + " non-whitespace characters");
            }
        } else if (json.length() > maxCharacters) {
            throw PolicyErrors.of(PolicyErrors.resourcePolicyTooLong(maxCharacters), json.length() + " characters");
        }
    }

    private static JsonNode readJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw PolicyErrors.syntax("the document is empty");
            }
            return root;
        } catch (JacksonException e) {
            throw new MalformedPolicyDocumentException(PolicyErrors.SYNTAX, "not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static PolicyVersion version(JsonNode version) {
        if (version == null) {
            return PolicyVersion.V2008_10_17;
        }
        if (!version.isTextual()) {
            throw PolicyErrors.syntax("Version is not a string");
        }
        return PolicyVersion.parse(version.asText())
                .orElseThrow(() -> PolicyErrors.syntax("unknown Version " + version.asText()));
    }

    private static Optional<String> id(JsonNode id) {
        if (id != null && !id.isTextual()) {
            throw PolicyErrors.syntax("Id is not a string");
        }
        return Optional.ofNullable(id).map(JsonNode::asText);
    }

    private List<RawStatement> statements(JsonNode statement) {
        if (statement == null || !(statement.isObject() || statement.isArray())) {
            throw PolicyErrors.syntax("Statement is missing or is neither an object nor a list");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (statement.isObject()) {
            nodes.add(statement);
        } else {
            statement.forEach(nodes::add);
        }
        if (nodes.isEmpty()) {
            throw PolicyErrors.syntax("Statement is empty");
        }
        StatementReader reader = new StatementReader(kind);
        List<RawStatement> raw = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            raw.add(reader.read(nodes.get(i), i));
        }
        return raw;
    }

    private Statement build(RawStatement raw) {
        Optional<PrincipalBlock> principal = raw.principal()
                .map(node -> PrincipalReader.read(node, raw.notPrincipal(), raw.index()));
        ResourceBlock resources = raw.resources()
                .map(entries -> new ResourceBlock(entries, raw.notResource(), false))
                .orElseGet(ResourceBlock::impliedByAttachment);
        Effect effect = raw.effect().equals(Effect.ALLOW.text()) ? Effect.ALLOW : Effect.DENY;
        return new Statement(raw.index(), raw.sid(), effect, principal,
                new ActionBlock(raw.actionEntries(), raw.notAction()), resources, raw.conditions());
    }
}
