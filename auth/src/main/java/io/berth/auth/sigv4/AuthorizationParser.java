package io.berth.auth.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads SigV4 authentication from a request: the {@code Authorization: AWS4-HMAC-SHA256 Credential=..,
 * SignedHeaders=.., Signature=..} header with {@code X-Amz-Date} (or {@code Date}), or the presigned query
 * parameters {@code X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders,
 * X-Amz-Signature}. Only the structure is checked here; {@link SigV4Verifier} checks the values.
 */
final class AuthorizationParser {
    static final String AUTHORIZATION = "authorization";
    static final String X_AMZ_DATE = "x-amz-date";
    static final String DATE = "date";
    static final String SECURITY_TOKEN_HEADER = "x-amz-security-token";
    static final String Q_ALGORITHM = "X-Amz-Algorithm";
    static final String Q_CREDENTIAL = "X-Amz-Credential";
    static final String Q_DATE = "X-Amz-Date";
    static final String Q_EXPIRES = "X-Amz-Expires";
    static final String Q_SIGNED_HEADERS = "X-Amz-SignedHeaders";
    static final String Q_SIGNATURE = "X-Amz-Signature";
    static final String Q_SECURITY_TOKEN = "X-Amz-Security-Token";
    private static final List<String> QUERY_REQUIRED =
            List.of(Q_ALGORITHM, Q_CREDENTIAL, Q_SIGNATURE, Q_DATE, Q_SIGNED_HEADERS);
    private static final List<String> HEADER_REQUIRED = List.of("Credential", "Signature", "SignedHeaders");

    private AuthorizationParser() {
    }

    static SignatureParts parse(SignedRequest request) {
        List<String> authorization = request.headers().all(AUTHORIZATION);
        List<CanonicalQuery.Parameter> query = CanonicalQuery.parse(request.rawQuery());
        boolean presigned = CanonicalQuery.first(query, Q_ALGORITHM).isPresent()
                || CanonicalQuery.first(query, Q_CREDENTIAL).isPresent()
                || CanonicalQuery.first(query, Q_SIGNATURE).isPresent();
        if (authorization.isEmpty() && !presigned) {
            throw new MissingAuthenticationTokenException();
        }
        if (!authorization.isEmpty() && presigned) {
            throw new IncompleteSignatureException("Only one auth mechanism allowed; only the X-Amz-Algorithm "
                    + "query parameter or the Authorization header should be specified.");
        }
        if (authorization.size() > 1) {
            throw new IncompleteSignatureException("Only one Authorization header is allowed.");
        }
        return presigned ? fromQuery(request, query) : fromHeader(request, authorization.get(0));
    }

