package io.berth.auth.sigv4;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The AWS SigV4 test vectors under {@code aws-signing-test-suite/v4} (see the README there). */
final class SigV4TestSuite {
    /** One vector directory: its context and the expected files, read as text. */
    record Vector(String name, Path dir, String accessKeyId, String secret, Optional<String> token,
                  boolean normalize, boolean signBody, boolean omitSessionToken, long expiresSeconds,
                  Instant timestamp) {
        String file(String fileName) {
            try {
                return Files.readString(dir.resolve(fileName), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        HttpText request(String fileName) {
            return HttpText.parse(file(fileName));
        }

        String region() {
            return "us-east-1";
        }

        String service() {
            return "service";
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private SigV4TestSuite() {
    }

    static List<Vector> all() {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(Files::isDirectory).sorted().map(SigV4TestSuite::vector).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The vectors for the rules of every service but S3: path normalised. */
    static List<Vector> normalized() {
        return all().stream().filter(Vector::normalize).toList();
    }

    private static Path root() {
        try {
            return Path.of(SigV4TestSuite.class.getResource("aws-signing-test-suite/v4").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Vector vector(Path dir) {
        String context;
        try {
            context = Files.readString(dir.resolve("context.json"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Vector(dir.getFileName().toString(), dir, string(context, "access_key_id").orElseThrow(),
                string(context, "secret_access_key").orElseThrow(), string(context, "token"),
                bool(context, "normalize"), bool(context, "sign_body"), bool(context, "omit_session_token"),
                Long.parseLong(raw(context, "expiration_in_seconds").orElseThrow()),
                Instant.parse(string(context, "timestamp").orElseThrow()));
    }

    private static Optional<String> string(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> raw(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*([^,\\s}]+)").matcher(json);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static boolean bool(String json, String key) {
        return raw(json, key).map(Boolean::parseBoolean).orElse(false);
    }
}
