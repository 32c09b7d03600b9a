package io.berth.server.cli;

import io.berth.auth.sigv4.AwsCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds AWS credentials as the AWS CLI does, in order: the {@code AWS_ACCESS_KEY_ID} / {@code
 * AWS_SECRET_ACCESS_KEY} (/ {@code AWS_SESSION_TOKEN}) variables, then the profile {@code AWS_PROFILE} (or
 * {@code default}) of the shared credentials file ({@code AWS_SHARED_CREDENTIALS_FILE} or
 * {@code ~/.aws/credentials}), then the {@code berth} profile of Berth's own data directory (first, when
 * {@code --data-dir} is given).
 */
final class CredentialSources {
    private CredentialSources() {
    }

    /**
     * @param dataDirGiven true when the user named the data directory: its credentials then come before the
     *                     shared credentials file (whose default profile may hold real AWS keys)
     */
    static Optional<AwsCredentials> find(Map<String, String> environment, Path dataDir, boolean dataDirGiven) {
        String id = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (id != null && secret != null) {
            String token = environment.get("AWS_SESSION_TOKEN");
            return Optional.of(token == null ? AwsCredentials.of(id, secret) : AwsCredentials.of(id, secret, token));
        }
        String profile = environment.getOrDefault("AWS_PROFILE", "default");
        Path shared = environment.containsKey("AWS_SHARED_CREDENTIALS_FILE")
                ? Path.of(environment.get("AWS_SHARED_CREDENTIALS_FILE"))
                : Path.of(System.getProperty("user.home"), ".aws", "credentials");
        var sharedFile = Map.entry(shared, profile);
        var berthFile = Map.entry(dataDir.resolve("credentials"), "berth");
        for (var candidate : dataDirGiven ? List.of(berthFile, sharedFile) : List.of(sharedFile, berthFile)) {
            Optional<AwsCredentials> found = fromFile(candidate.getKey(), candidate.getValue());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The profile's keys in an INI-style shared credentials file. */
    static Optional<AwsCredentials> fromFile(Path file, String profile) {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        String section = null;
        try {
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.startsWith("[") && line.endsWith("]")) {
                    section = line.substring(1, line.length() - 1).strip();
                } else if (profile.equals(section) && line.contains("=") && !line.startsWith("#")) {
                    int eq = line.indexOf('=');
                    values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        String id = values.get("aws_access_key_id");
        String secret = values.get("aws_secret_access_key");
        if (id == null || secret == null) {
            return Optional.empty();
        }
        String token = values.get("aws_session_token");
        return Optional.of(token == null ? AwsCredentials.of(id, secret) : AwsCredentials.of(id, secret, token));
    }
}
