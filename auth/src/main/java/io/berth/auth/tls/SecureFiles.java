package io.berth.auth.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Writes the TLS files: each goes to a temporary file in the same directory, created with its final mode before
 * any byte is written (0600 for keys, 0644 for certificates), flushed to disk and then moved over the target in
 * one atomic rename, so a crash leaves either the old file or the new one, never a torn or briefly readable key.
 * On file systems without POSIX permissions the modes are skipped.
 */
final class SecureFiles {
    /** Who may read a file. */
    enum Access {
        /** Private keys: owner read/write only. */
        OWNER_ONLY("rw-------"),
        /** Certificates: public by nature. */
        WORLD_READABLE("rw-r--r--");

        private final Set<PosixFilePermission> permissions;

        Access(String mode) {
            this.permissions = PosixFilePermissions.fromString(mode);
        }
    }

    /** The directory holds the CA key, so only its owner may list or enter it. */
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private SecureFiles() {
    }

    /**
     * Creates the directory (owner-only where it is new) and removes the temporaries an interrupted write of any
     * of the named files left behind.
     */
    static void prepareDirectory(Path directory, List<String> fileNames) throws IOException {
        if (!Files.isDirectory(directory)) {
            Path parent = directory.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (isPosix(parent)) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
            } else {
                Files.createDirectory(directory);
            }
        }
        for (String name : fileNames) {
            try (var leftovers = Files.newDirectoryStream(directory, temporaryPrefix(name) + "*" + TEMPORARY_SUFFIX)) {
                for (Path leftover : leftovers) {
                    Files.deleteIfExists(leftover);
                }
            }
        }
    }

    static void writeAtomically(Path target, byte[] content, Access access) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temporary = createTemporary(directory, target.getFileName().toString(), access);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        syncDirectory(directory);
    }

    /** True when the file's mode lets anyone but its owner read or write it. */
    static boolean readableByOthers(Path file) throws IOException {
        if (!isPosix(file)) {
            return false;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        permissions.removeAll(Access.OWNER_ONLY.permissions);
        return !permissions.isEmpty();
    }

    private static Path createTemporary(Path directory, String name, Access access) throws IOException {
        String prefix = temporaryPrefix(name);
        if (!isPosix(directory)) {
            return Files.createTempFile(directory, prefix, TEMPORARY_SUFFIX);
        }
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(access.permissions);
        return Files.createTempFile(directory, prefix, TEMPORARY_SUFFIX, mode);
    }

    private static String temporaryPrefix(String name) {
        return "." + name + ".";
    }

    /** Makes the rename itself durable; best effort, as not every platform can open a directory. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // the file content is already on disk; only the rename's durability is at stake
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
