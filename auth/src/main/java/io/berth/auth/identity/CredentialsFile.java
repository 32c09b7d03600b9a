package io.berth.auth.identity;

import io.berth.auth.identity.Records.AccessKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes an access key as an AWS shared-credentials file ({@code [profile]} with {@code aws_access_key_id} and
 * {@code aws_secret_access_key}), readable by its owner only. The file is created with mode 0600 before any
 * secret is written, and replaced atomically.
 */
public final class CredentialsFile {
    /** The profile name Berth writes, for {@code AWS_PROFILE=berth} or {@code --profile berth}. */
    public static final String PROFILE = "berth";

    private CredentialsFile() {
    }

    public static void write(Path file, AccessKey key) {
        String content = "[" + PROFILE + "]\n"
                + "aws_access_key_id = " + key.accessKeyId() + "\n"
                + "aws_secret_access_key = " + key.secret() + "\n";
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(temporary);
            }
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** True when the file holds this key id (so an unchanged key is not rewritten). */
    public static boolean holds(Path file, String accessKeyId) {
        try {
            return Files.exists(file) && Files.readString(file).contains("aws_access_key_id = " + accessKeyId + "\n");
        } catch (IOException e) {
            return false;
        }
    }
}
