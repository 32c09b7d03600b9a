package io.berth.server.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal POSIX ustar writer for image layers: directories, regular files and symbolic links, owned by root,
 * with a fixed modification time so the same content always gives the same bytes (and digests). Also reads the
 * files back out of a small layer that a client built, to check what it holds.
 */
final class Tar implements AutoCloseable {
    private static final int BLOCK = 512;
    /** 2020-01-01T00:00:00Z: any fixed time keeps layers reproducible. */
    private static final long MTIME = 1_577_836_800L;

    private final OutputStream out;

    Tar(OutputStream out) {
        this.out = out;
    }

    void directory(String name) throws IOException {
        header(name.endsWith("/") ? name : name + "/", 0755, 0, '5', "");
    }

    void file(String name, int mode, byte[] content) throws IOException {
        header(name, mode, content.length, '0', "");
        out.write(content);
        pad(content.length);
    }

    /** A regular file of {@code size} bytes read from {@code content}, streamed (never held in memory). */
    void file(String name, int mode, long size, InputStream content) throws IOException {
        header(name, mode, size, '0', "");
        long copied = content.transferTo(out);
        if (copied != size) {
            throw new IOException("tar entry " + name + " declared " + size + " bytes but got " + copied);
        }
        pad(size);
    }

    void symlink(String name, String target) throws IOException {
        header(name, 0777, 0, '2', target);
    }

    /** Writes the two zero blocks that end an archive; does not close the underlying stream. */
    @Override
    public void close() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    /**
     * The regular files of a (small) tar archive by name, without a leading {@code ./} or {@code /}; other
     * entries (directories, links, PAX headers) are skipped.
     */
    static Map<String, byte[]> readFiles(InputStream in) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        while (true) {
            byte[] header = in.readNBytes(BLOCK);
            if (header.length < BLOCK || isZero(header)) {
                return files;
            }
            String name = field(header, 0, 100);
            if ("ustar".equals(field(header, 257, 6)) && !field(header, 345, 155).isEmpty()) {
                name = field(header, 345, 155) + "/" + name;
            }
            String sizeText = field(header, 124, 12).trim();
            long size = sizeText.isEmpty() ? 0 : Long.parseLong(sizeText, 8);
            byte[] content = in.readNBytes((int) size);
            in.readNBytes((int) ((BLOCK - size % BLOCK) % BLOCK));
            char type = (char) header[156];
            if (type == '0' || type == 0) {
                files.put(name.replaceFirst("^\\./", "").replaceFirst("^/", ""), content);
            }
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private void header(String name, int mode, long size, char type, String linkName) throws IOException {
        byte[] header = new byte[BLOCK];
        put(header, 0, 100, name);
        octal(header, 100, 8, mode);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, MTIME);
        Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = (byte) type;
        put(header, 157, 100, linkName);
        put(header, 257, 6, "ustar");
        put(header, 263, 2, "00");
        put(header, 265, 32, "root");
        put(header, 297, 32, "root");
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        String checksum = String.format("%06o", sum);
        put(header, 148, 6, checksum);
        header[154] = 0;
        header[155] = ' ';
        out.write(header);
    }

    private void pad(long size) throws IOException {
        int remainder = (int) (size % BLOCK);
        if (remainder != 0) {
            out.write(new byte[BLOCK - remainder]);
        }
    }

    private static void put(byte[] header, int offset, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > length) {
            throw new IllegalArgumentException("tar header field too long: " + value);
        }
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    /** An octal number, zero-padded, followed by NUL, filling {@code length} bytes. */
    private static void octal(byte[] header, int offset, int length, long value) {
        String text = Long.toOctalString(value);
        put(header, offset, length - 1, "0".repeat(length - 1 - text.length()) + text);
    }
}
