package io.berth.storage.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.storage.error.NameInvalidException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The distribution spec's grammar: components of {@code [a-z0-9]+} joined by {@code .}, {@code _}, {@code __} or
 * runs of {@code -}, separated by {@code /}.
 */
class RepositoryNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "library/ubuntu", "team/app", "a/b/c/d", "my-app", "my--app", "my.app", "my_app",
            "my__app", "a__b", "0", "9lives/v2", "foo/bar-baz_qux.quux", "registry.example.com/team/app"})
    void acceptsSpecNames(String name) {
        assertEquals(name, RepositoryName.of(name).value());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "A", "Library/ubuntu", "team/App",         // upper case
            "../etc", "..", ".", "a/../b", "./a",       // path tricks
            "a//b", "/a", "a/", "/",                    // empty components
            "a___b", "a_.b", "a.-b", "a..b",            // separators the grammar does not allow
            "-a", "a-", "_a", "a_", ".a", "a.",         // separators at the edges
            "a b", "a\tb", "a\nb", "a\u0000b", "a:b", "a@b", "a%2fb", "a\\b",
            "ä", "a/ü"})
    void rejectsOtherNames(String name) {
        assertThrows(NameInvalidException.class, () -> RepositoryName.of(name));
    }

    @Test
    void acceptsUpTo256Characters() {
        String max = "a".repeat(RepositoryName.MAX_LENGTH);
        String nested = "ab/".repeat(85) + "a";
        assertEquals(256, max.length());
        assertEquals(256, nested.length());
        assertEquals(max, RepositoryName.of(max).value());
        assertEquals(nested, RepositoryName.of(nested).value());

        assertThrows(NameInvalidException.class, () -> RepositoryName.of(max + "a"));
        assertThrows(NameInvalidException.class, () -> RepositoryName.of(nested + "b"));
    }

    @Test
    void rejectsHostileLengthQuickly() {
        String hostile = "a-".repeat(500_000) + "!";
        assertThrows(NameInvalidException.class, () -> RepositoryName.of(hostile));
    }

    @Test
    void agreesWithTheSpecsRegularExpressionOnEveryShortString() {
        String component = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
        java.util.regex.Pattern grammar = java.util.regex.Pattern.compile(component + "(?:/" + component + ")*");
        char[] alphabet = {'a', '0', '.', '_', '-', '/', 'A'};
        for (int length = 1; length <= 6; length++) {
            int[] digits = new int[length];
            for (long n = 0; n < Math.pow(alphabet.length, length); n++) {
                char[] chars = new char[length];
                for (int i = 0; i < length; i++) {
                    chars[i] = alphabet[digits[i]];
                }
                String name = new String(chars);
                boolean valid;
                try {
                    RepositoryName.of(name);
                    valid = true;
                } catch (NameInvalidException e) {
                    valid = false;
                }
                assertEquals(grammar.matcher(name).matches(), valid, name);
                for (int i = 0; i < length && ++digits[i] == alphabet.length; i++) {
                    digits[i] = 0;
                }
            }
        }
    }
}
