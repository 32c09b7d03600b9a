package io.berth.server.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real AWS CLI v2 (Debian's {@code /usr/bin/aws}; another {@code aws} may come first on the PATH) against
 * Berth's ECR API, configured only by the credentials file Berth wrote, as a user who points the CLI at it does:
 * {@code AWS_SHARED_CREDENTIALS_FILE}, {@code AWS_PROFILE=berth} and no config file. Inherited {@code AWS_*}
 * variables (keys, a profile, a region of the machine's own) are dropped so nothing else can answer for Berth's.
 */
public final class AwsCli {
    public static final String PROGRAM = "/usr/bin/aws";
    public static final String PROFILE = "berth";

    private AwsCli() {
    }

    /**
     * {@code aws ecr get-login-password --region us-east-1 --endpoint-url BASE_URL}: the password part of a
     * token from a SigV4-signed GetAuthorizationToken call, as users pipe it into {@code docker login}. The
     * password never shows in the test log.
     */
    public static String ecrLoginPassword(String baseUrl, Path credentialsFile) {
        Exec.requireProgram(PROGRAM, "awscli");
        assertTrue(Files.isRegularFile(credentialsFile), () -> "Berth wrote no " + credentialsFile);
        Exec.Result result = Exec.of(PROGRAM, "ecr", "get-login-password", "--region", "us-east-1",
                        "--endpoint-url", baseUrl)
                .withoutInheritedEnv("AWS_")
                .env("AWS_SHARED_CREDENTIALS_FILE", credentialsFile.toString())
                .env("AWS_PROFILE", PROFILE)
                .env("AWS_CONFIG_FILE", "/dev/null")
                .env("AWS_PAGER", "")
                .env("AWS_EC2_METADATA_DISABLED", "true")
                .secretOutput()
                .run();
        String password = result.stdout().strip();
        assertFalse(password.isEmpty(), result::describe);
        assertFalse(password.chars().anyMatch(Character::isWhitespace), "the password is one word");
        return password;
    }
}
