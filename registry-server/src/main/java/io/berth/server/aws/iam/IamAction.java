package io.berth.server.aws.iam;

import io.berth.server.aws.query.QueryResult;

/** One IAM action: authorizes, performs, and answers what goes inside its {@code <ActionResult>}. */
@FunctionalInterface
interface IamAction {
    QueryResult handle(IamRequest request);
}
