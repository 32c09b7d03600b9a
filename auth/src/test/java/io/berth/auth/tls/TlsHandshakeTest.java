package io.berth.auth.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the JDK's own TLS: an HTTPS server whose key manager is built from server.crt and server.key,
 * and clients that trust nothing but ca.crt and verify the host name as browsers and registries' clients do.
 */
class TlsHandshakeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path data;
    private TlsMaterial material;
    private HttpsServer server;
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        material = new TlsBootstrap(data.resolve("tls")).ensureLocalMaterial(ServerNames.localDefaults(List.of()));
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(
                JdkPem.serverContext(material.certificateChain(), material.privateKey())));
        server.createContext("/", exchange -> {
            byte[] body = "berth".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private HttpResponse<String> get(SSLContext context, String host) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(TIMEOUT).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + host + ":" + port + "/"))
                    .timeout(TIMEOUT).build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void aClientTrustingOnlyTheCaConnectsByIpAddress() throws Exception {
        HttpResponse<String> response = get(JdkPem.clientTrustingOnly(material.caCertificate().orElseThrow()),
                "127.0.0.1");

        assertEquals(200, response.statusCode());
        assertEquals("berth", response.body());
    }

    @Test
    void aClientTrustingOnlyTheCaConnectsByLocalhost() throws Exception {
        HttpResponse<String> response = get(JdkPem.clientTrustingOnly(material.caCertificate().orElseThrow()),
                "localhost");

        assertEquals(200, response.statusCode());
        assertEquals("berth", response.body());
    }

    @Test
    void aNameTheCertificateDoesNotCarryFailsHostnameVerification() throws Exception {
        SSLContext context = JdkPem.clientTrustingOnly(material.caCertificate().orElseThrow());
        try (Socket plain = new Socket("127.0.0.1", port);
             SSLSocket tls = (SSLSocket) context.getSocketFactory()
                     .createSocket(plain, "not-this-registry.example", port, true)) {
            tls.setSoTimeout((int) TIMEOUT.toMillis());
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);

            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, tls::startHandshake);

            assertTrue(String.valueOf(e.getMessage()).contains("not-this-registry.example"), e.getMessage());
        }
    }

    @Test
    void aClientTrustingAnotherBerthCaIsRefused() throws Exception {
        TlsMaterial other = new TlsBootstrap(data.resolve("other")).ensureLocalMaterial(
                ServerNames.localDefaults(List.of()));

        assertThrows(IOException.class, () -> get(JdkPem.clientTrustingOnly(other.caCertificate().orElseThrow()),
                "127.0.0.1"));
    }
}
