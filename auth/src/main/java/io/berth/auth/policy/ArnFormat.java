package io.berth.auth.policy;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that a Resource entry is {@code *} or an ARN, with IAM's messages. Like IAM, it looks at the partition
 * (second segment) and the service (third) rather than at the literal "arn" prefix; an ARN with fewer than six
 * segments fails IAM's legacy parser.
 */
final class ArnFormat {
    private static final Set<String> PARTITIONS = Set.of("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b",
            "aws-iso-e", "aws-iso-f", "aws-eusc");
    private static final int SEGMENTS = 6;

    /** A problem with a resource entry: its AWS message, and whether IAM reports it as a legacy parsing failure. */
    record Problem(String message, boolean legacy) {
    }

    private ArnFormat() {
    }

    static Optional<Problem> check(String resource) {
        if (resource.equals("*")) {
            return Optional.empty();
        }
        int firstColon = resource.indexOf(':');
        if (firstColon < 0) {
            return problem(PolicyErrors.resourceNotArn(resource), false);
        }
        String afterPrefix = resource.substring(firstColon + 1);
        int secondColon = afterPrefix.indexOf(':');
        String partition = secondColon < 0 ? afterPrefix : afterPrefix.substring(0, secondColon);
        if (!PARTITIONS.contains(partition)) {
            String rest = secondColon < 0 ? "" : afterPrefix.substring(secondColon + 1);
            return problem(PolicyErrors.partitionNotValid(partition, shownArn(partition, rest)), false);
        }
        if (secondColon < 0) {
            return problem(PolicyErrors.RESOURCE_VENDOR, false);
        }
        String[] segments = resource.split(":", SEGMENTS);
        if (segments[2].indexOf('*') >= 0 || segments[2].indexOf('?') >= 0) {
            return problem(PolicyErrors.RESOURCE_VENDOR, false);
        }
        if (segments.length < SEGMENTS || segments[2].isEmpty()) {
            return problem(PolicyErrors.LEGACY_PARSING, true);
        }
        return Optional.empty();
    }

    /** The ARN as IAM shows it in a partition error: missing segments become "*". */
    private static String shownArn(String partition, String rest) {
        String[] parts = rest.split(":", -1);
        String service = !parts[0].isEmpty() || parts.length > 1 ? parts[0] : "*";
        String region = parts.length > 1 ? parts[1] : "*";
        String account = parts.length > 2 ? parts[2] : "*";
        String resourcePart = parts.length > 3 ? String.join(":", Arrays.copyOfRange(parts, 3, parts.length)) : "*";
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resourcePart;
    }

    private static Optional<Problem> problem(String message, boolean legacy) {
        return Optional.of(new Problem(message, legacy));
    }
}
