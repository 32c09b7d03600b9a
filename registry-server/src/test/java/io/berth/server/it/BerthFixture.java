package io.berth.server.it;

import static org.junit.jupiter.api.Assertions.fail;

import io.berth.server.testing.TestBerth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A real Berth for one integration test class, with its log captured, and a registry password obtained as users
 * get one: from the real AWS CLI ({@code aws ecr get-login-password}) with the credentials file Berth wrote into
 * its data directory. {@link #mark} before a test and {@link #assertNoErrorsSince} after it make any error Berth
 * logged while a client talked to it fail that test, with Berth's own log lines in the message; so does any
 * secret (the password, the root's secret key) showing up in Berth's log.
 */
public final class BerthFixture implements AutoCloseable {
    /** The only user name ECR (and Berth) accept with a login password. */
    public static final String USER = "AWS";

    private final ServerLog log;
    private final TestBerth berth;
    private final String password;
    private final RegistryHttp http;

    private BerthFixture(ServerLog log, TestBerth berth, String password) {
        this.log = log;
        this.berth = berth;
        this.password = password;
        this.http = new RegistryHttp(berth.baseUrl(), password);
    }

    public static BerthFixture start(Path dataDir) {
        ServerLog log = ServerLog.capture();
        TestBerth berth = null;
        try {
            berth = TestBerth.start(dataDir);
            String password = AwsCli.ecrLoginPassword(berth.baseUrl(), berth.dataDir().resolve("credentials"));
            return new BerthFixture(log, berth, password);
        } catch (RuntimeException | Error e) {
            try {
                if (berth != null) {
                    berth.close();
                }
            } finally {
                log.close();
            }
            throw e;
        }
    }

    /** {@code 127.0.0.1:PORT} */
    public String hostPort() {
        return berth.hostPort();
    }

    /** {@code http://127.0.0.1:PORT}, Berth's ECR API endpoint too. */
    public String baseUrl() {
        return berth.baseUrl();
    }

    public Path dataDir() {
        return berth.dataDir();
    }

    /** The AWS shared-credentials file Berth wrote on first start (profile {@code berth}). */
    public Path credentialsFile() {
        return berth.dataDir().resolve("credentials");
    }

    /** The access key id of the root (not secret; its secret key never leaves Berth's credentials file here). */
    public String rootAccessKeyId() {
        return berth.rootCredentials().accessKeyId();
    }

    /** The registry password the AWS CLI fetched when the fixture started. Never print it. */
    public String loginPassword() {
        return password;
    }

    /** A fresh password from the AWS CLI: a second login, as a user in another shell would do. */
    public String newLoginPassword() {
        return AwsCli.ecrLoginPassword(baseUrl(), credentialsFile());
    }

    /** Plain HTTP with {@code Authorization: Basic base64(AWS:password)}. */
    public RegistryHttp http() {
        return http;
    }

    /** Plain HTTP without credentials. */
    public RegistryHttp anonymousHttp() {
        return new RegistryHttp(berth.baseUrl(), null);
    }

    /** The password with one character in its middle changed: same length and form, a different signature. */
    public static String tamper(String password) {
        int at = password.length() / 2;
        char replacement = password.charAt(at) == 'A' ? 'B' : 'A';
        return password.substring(0, at) + replacement + password.substring(at + 1);
    }

    public ServerLog log() {
        return log;
    }

    public int mark() {
        return log.mark();
    }

    /** No error since {@code mark}, and no secret anywhere in the log (logins in {@code @BeforeAll} included). */
    public void assertNoErrorsSince(int mark) {
        List<String> errors = log.errorsSince(mark);
        if (!errors.isEmpty()) {
            fail("Berth logged errors while this test ran:\n" + String.join("\n", errors));
        }
        assertNoSecretsSince(0);
    }

    /** Berth never logs a password, a Basic {@code Authorization} value or the root's secret key. */
    public void assertNoSecretsSince(int mark) {
        List<String> secrets = new ArrayList<>();
        secrets.add(password);
        secrets.add(tamper(password));
        secrets.add(Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8)));
        secrets.add(berth.rootCredentials().secret().value());
        List<String> leaking = new ArrayList<>();
        for (String line : log.linesSince(mark)) {
            if (secrets.stream().anyMatch(line::contains)) {
                String shown = line;
                for (String secret : secrets) {
                    shown = shown.replace(secret, Exec.REDACTED);
                }
                leaking.add(shown);
            }
        }
        if (!leaking.isEmpty()) {
            fail("Berth logged a secret (shown here as " + Exec.REDACTED + "):\n" + String.join("\n", leaking));
        }
    }

    @Override
    public void close() {
        try {
            berth.close();
        } finally {
            log.close();
        }
    }
}
