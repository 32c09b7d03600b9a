package io.berth.auth.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks IAM makes once a document's JSON shape is valid, in IAM's order, each over all statements before the
 * next begins, so that a document with several mistakes gets the message AWS would give: legacy parsing (exact
 * Effect case, Date values, ARNs with too few segments), unique Sids, alphanumeric Sids (identity policies),
 * actions present, resources present (identity policies), resource format, action vendors, principals (resource
 * policies).
 */
final class StatementChecks {
    private static final Pattern ALPHANUMERIC = Pattern.compile("[0-9A-Za-z]*");
    private static final Pattern VENDOR = Pattern.compile("[a-zA-Z0-9.-]+");

    private final PolicyKind kind;

    StatementChecks(PolicyKind kind) {
        this.kind = kind;
    }

    void check(List<RawStatement> statements) {
        statements.forEach(StatementChecks::legacyParsing);
        uniqueSids(statements);
        if (kind == PolicyKind.IDENTITY) {
            statements.forEach(StatementChecks::alphanumericSid);
        }
        statements.forEach(StatementChecks::actionsPresent);
        if (kind == PolicyKind.IDENTITY) {
            statements.forEach(StatementChecks::resourcesPresent);
        }
        statements.forEach(StatementChecks::resourceFormat);
        statements.forEach(StatementChecks::actionVendors);
        if (kind == PolicyKind.RESOURCE) {
            statements.forEach(StatementChecks::principalPresent);
        }
    }

    private static void legacyParsing(RawStatement statement) {
        String where = "statement " + statement.index();
        if (!statement.effect().equals(Effect.ALLOW.text()) && !statement.effect().equals(Effect.DENY.text())) {
            throw PolicyErrors.legacy(where + ": Effect must be exactly Allow or Deny, not " + statement.effect());
        }
        for (ConditionClause clause : statement.conditions()) {
            if (clause.operator().base().isDate()) {
                clause.values().stream().filter(value -> DateValues.parse(value).isEmpty()).findFirst()
                        .ifPresent(value -> {
                            throw PolicyErrors.legacy(where + ": " + value + " is not a date");
                        });
            }
        }
        for (String resource : statement.resourceEntries()) {
            ArnFormat.check(resource).filter(ArnFormat.Problem::legacy).ifPresent(problem -> {
                throw PolicyErrors.legacy(where + ": " + resource + " does not have the six ARN segments");
            });
        }
    }

    private static void uniqueSids(List<RawStatement> statements) {
        Set<String> seen = new HashSet<>();
        for (RawStatement statement : statements) {
            Optional<String> sid = statement.sid().filter(text -> !text.isEmpty());
            if (sid.isPresent() && !seen.add(sid.get())) {
                throw PolicyErrors.of(PolicyErrors.DUPLICATE_SID, "the Sid " + sid.get() + " is used twice");
            }
        }
    }

    private static void alphanumericSid(RawStatement statement) {
        statement.sid().filter(sid -> !ALPHANUMERIC.matcher(sid).matches()).ifPresent(sid -> {
            throw PolicyErrors.of(PolicyErrors.SID_NOT_ALPHANUMERIC, "the Sid " + sid + " is not alphanumeric");
        });
    }

    private static void actionsPresent(RawStatement statement) {
        if (statement.actionEntries().isEmpty()) {
            throw PolicyErrors.of(PolicyErrors.MISSING_ACTIONS, "statement " + statement.index() + " has no action");
        }
    }

    private static void resourcesPresent(RawStatement statement) {
        if (statement.resourceEntries().isEmpty()) {
            throw PolicyErrors.of(PolicyErrors.MISSING_RESOURCES,
                    "statement " + statement.index() + " has no resource");
        }
    }

    private static void resourceFormat(RawStatement statement) {
        for (String resource : statement.resourceEntries()) {
            ArnFormat.check(resource).ifPresent(problem -> {
                throw PolicyErrors.of(problem.message(), "statement " + statement.index() + ": " + resource);
            });
        }
    }

    private static void actionVendors(RawStatement statement) {
        for (String action : statement.actionEntries()) {
            if (action.equals("*")) {
                continue;
            }
            String[] parts = action.split(":", -1);
            String where = "statement " + statement.index() + ": action " + action;
            if (parts.length == 1) {
                throw PolicyErrors.of(PolicyErrors.ACTION_WITHOUT_VENDOR, where);
            }
            if (parts.length > 2) {
                throw PolicyErrors.of(PolicyErrors.ACTION_TWO_COLONS, where);
            }
            if (!VENDOR.matcher(parts[0]).matches()) {
                throw PolicyErrors.of(PolicyErrors.vendorNotValid(parts[0]), where);
            }
        }
    }

    private static void principalPresent(RawStatement statement) {
        if (statement.principal().isEmpty()) {
            throw PolicyErrors.of(PolicyErrors.MISSING_PRINCIPAL,
                    "statement " + statement.index() + " has no Principal");
        }
    }
}
