package io.berth.server.aws.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.server.aws.query.XmlDoc;

/** An IAM service over a fresh {@link AwsFixture}; calls are made as the account root unless a caller is given. */
abstract class IamTestBase {
    static final String ACCOUNT = AwsFixture.ACCOUNT_ID;
    static final String READ_ONLY = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly";
    static final String POWER_USER = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser";
    static final String FULL_ACCESS = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess";
    static final String DOCUMENT = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Action\": \"ecr:*\", \"Resource\": \"*\"}]}";
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";

    final AwsFixture f = new AwsFixture();
    final IamService iam = new IamService(f.identities, f.managed, f.authorizer);

    XmlDoc ok(String... namesAndValues) {
        return f.ok(iam, f.root(), AwsFixture.form(namesAndValues));
    }

    XmlDoc okAs(AwsFixture.Caller caller, String... namesAndValues) {
        return f.ok(iam, caller, AwsFixture.form(namesAndValues));
    }

    XmlDoc fail(String... namesAndValues) {
        return f.fail(iam, f.root(), AwsFixture.form(namesAndValues));
    }

    XmlDoc failAs(AwsFixture.Caller caller, String... namesAndValues) {
        return f.fail(iam, caller, AwsFixture.form(namesAndValues));
    }

    static void assertError(XmlDoc error, int status, String code, String message) {
        assertEquals(status, error.status(), error::toString);
        assertEquals("Sender", error.text("Error/Type"));
        assertEquals(code, error.text("Error/Code"));
        if (message != null) {
            assertEquals(message, error.text("Error/Message"));
        }
    }

    void createUser(String name) {
        ok("Action", "CreateUser", "UserName", name);
    }

    void createUser(String name, String path) {
        ok("Action", "CreateUser", "UserName", name, "Path", path);
    }

    String arn(String resource) {
        return "arn:aws:iam::" + ACCOUNT + ":" + resource;
    }
}
