package io.berth.auth.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsTrustInstructionsTest {
    private static final Path CA = Path.of("/var/lib/berth/tls/ca.crt");
    private static final String FINGERPRINT = "AB:CD:EF";
    private static final TlsMaterial GENERATED = new TlsMaterial(Optional.of(CA),
            Path.of("/var/lib/berth/tls/server.crt"), Path.of("/var/lib/berth/tls/server.key"),
            Optional.of(FINGERPRINT));

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), "missing <" + part + "> in:\n" + text);
        }
    }

    @Test
    void namesTheCaAndHowEachClientTrustsIt() {
        String text = GENERATED.trustInstructions("registry.lan:5000");

        assertContains(text, CA.toString(), FINGERPRINT,
                "sudo cp " + CA + " /etc/docker/certs.d/registry.lan:5000/ca.crt",
                "sudo cp " + CA + " /etc/containers/certs.d/registry.lan:5000/ca.crt",
                "/etc/containerd/certs.d/registry.lan:5000/hosts.toml",
                "server = \"https://registry.lan:5000\"",
                "[host.\"https://registry.lan:5000\"]",
                "ca = \"/etc/containerd/certs.d/registry.lan:5000/ca.crt\"",
                "sudo cp " + CA + " /usr/local/share/ca-certificates/berth.crt && sudo update-ca-certificates",
                "--endpoint-url https://registry.lan:5000 --ca-bundle " + CA,
                "export AWS_CA_BUNDLE=" + CA);
        assertFalse(text.contains("port 443"), text);
    }

    @Test
    void port443MentionsTheDirectoryWithoutThePort() {
        assertContains(GENERATED.trustInstructions("registry.lan:443"), "without it: registry.lan\n");
    }

    @Test
    void operatorMaterialHasNoFingerprintButTheSameSteps() {
        TlsMaterial user = new TlsMaterial(Optional.empty(), Path.of("/etc/berth/tls.crt"),
                Path.of("/etc/berth/tls.key"), Optional.empty());

        String text = user.trustInstructions("registry.lan:5000");

        assertContains(text, "/etc/berth/tls.crt", "/etc/docker/certs.d/registry.lan:5000/ca.crt", "AWS_CA_BUNDLE");
        assertFalse(text.contains("fingerprint"), text);
    }

    @Test
    void aBlankHostIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GENERATED.trustInstructions(" "));
    }

    @Test
    void aCaWithoutFingerprintIsNotValidMaterial() {
        assertThrows(IllegalArgumentException.class, () -> new TlsMaterial(Optional.of(CA), CA, CA, Optional.empty()));
    }

    @Test
    void everyGeneratedLineFitsATerminal() {
        List<String> lines = GENERATED.trustInstructions("registry.lan:5000").lines().toList();
        assertTrue(lines.stream().allMatch(line -> line.length() <= 160), String.join("\n", lines));
    }
}
