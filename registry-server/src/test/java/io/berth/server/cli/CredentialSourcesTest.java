package io.berth.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialSourcesTest {

    private static Path file(Path dir, String name, String profile, String id) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[other]\naws_access_key_id = WRONG\naws_secret_access_key = wrong\n\n[" + profile
                + "]\naws_access_key_id = " + id + "\naws_secret_access_key = secret-of-" + id + "\n");
        return file;
    }

    @Test
    void environmentFirstThenSharedFileThenBerthsOwn(@TempDir Path dir) throws IOException {
        Path shared = file(dir, "aws/credentials", "default", "SHARED");
        Path data = dir.resolve("data");
        file(data, "credentials", "berth", "BERTH");
        Map<String, String> env = Map.of("AWS_SHARED_CREDENTIALS_FILE", shared.toString());
        assertEquals("SHARED", CredentialSources.find(env, data, false).orElseThrow().accessKeyId());
        assertEquals("BERTH", CredentialSources.find(env, data, true).orElseThrow().accessKeyId());
        assertEquals("ENV", CredentialSources.find(Map.of("AWS_ACCESS_KEY_ID", "ENV", "AWS_SECRET_ACCESS_KEY", "s"),
                data, true).orElseThrow().accessKeyId());
        assertEquals("BERTH", CredentialSources.find(Map.of("AWS_SHARED_CREDENTIALS_FILE",
                dir.resolve("none").toString()), data, false).orElseThrow().accessKeyId());
        assertTrue(CredentialSources.find(Map.of("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString()),
                dir.resolve("empty"), false).isEmpty());
    }

    @Test
    void aSessionTokenIsRead(@TempDir Path dir) throws IOException {
        Path shared = dir.resolve("credentials");
        Files.writeString(shared, "[dev]\naws_access_key_id = ASIA1\naws_secret_access_key = s\n"
                + "aws_session_token = token\n");
        var credentials = CredentialSources.find(Map.of("AWS_SHARED_CREDENTIALS_FILE", shared.toString(),
                "AWS_PROFILE", "dev"), dir, false).orElseThrow();
        assertEquals("token", credentials.sessionToken().orElseThrow().value());
    }
}
