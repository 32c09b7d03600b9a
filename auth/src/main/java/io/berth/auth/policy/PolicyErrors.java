package io.berth.auth.policy;

/**
 * The messages AWS returns for a malformed policy, in one place. IAM's texts come from its
 * {@code MalformedPolicyDocument} responses; the two resource-policy texts about principals are the ones AWS's
 * resource policy APIs (S3 bucket policies) return, since IAM itself never sees a resource policy.
 */
final class PolicyErrors {
    static final String SYNTAX = "Syntax errors in policy.";
    static final String LEGACY_PARSING = "The policy failed legacy parsing";
    static final String PRINCIPAL_IN_IDENTITY_POLICY = "Policy document should not specify a principal.";
    static final String MISSING_PRINCIPAL = "Missing required field Principal";
    static final String INVALID_PRINCIPAL = "Invalid principal in policy";
    static final String MISSING_ACTIONS = "Policy statement must contain actions.";
    static final String MISSING_RESOURCES = "Policy statement must contain resources.";
    static final String DUPLICATE_SID = "Statement IDs (SID) in a single policy must be unique.";
    static final String SID_NOT_ALPHANUMERIC = "Statement IDs (SID) must be alpha-numeric. "
            + "Check that your input satisfies the regular expression [0-9A-Za-z]*";
    static final String ACTION_WITHOUT_VENDOR =
            "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
    static final String ACTION_TWO_COLONS = "Actions/Condition can contain only one colon.";
    static final String RESOURCE_VENDOR = "Resource vendor must be fully qualified and cannot contain regexes.";

    private PolicyErrors() {
    }

    static MalformedPolicyDocumentException syntax(String detail) {
        return new MalformedPolicyDocumentException(SYNTAX, detail);
    }

    static MalformedPolicyDocumentException legacy(String detail) {
        return new MalformedPolicyDocumentException(LEGACY_PARSING, detail);
    }

    static MalformedPolicyDocumentException of(String message, String detail) {
        return new MalformedPolicyDocumentException(message, detail);
    }

    static String vendorNotValid(String vendor) {
        return "Vendor " + vendor + " is not valid";
    }

    static String resourceNotArn(String resource) {
        return "Resource " + resource + " must be in ARN format or \"*\".";
    }

    static String partitionNotValid(String partition, String shownArn) {
        return "Partition \"" + partition + "\" is not valid for resource \"" + shownArn + "\".";
    }

    static String identityPolicyTooLarge(int limit) {
        return "Cannot exceed quota for PolicySize: " + limit;
    }

    static String resourcePolicyTooLong(int limit) {
        return "Invalid parameter at 'policyText' failed to satisfy constraint: "
                + "'Member must have length less than or equal to " + limit + "'";
    }
}
