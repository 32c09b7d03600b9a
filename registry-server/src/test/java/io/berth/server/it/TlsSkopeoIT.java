package io.berth.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.auth.token.LoginScope;
import io.berth.server.testing.TestBerth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * skopeo over HTTPS with TLS verification on, trusting only the CA Berth made (the way the printed trust
 * instructions tell users to: a certs.d-style directory holding ca.crt).
 */
class TlsSkopeoIT {

    @Test
    void skopeoPushesAndInspectsOverVerifiedTls(@TempDir Path dir) throws Exception {
        Exec.requireProgram("skopeo", "skopeo");
        TestImages images = TestImages.build(dir.resolve("layout"));
        try (TestBerth berth = TestBerth.start(dir.resolve("data"), Map.of("tls.enabled", "true"),
                Clock.systemUTC())) {
            Path certs = Files.createDirectories(dir.resolve("certs.d").resolve("127.0.0.1:" + berth.port()));
            Files.copy(berth.server().tls().orElseThrow().caCertificate().orElseThrow(), certs.resolve("ca.crt"));
            var root = berth.server().security().rootKey();
            String password = berth.server().security().tokens()
                    .issue("arn:aws:iam::123456789012:root", root.accessKeyId(), LoginScope.UNRESTRICTED).password();
            String target = "docker://127.0.0.1:" + berth.port() + "/tls/busybox:1";
            Exec.Result untrusted = Exec.of("skopeo", "inspect", "--raw", "--creds", "AWS:" + password, target)
                    .redact(password).call();
            assertNotEquals(0, untrusted.exitCode(), untrusted::describe);
            assertTrue(untrusted.output().contains("certificate"), untrusted::describe);
            Exec.Result pushed = Exec.of("skopeo", "copy", "--dest-cert-dir", certs.toString(), "--dest-creds",
                    "AWS:" + password, "oci:" + images.layout.dir() + ":amd64", target).redact(password).run();
            assertEquals(0, pushed.exitCode(), pushed::describe);
            Exec.Result inspected = Exec.of("skopeo", "inspect", "--raw", "--cert-dir", certs.toString(), "--creds",
                    "AWS:" + password, target).redact(password).run();
            assertEquals(0, inspected.exitCode(), inspected::describe);
            assertTrue(inspected.stdout().contains("\"layers\""), inspected::describe);
        }
    }
}
