package io.berth.server.aws.iam;

/**
 * A managed policy (customer or AWS) as IAM's Policy shape describes it.
 *
 * @param description the description, or null when there is none
 */
record PolicyView(String name, String policyId, String arn, String path, String defaultVersionId,
                  int attachmentCount, String description, long createdAt, long updatedAt) {

    boolean awsManaged() {
        return arn.startsWith("arn:aws:iam::aws:policy/");
    }
}
