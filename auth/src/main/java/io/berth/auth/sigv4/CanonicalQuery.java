package io.berth.auth.sigv4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Query strings: SigV4's canonical form (each name and value decoded and re-encoded, pairs sorted by name then
 * value, a name without {@code =} given an empty value) and lookup of single parameters by exact name.
 */
final class CanonicalQuery {
    private CanonicalQuery() {
    }

    /** One {@code name=value} pair as sent, still encoded. */
    record Parameter(String rawName, String rawValue) {
        String name() {
            return UriEncoding.decode(rawName);
        }

        String value() {
            return UriEncoding.decode(rawValue);
        }
    }

    static List<Parameter> parse(String rawQuery) {
        List<Parameter> parameters = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            parameters.add(eq < 0 ? new Parameter(pair, "") : new Parameter(pair.substring(0, eq),
                    pair.substring(eq + 1)));
        }
        return parameters;
    }

    /** The values of every parameter whose decoded name is exactly {@code name}. */
    static List<String> values(List<Parameter> parameters, String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).map(Parameter::value).toList();
    }

    static Optional<String> first(List<Parameter> parameters, String name) {
        return values(parameters, name).stream().findFirst();
    }

    /** The canonical query string, leaving out parameters whose decoded name is in {@code excludedNames}. */
    static String canonical(String rawQuery, Set<String> excludedNames) {
        List<String[]> encoded = new ArrayList<>();
        for (Parameter p : parse(rawQuery)) {
            if (excludedNames.contains(p.name())) {
                continue;
            }
            encoded.add(new String[] {UriEncoding.recode(p.rawName()), UriEncoding.recode(p.rawValue())});
        }
        encoded.sort(Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]));
        StringBuilder out = new StringBuilder();
        for (String[] pair : encoded) {
            out.append(out.isEmpty() ? "" : "&").append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }
}
