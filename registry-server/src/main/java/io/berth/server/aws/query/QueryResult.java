package io.berth.server.aws.query;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * What an action answers inside its {@code <ActionResult>} element, or nothing: actions without output
 * (DeleteUser, AttachUserPolicy) answer only {@code <ActionResponse><ResponseMetadata>...}, as AWS does.
 */
public final class QueryResult {
    private static final QueryResult NONE = new QueryResult(null);

    private final Consumer<XmlWriter> content;

    private QueryResult(Consumer<XmlWriter> content) {
        this.content = content;
    }

    public static QueryResult none() {
        return NONE;
    }

    public static QueryResult of(Consumer<XmlWriter> content) {
        return new QueryResult(content);
    }

    Optional<Consumer<XmlWriter>> content() {
        return Optional.ofNullable(content);
    }
}
