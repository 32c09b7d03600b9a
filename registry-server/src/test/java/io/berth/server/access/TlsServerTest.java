package io.berth.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.auth.tls.TlsMaterial;
import io.berth.auth.token.LoginScope;
import io.berth.server.testing.TestBerth;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with the CA Berth makes on first start: a client that trusts only that CA connects and logs in. */
class TlsServerTest {

    private static HttpClient trusting(Path caCertificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caCertificate)) {
            trust.setCertificateEntry("berth", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Test
    void servesHttpsWithItsOwnCaAndTheSameLogin(@TempDir Path dataDir) throws Exception {
        try (TestBerth berth = TestBerth.start(dataDir, Map.of("tls.enabled", "true"), Clock.systemUTC())) {
            TlsMaterial tls = berth.server().tls().orElseThrow();
            Path ca = tls.caCertificate().orElseThrow();
            assertTrue(Files.isRegularFile(dataDir.resolve("tls").resolve("server.key")));
            URI ping = URI.create("https://127.0.0.1:" + berth.port() + "/v2/");
            HttpClient client = trusting(ca);
            HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(ping).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());
            var root = berth.server().security().rootKey();
            String password = berth.server().security().tokens()
                    .issue("arn:aws:iam::123456789012:root", root.accessKeyId(), LoginScope.UNRESTRICTED).password();
            HttpResponse<String> loggedIn = client.send(HttpRequest.newBuilder(ping).header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(("AWS:" + password).getBytes())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, loggedIn.statusCode());
            HttpClient untrusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            assertThrows(SSLHandshakeException.class, () -> untrusting.send(HttpRequest.newBuilder(ping).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void mismatchedUserMaterialStopsTheStart(@TempDir Path dataDir) throws Exception {
        Path cert = dataDir.resolve("cert.pem");
        Path key = dataDir.resolve("key.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        RuntimeException failure = assertThrows(RuntimeException.class, () -> TestBerth.start(dataDir.resolve("d"),
                Map.of("tls.enabled", "true", "tls.certFile", cert.toString(), "tls.keyFile", key.toString()),
                Clock.systemUTC()));
        assertTrue(String.valueOf(failure.getMessage()).contains("cert.pem"), failure.getMessage());
    }
}
