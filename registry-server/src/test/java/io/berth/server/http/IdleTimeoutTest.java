package io.berth.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.testing.TestBerth;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections that stall are closed after server.idleTimeout; working ones are not. */
class IdleTimeoutTest {
    @Test
    void aConnectionThatStallsMidRequestIsClosed(@TempDir Path dir) throws Exception {
        try (TestBerth berth = TestBerth.start(dir, Map.of("server.idleTimeout", "1s"), Clock.systemUTC());
             Socket socket = new Socket("127.0.0.1", berth.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // a manifest PUT whose body stops after its first byte
            out.write(("PUT /v2/idle/test/manifests/v1 HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n"
                    + auth(berth) + "Content-Type: application/vnd.oci.image.manifest.v1+json\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // whatever answer comes first, the connection must end
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(seconds < 8, "closed after " + seconds + " s");
        }
    }

    private static String auth(TestBerth berth) {
        return "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString(
                ("AWS:" + berth.loginPassword()).getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    @Test
    void aRequestThatKeepsSendingIsServedPastTheTimeout(@TempDir Path dir) throws Exception {
        try (TestBerth berth = TestBerth.start(dir, Map.of("server.idleTimeout", "1s"), Clock.systemUTC());
             Socket socket = new Socket("127.0.0.1", berth.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String body = "{\"schemaVersion\":2}";
            out.write(("PUT /v2/idle/test/manifests/v1 HTTP/1.1\r\nHost: x\r\n" + auth(berth)
                    + "Content-Length: " + body.length()
                    + "\r\nContent-Type: application/vnd.oci.image.manifest.v1+json\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (char c : body.toCharArray()) { // one byte every 300 ms: 5.7 s in all, never idle for 1 s
                out.write(c);
                out.flush();
                Thread.sleep(300);
            }
            String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 400", head, "answered (MANIFEST_INVALID), not cut off");
        }
    }
}
