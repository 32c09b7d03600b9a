package io.berth.auth.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The canonical URI, query and header rules, case by case. */
class CanonicalizationTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''|/",
        "/|/",
        "//|/",
        "/./|/",
        "/example/..|/",
        "/example1/example2/../..|/",
        "/./example|/example",
        "//example//|/example/",
        "/a/./b/../c|/a/c",
        "/a/b/|/a/b/",
        "/a/.|/a",
        "/../a|/a",
        "/%2E%2E/a|/%252E%252E/a",
        "/a%20b|/a%2520b",
        "/a b|/a%20b",
        "/ሴ|/%E1%88%B4",
        "/%E1%88%B4|/%25E1%2588%25B4",
        "/~user/-._|/~user/-._",
        "/a+b|/a%2Bb",
        "/v2/repo:tag|/v2/repo%3Atag",
    })
    void canonicalUriNormalisesThenEncodesTheRawPathAgain(String rawPath, String expected) {
        assertEquals(expected, CanonicalUri.of(rawPath));
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''|''",
        "b=2&a=1|a=1&b=2",
        "a=2&a=1|a=1&a=2",
        "a|a=",
        "a=|a=",
        "a=b=c|a=b%3Dc",
        "%e1%88%b4=x|%E1%88%B4=x",
        "a=%7E|a=~",
        "a=+|a=%2B",
        "a=%|a=%25",
        "a=%zz|a=%25zz",
        "&&a=1&|a=1",
        "a-b=1&a=1|a=1&a-b=1",
        "b=1&B=1|B=1&b=1",
        "%FF=1|%FF=1",
        "k=a b|k=a%20b",
        "k=a%2Fb|k=a%2Fb",
        "k=a/b|k=a%2Fb",
    })
    void canonicalQueryDecodesReencodesAndSorts(String rawQuery, String expected) {
        assertEquals(expected, CanonicalQuery.canonical(rawQuery, Set.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Amz-Signature=abc&a=1", "a=1&X-Amz-Signature=abc", "a=1&X%2DAmz%2DSignature=abc"})
    void presignedCanonicalQueryLeavesTheSignatureOut(String rawQuery) {
        assertEquals("a=1", CanonicalQuery.canonical(rawQuery, Set.of(CanonicalRequest.SIGNATURE_PARAMETER)));
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'  a   b  '|a b",
        "'a\tb'|a b",
        "'\"a   b   c\"'|\"a b c\"",
        "''|''",
        "'   '|''",
    })
    void headerValuesAreTrimmedAndInnerSpacesCollapsed(String value, String expected) {
        assertEquals(expected, CanonicalRequest.canonicalValue(List.of(value)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "value2|value2|value1|value2,value2,value1",
        "' a '|''|b|a,,b",
    })
    void repeatedHeadersAreJoinedWithCommasInArrivalOrder(String first, String second, String third,
                                                         String expected) {
        assertEquals(expected, CanonicalRequest.canonicalValue(List.of(first, second, third)));
    }
}
