package io.berth.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoginScopeTest {
    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
        "*, anything/at/all, true",
        "team-a/*, team-a/app, true",
        "team-a/*, team-a/, true",
        "team-a/*, team-a, false",
        "team-a/*, team-ab/app, false",
        "*/cache, mirror/docker.io/cache, true",
        "*/cache, mirror/cache-x, false",
        "a*b*c, axxbyyc, true",
        "a*b*c, axxbyy, false",
        "a**, a, true",
        "exact, exact, true",
        "exact, exactly, false",
        "prod-*-*, prod-eu-web, true",
    })
    void wildcardMatching(String pattern, String name, boolean expected) {
        assertEquals(expected, LoginScope.matches(pattern, name));
    }
}
