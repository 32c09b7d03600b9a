package io.berth.server.it;

import io.berth.server.it.OciLayout.Descriptor;
import io.berth.server.it.TestImages.Image;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The containers/image {@code dir:} transport layout (as skopeo reads and writes it): a {@code version} file,
 * {@code manifest.json} with the top-level manifest's exact bytes, {@code <hex>.manifest.json} for each image of
 * a manifest list, and every blob as a file named by its hex digest. Skopeo's {@code oci:} transport only takes
 * OCI media types, so the Docker schema 2 images and manifest list travel through this layout instead.
 */
public final class DirLayout {
    private static final String VERSION = "Directory Transport Version: 1.1\n";

    private DirLayout() {
    }

    /** Writes {@code image} (and, for a list, every image in it) from {@code source} into a new {@code dir}. */
    public static Path write(OciLayout source, Image image, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("version"), VERSION);
            Files.write(dir.resolve("manifest.json"), image.manifestBytes());
            copyBlobs(source, image, dir);
            for (Image child : image.children()) {
                Files.write(dir.resolve(hex(child.digest()) + ".manifest.json"), child.manifestBytes());
                copyBlobs(source, child, dir);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] manifest(Path dir) {
        return read(dir.resolve("manifest.json"));
    }

    /** The manifest of one image of a manifest list. */
    public static byte[] instanceManifest(Path dir, String digest) {
        return read(dir.resolve(hex(digest) + ".manifest.json"));
    }

    public static Path blob(Path dir, String digest) {
        return dir.resolve(hex(digest));
    }

    private static void copyBlobs(OciLayout source, Image image, Path dir) throws IOException {
        for (Descriptor blob : image.blobs()) {
            Files.copy(source.blobPath(blob.digest()), dir.resolve(hex(blob.digest())),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hex(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }
}
