/**
 * IAM policy documents and their evaluation, as AWS does it for ECR: pure Java, no I/O beyond the bundled managed
 * policies.
 *
 * <ul>
 *   <li>{@link io.berth.auth.policy.PolicyDocument} parses and validates identity and resource (repository,
 *       registry) policies, refusing what IAM refuses with IAM's messages
 *       ({@link io.berth.auth.policy.MalformedPolicyDocumentException});</li>
 *   <li>{@link io.berth.auth.policy.PolicyEvaluator} decides a {@link io.berth.auth.policy.RequestContext}
 *       against a {@link io.berth.auth.policy.PolicySet} and explains its
 *       {@link io.berth.auth.policy.Decision};</li>
 *   <li>{@link io.berth.auth.policy.ManagedPolicies} holds the AWS managed ECR policies.</li>
 * </ul>
 *
 * <p>Not modelled: service control and resource control policies, permission boundaries, session policies, and
 * the anonymous principal. Everything here is immutable and thread-safe.
 */
package io.berth.auth.policy;
