package io.berth.auth.identity;

/** Checks a policy document before it is stored; throws the policy engine's MalformedPolicyDocument error. */
public interface PolicyValidator {
    /** An identity policy (no Principal). */
    void validateIdentityPolicy(String document);

    /** A role trust policy (a resource policy: Principal required). */
    void validateTrustPolicy(String document);
}
