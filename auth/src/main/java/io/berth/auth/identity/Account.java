package io.berth.auth.identity;

import java.util.regex.Pattern;

/**
 * The one AWS-style account a Berth serves, and the region it reports.
 *
 * @param accountId the 12-digit account id in every ARN
 * @param region    the region in repository ARNs and the credential scope Berth expects
 */
public record Account(String accountId, String region) {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    /** The account id of AWS's documentation examples, so ARNs look familiar. */
    public static final String DEFAULT_ACCOUNT_ID = "123456789012";
    public static final String DEFAULT_REGION = "us-east-1";

    public Account {
        if (!ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("account id must be 12 digits");
        }
    }

    public String rootArn() {
        return "arn:aws:iam::" + accountId + ":root";
    }

    public String userArn(String path, String name) {
        return "arn:aws:iam::" + accountId + ":user" + path + name;
    }

    public String groupArn(String path, String name) {
        return "arn:aws:iam::" + accountId + ":group" + path + name;
    }

    public String roleArn(String path, String name) {
        return "arn:aws:iam::" + accountId + ":role" + path + name;
    }

    public String policyArn(String path, String name) {
        return "arn:aws:iam::" + accountId + ":policy" + path + name;
    }

    public String repositoryArn(String repository) {
        return "arn:aws:ecr:" + region + ":" + accountId + ":repository/" + repository;
    }
}
