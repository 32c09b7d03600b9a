package io.berth.storage.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.storage.error.TagInvalidException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The distribution spec's tag grammar: {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}. */
class TagTest {
    @ParameterizedTest
    @ValueSource(strings = {"latest", "v1.0.0", "V1", "1", "_", "_hidden", "release-2026_01.rc-1", "a..b", "a--"})
    void acceptsSpecTags(String tag) {
        assertEquals(tag, Tag.of(tag).value());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {".hidden", "-flag", ".", "-", "a/b", "a:b", "a b", "a\n", "a@sha256", "tag+build",
            "ü", "a\u0000"})
    void rejectsOtherTags(String tag) {
        assertThrows(TagInvalidException.class, () -> Tag.of(tag));
    }

    @Test
    void acceptsUpTo128Characters() {
        String max = "t".repeat(128);
        assertEquals(max, Tag.of(max).value());
        assertThrows(TagInvalidException.class, () -> Tag.of(max + "t"));
        assertThrows(TagInvalidException.class, () -> Tag.of("t".repeat(100_000)));
    }

    @Test
    void agreesWithTheSpecsRegularExpressionOnEveryShortString() {
        java.util.regex.Pattern grammar = java.util.regex.Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
        char[] alphabet = {'a', 'Z', '0', '_', '.', '-', '/', ':', '\u00e9'};
        for (int length = 1; length <= 5; length++) {
            int[] digits = new int[length];
            for (long n = 0; n < Math.pow(alphabet.length, length); n++) {
                char[] chars = new char[length];
                for (int i = 0; i < length; i++) {
                    chars[i] = alphabet[digits[i]];
                }
                String tag = new String(chars);
                boolean valid;
                try {
                    Tag.of(tag);
                    valid = true;
                } catch (TagInvalidException e) {
                    valid = false;
                }
                assertEquals(grammar.matcher(tag).matches(), valid, tag);
                for (int i = 0; i < length && ++digits[i] == alphabet.length; i++) {
                    digits[i] = 0;
                }
            }
        }
    }
}
