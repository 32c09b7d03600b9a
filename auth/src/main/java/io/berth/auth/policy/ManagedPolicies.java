package io.berth.auth.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS managed policies for ECR, reproduced as AWS publishes them and bundled as JSON resources under
 * {@code io/berth/auth/policy/managed/}: {@code AmazonEC2ContainerRegistryReadOnly}, {@code ...PowerUser},
 * {@code ...FullAccess} and {@code ...PullOnly}. Look them up by name or by ARN.
 */
public final class ManagedPolicies {
    private static final String DIRECTORY = "managed/";
    private static final String INDEX = DIRECTORY + "index.json";

    private final Map<String, ManagedPolicy> byName;
    private final Map<String, ManagedPolicy> byArn;

    private ManagedPolicies(List<ManagedPolicy> policies) {
        Map<String, ManagedPolicy> names = new LinkedHashMap<>();
        Map<String, ManagedPolicy> arns = new LinkedHashMap<>();
        for (ManagedPolicy policy : policies) {
            names.put(policy.name(), policy);
            arns.put(policy.arn(), policy);
        }
        this.byName = Map.copyOf(names);
        this.byArn = Map.copyOf(arns);
    }

    /** Reads the bundled policies; a missing or malformed resource is a packaging error and fails loudly. */
    public static ManagedPolicies load() {
        ObjectMapper json = new ObjectMapper();
        List<ManagedPolicy> policies = new ArrayList<>();
        for (JsonNode file : read(json, INDEX).path("policies")) {
            JsonNode entry = read(json, DIRECTORY + file.asText());
            String document;
            try {
                document = json.writeValueAsString(entry.get("Document"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            policies.add(new ManagedPolicy(entry.get("PolicyName").asText(), entry.get("Arn").asText(),
                    entry.get("Description").asText(), entry.get("DefaultVersionId").asText(),
                    PolicyDocument.parseIdentity(document), document));
        }
        return new ManagedPolicies(policies);
    }

    public Optional<ManagedPolicy> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<ManagedPolicy> byArn(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    /** Sorted by name. */
    public List<ManagedPolicy> all() {
        return byName.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    private static JsonNode read(ObjectMapper json, String resource) {
        try (InputStream in = ManagedPolicies.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled managed policy resource missing: " + resource);
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled managed policy " + resource, e);
        }
    }
}
