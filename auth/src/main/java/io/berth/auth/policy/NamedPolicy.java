package io.berth.auth.policy;

import java.util.Objects;

/**
 * A policy document with the name the evaluator reports when one of its statements decides a request: an inline
 * policy's name, a managed policy's name, or a label such as "repository policy".
 */
public record NamedPolicy(String name, PolicyDocument document) {
    public NamedPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(document, "document");
    }
}
