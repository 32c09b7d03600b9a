package io.berth.storage.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.storage.error.DigestInvalidException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {
    /** FIPS 180-2 test vectors for "abc". */
    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String SHA512_ABC = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

    @Test
    void computesSha256AndSha512() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertEquals("sha256:" + SHA256_ABC, Digest.sha256(abc).toString());
        assertEquals("sha512:" + SHA512_ABC, Digest.of(DigestAlgorithm.SHA512, abc).toString());
    }

    @Test
    void parsesWhatItPrints() {
        for (String text : new String[] {"sha256:" + SHA256_ABC, "sha512:" + SHA512_ABC}) {
            Digest digest = Digest.parse(text);
            assertEquals(text, digest.toString());
            assertEquals(digest, Digest.parse(digest.toString()));
        }
        assertEquals(DigestAlgorithm.SHA512, Digest.parse("sha512:" + SHA512_ABC).algorithm());
        assertEquals(SHA256_ABC, Digest.parse("sha256:" + SHA256_ABC).hex());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "sha256",                                  // no hex
            "sha256:",                                 // empty hex
            ":" + SHA256_ABC,                          // no algorithm
            SHA256_ABC,                                // no algorithm at all
            "sha256:ba7816bf",                         // too short
            "sha256:" + SHA256_ABC + "0",              // too long
            "sha256:" + SHA512_ABC,                    // sha512 length under sha256
            "sha512:" + SHA256_ABC,                    // sha256 length under sha512
            "sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", // uppercase hex
            "SHA256:" + SHA256_ABC,                    // uppercase algorithm
            "sha256:zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", // not hex
            " sha256:" + SHA256_ABC,                   // whitespace
            "sha256:" + SHA256_ABC + "\n",
            "sha256::" + SHA256_ABC,
            "sha256:../../etc/passwd",
    })
    void rejectsMalformedDigests(String text) {
        assertThrows(DigestInvalidException.class, () -> Digest.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"md5:900150983cd24fb0d6963f7d28e17f72", "sha384:abcd", "sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564",
            "blake3:" + SHA256_ABC})
    void rejectsUnknownAlgorithms(String text) {
        DigestInvalidException error = assertThrows(DigestInvalidException.class, () -> Digest.parse(text));
        assertEquals(text, error.detail());
    }

    @Test
    void rejectsHostileLengthQuickly() {
        String huge = "sha256:" + "a".repeat(1_000_000);
        assertThrows(DigestInvalidException.class, () -> Digest.parse(huge));
    }

    @Test
    void constructorChecksTheHexToo() {
        assertThrows(DigestInvalidException.class, () -> new Digest(DigestAlgorithm.SHA256, "abc"));
        assertThrows(DigestInvalidException.class, () -> new Digest(DigestAlgorithm.SHA256, SHA256_ABC.toUpperCase()));
    }

    @Test
    void tellsDigestsFromTags() {
        assertTrue(Digest.looksLikeDigest("sha256:" + SHA256_ABC));
        assertFalse(Digest.looksLikeDigest("latest"));
        assertTrue(Reference.parse("sha256:" + SHA256_ABC) instanceof Reference.ByDigest);
        assertEquals(new Reference.ByTag(Tag.of("v1.0")), Reference.parse("v1.0"));
        assertThrows(DigestInvalidException.class, () -> Reference.parse("sha256:short"));
    }

    @Test
    void ordersByText() {
        Digest low = Digest.parse("sha256:" + "0".repeat(64));
        Digest high = Digest.parse("sha256:" + "f".repeat(64));
        assertTrue(low.compareTo(high) < 0);
        assertEquals(0, low.compareTo(Digest.parse(low.toString())));
    }
}
