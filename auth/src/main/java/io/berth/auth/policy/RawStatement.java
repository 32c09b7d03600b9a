package io.berth.auth.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A statement whose JSON shape is valid but whose contents are not yet checked: the output of
 * {@link StatementReader} and the input of {@link StatementChecks}. Elements that were absent are empty.
 */
record RawStatement(int index, Optional<String> sid, String effect, Optional<JsonNode> principal,
        boolean notPrincipal, Optional<List<String>> actions, boolean notAction, Optional<List<String>> resources,
        boolean notResource, List<ConditionClause> conditions) {

    RawStatement {
        conditions = List.copyOf(conditions);
    }

    /** The Action or NotAction entries, whichever is present. */
    List<String> actionEntries() {
        return actions.orElse(List.of());
    }

    /** The Resource or NotResource entries, whichever is present. */
    List<String> resourceEntries() {
        return resources.orElse(List.of());
    }
}
