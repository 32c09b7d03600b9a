package io.berth.auth.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SigV4's percent-encoding: every byte except the unreserved characters {@code A-Z a-z 0-9 - _ . ~} becomes
 * {@code %XY} with uppercase hex. Decoding is lenient: a {@code %} not followed by two hex digits stays a literal
 * {@code %} (and so is re-encoded as {@code %25}); {@code +} is a literal plus, never a space.
 */
final class UriEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {
    }

    /** Encodes the UTF-8 form of {@code text}. */
    static String encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Encodes like {@link #encode(String)} but leaves {@code /} as is (for paths). */
    static String encodePath(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8), true);
    }

    /**
     * The canonical form of an already percent-encoded component: decoded to bytes, then encoded again, so
     * {@code %e1}, {@code %E1} and a raw byte all become {@code %E1}, and {@code %7E} becomes {@code ~}.
     */
    static String recode(String raw) {
        return encode(decodeToBytes(raw), false);
    }

    /** Decodes to text (for parameters whose values are ASCII, such as X-Amz-Credential). */
    static String decode(String raw) {
        return raw.indexOf('%') < 0 ? raw : new String(decodeToBytes(raw), StandardCharsets.UTF_8);
    }

    private static byte[] decodeToBytes(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && hexValue(raw.charAt(i + 1)) >= 0
                    && hexValue(raw.charAt(i + 2)) >= 0) {
                bytes.write(hexValue(raw.charAt(i + 1)) * 16 + hexValue(raw.charAt(i + 2)));
                i += 3;
            } else {
                int end = i + Character.charCount(raw.codePointAt(i));
                bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return bytes.toByteArray();
    }

    private static String encode(byte[] bytes, boolean keepSlash) {
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static int hexValue(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }
}