    private static SignatureParts fromHeader(SignedRequest request, String header) {
        Map<String, String> fields = headerFields(header);
        Optional<String> amzDate = request.headers().first(X_AMZ_DATE).map(String::strip);
        Optional<String> httpDate = request.headers().first(DATE).map(String::strip);
        List<String> problems = new ArrayList<>();
        for (String name : HEADER_REQUIRED) {
            if (!fields.containsKey(name)) {
                problems.add("Authorization header requires '" + name + "' parameter.");
            }
        }
        if (amzDate.isEmpty() && httpDate.isEmpty()) {
            problems.add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (!problems.isEmpty()) {
            throw new IncompleteSignatureException(String.join(" ", problems));
        }
        Instant signedAt = amzDate.isPresent() ? basicDate(amzDate.get()) : httpDate(httpDate.get());
        String[] credential = credential(fields.get("Credential"));
        return new SignatureParts(credential[0], new CredentialScope(credential[1], credential[2], credential[3]),
                credential[4], signedHeaders(fields.get("SignedHeaders")), fields.get("Signature"),
                AmzDate.format(signedAt), signedAt, Optional.empty(),
                request.headers().first(SECURITY_TOKEN_HEADER).map(String::strip), false);
    }

    private static SignatureParts fromQuery(SignedRequest request, List<CanonicalQuery.Parameter> query) {
        List<String> problems = new ArrayList<>();
        for (String name : QUERY_REQUIRED) {
            if (CanonicalQuery.first(query, name).isEmpty()) {
                problems.add("Query-string authentication requires the '" + name + "' parameter.");
            }
        }
        if (!problems.isEmpty()) {
            throw new IncompleteSignatureException(String.join(" ", problems));
        }
        String algorithm = single(query, Q_ALGORITHM);
        if (!algorithm.equals(SigV4Crypto.ALGORITHM)) {
            throw unsupportedAlgorithm();
        }
        Instant signedAt = basicDate(single(query, Q_DATE));
        String[] credential = credential(single(query, Q_CREDENTIAL));
        Optional<Duration> expires = optional(query, Q_EXPIRES).map(AuthorizationParser::expires);
        Optional<String> token = optional(query, Q_SECURITY_TOKEN)
                .or(() -> request.headers().first(SECURITY_TOKEN_HEADER).map(String::strip));
        return new SignatureParts(credential[0], new CredentialScope(credential[1], credential[2], credential[3]),
                credential[4], signedHeaders(single(query, Q_SIGNED_HEADERS)), single(query, Q_SIGNATURE),
                AmzDate.format(signedAt), signedAt, expires, token, true);
    }

    /** The comma-separated {@code key=value} fields after the algorithm name. */
    private static Map<String, String> headerFields(String header) {
        String value = header.strip();
        int space = value.indexOf(' ');
        String algorithm = space < 0 ? value : value.substring(0, space);
        if (!algorithm.equals(SigV4Crypto.ALGORITHM)) {
            throw unsupportedAlgorithm();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        String rest = space < 0 ? "" : value.substring(space + 1);
        for (String part : rest.split(",")) {
            String field = part.strip();
            if (field.isEmpty()) {
                continue;
            }
            int eq = field.indexOf('=');
            if (eq < 0) {
                throw new IncompleteSignatureException(
                        "Authorization header has a part that is not a valid key=value pair (missing equal-sign).");
            }
            String name = field.substring(0, eq).strip();
            if (fields.putIfAbsent(name, field.substring(eq + 1).strip()) != null) {
                throw new IncompleteSignatureException("Authorization header has the '" + name
                        + "' parameter more than once.");
            }
        }
        return fields;
    }

    /** {@code keyid/date/region/service/terminator}, split into its five elements. */
    private static String[] credential(String credential) {
        String[] elements = credential.split("/", -1);
        if (elements.length != 5) {
            throw new IncompleteSignatureException("Credential must have exactly 5 slash-delimited elements, "
                    + "e.g. keyid/date/region/service/term, got '" + credential + "'");
        }
        return elements;
    }

    private static List<String> signedHeaders(String text) {
        TreeSet<String> names = new TreeSet<>();
        for (String name : text.split(";", -1)) {
            String lower = name.strip().toLowerCase(Locale.ROOT);
            if (lower.isEmpty() || !names.add(lower)) {
                throw new IncompleteSignatureException("SignedHeaders must be a ';'-separated list of distinct "
                        + "header names, got '" + text + "'.");
            }
        }
        if (!names.contains("host")) {
            throw new IncompleteSignatureException(
                    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return List.copyOf(names);
    }

    private static Instant basicDate(String text) {
        return AmzDate.parseBasic(text).orElseThrow(() -> new IncompleteSignatureException("Date must be in "
                + "ISO-8601 'basic format'. Got '" + text + "'. See http://en.wikipedia.org/wiki/ISO_8601"));
    }

    private static Instant httpDate(String text) {
        return AmzDate.parseHttpDate(text).orElseThrow(() -> new IncompleteSignatureException("Date header must "
                + "be an RFC 1123 date such as 'Sun, 30 Aug 2015 12:36:00 GMT'. Got '" + text + "'."));
    }

    private static Duration expires(String text) {
        try {
            long seconds = Long.parseLong(text);
            if (seconds < 0) {
                throw new IncompleteSignatureException("X-Amz-Expires must be non-negative.");
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IncompleteSignatureException("X-Amz-Expires should be a number of seconds.");
        }
    }

    private static String single(List<CanonicalQuery.Parameter> query, String name) {
        List<String> values = CanonicalQuery.values(query, name);
        if (values.size() != 1) {
            throw new IncompleteSignatureException("Query-string parameter '" + name + "' must appear once.");
        }
        return values.get(0);
    }

    private static Optional<String> optional(List<CanonicalQuery.Parameter> query, String name) {
        return CanonicalQuery.first(query, name).map(present -> single(query, name));
    }

    private static IncompleteSignatureException unsupportedAlgorithm() {
        return new IncompleteSignatureException("Unsupported signing algorithm: requests must be signed with "
                + SigV4Crypto.ALGORITHM + ".");
    }
}
