package io.berth.auth.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsServerNamesTest {
    @TempDir
    Path dir;

    @Test
    void dnsNamesAndIpLiteralsAreSortedNormalisedAndDeduplicated() throws Exception {
        ServerNames names = ServerNames.of(List.of(" Registry.LAN. ", "registry.lan", "*.apps.lan", "10.0.0.7",
                "[::1]", "0:0:0:0:0:0:0:1", "fd00::7"));

        assertEquals(List.of("registry.lan", "*.apps.lan"), names.dnsNames());
        assertEquals(List.of(InetAddress.getByName("10.0.0.7"), InetAddress.getByName("::1"),
                InetAddress.getByName("fd00::7")), names.ipAddresses());
    }

    @Test
    void everyInvalidNameIsReportedAtOnce() {
        TlsConfigurationException e = assertThrows(TlsConfigurationException.class,
                () -> ServerNames.of(List.of("ok.lan", "under_score.lan", "-dash.lan", "fe80::1%eth0", "", "a..b")));

        for (String bad : List.of("'under_score.lan'", "'-dash.lan'", "'fe80::1%eth0'", "''", "'a..b'")) {
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
        assertTrue(!e.getMessage().contains("'ok.lan'"), e.getMessage());
    }

    @Test
    void noNamesAtAllIsAnError() {
        assertThrows(TlsConfigurationException.class, () -> ServerNames.of(List.of()));
    }

    @Test
    void localDefaultsCoverLoopbackThisHostAndTheExtras() throws Exception {
        ServerNames names = ServerNames.localDefaults(List.of("registry.lan", "192.168.1.20"));

        assertTrue(names.dnsNames().containsAll(List.of("localhost", "registry.lan")), names.toString());
        assertTrue(names.ipAddresses().containsAll(List.of(InetAddress.getByName("127.0.0.1"),
                InetAddress.getByName("::1"), InetAddress.getByName("192.168.1.20"))), names.toString());
        String host = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        if (host.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?") && !host.matches("[0-9.]+")) {
            assertTrue(names.dnsNames().contains(host), "this machine's host name " + host + " in " + names);
        }
    }

    @Test
    void missingFromListsWhatACertificateLacks() throws Exception {
        new TlsBootstrap(dir).ensureLocalMaterial(ServerNames.of(List.of("localhost", "127.0.0.1")));
        X509Certificate certificate = JdkPem.certificate(dir.resolve("server.crt"));

        assertEquals(List.of(), ServerNames.of(List.of("LOCALHOST", "127.0.0.1")).missingFrom(certificate));
        List<String> wanted = new ArrayList<>(List.of("localhost", "registry.lan", "127.0.0.1", "10.1.2.3"));
        assertEquals(List.of("registry.lan", "10.1.2.3"), ServerNames.of(wanted).missingFrom(certificate));
    }
}
