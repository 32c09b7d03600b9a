package io.berth.server.aws.iam;

import io.berth.server.aws.query.Field;

/** IAM's request members with the constraints of its API model (botocore's iam 2010-05-08 shapes). */
final class IamFields {
    private static final String NAME = "[\\w+=,.@-]+";
    private static final String PATH_PATTERN = "(\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F)";
    private static final String POLICY_PATH_PATTERN = "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/";
    private static final String DOCUMENT = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";
    /** policyDocumentType's maximum; IAM's size quotas (6,144 and less) are checked by the policy engine. */
    private static final int DOCUMENT_MAX = 131_072;

    /** userNameType: a name being created or attached to. */
    static final Field USER_NAME = Field.text("UserName", 1, 64, NAME);
    /** existingUserNameType: a name being looked up. */
    static final Field EXISTING_USER_NAME = Field.text("UserName", 1, 128, NAME);
    static final Field GROUP_NAME = Field.text("GroupName", 1, 128, NAME);
    static final Field ROLE_NAME = Field.text("RoleName", 1, 64, NAME);
    static final Field POLICY_NAME = Field.text("PolicyName", 1, 128, NAME);
    static final Field PATH = Field.text("Path", 1, 512, PATH_PATTERN);
    static final Field POLICY_PATH = Field.text("Path", 1, 512, POLICY_PATH_PATTERN);
    static final Field PATH_PREFIX = Field.text("PathPrefix", 1, 512, "\\u002F[\\u0021-\\u007F]*");
    static final Field POLICY_PATH_PREFIX = Field.text("PathPrefix", 1, 512, POLICY_PATH_PATTERN);
    static final Field POLICY_DOCUMENT = Field.text("PolicyDocument", 1, DOCUMENT_MAX, DOCUMENT);
    static final Field ASSUME_ROLE_POLICY_DOCUMENT = Field.text("AssumeRolePolicyDocument", 1, DOCUMENT_MAX,
            DOCUMENT);
    static final Field POLICY_ARN = Field.text("PolicyArn", 20, 2048);
    static final Field PERMISSIONS_BOUNDARY = Field.text("PermissionsBoundary", 20, 2048);
    static final Field ACCESS_KEY_ID = Field.text("AccessKeyId", 16, 128, "[\\w]+");
    static final Field STATUS = Field.oneOf("Status", "Active", "Inactive");
    static final Field ROLE_DESCRIPTION = Field.text("Description", 0, 1000, "[\\p{L}\\p{M}\\p{Z}\\p{S}\\p{N}\\p{P}]*");
    static final Field POLICY_DESCRIPTION = Field.text("Description", 0, 1000);
    static final Field SCOPE = Field.oneOf("Scope", "All", "AWS", "Local");
    static final Field POLICY_USAGE_FILTER = Field.oneOf("PolicyUsageFilter", "PermissionsPolicy",
            "PermissionsBoundary");
    /** roleMaxSessionDurationType, in seconds. */
    static final int MIN_SESSION_SECONDS = 3600;
    static final int MAX_SESSION_SECONDS = 43_200;

    private IamFields() {
    }
}
