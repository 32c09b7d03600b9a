package io.berth.auth.sigv4;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the requests out of {@code awscli-captures.txt}, with the server-side canonical request where shown. */
final class AwsCliCaptures {
    static final String ACCESS_KEY_ID = "AKIDEXAMPLE";
    /** The secret the captures were signed with: the one in AWS's SigV4 documentation examples. */
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Pattern REQUEST_LINE = Pattern.compile("^[A-Z]+ \\S+ HTTP/1\\.1$");
    private static final Pattern SESSION_TOKEN = Pattern.compile("AWS_SESSION_TOKEN=(\\S+)");

    /** One captured request and the command that sent it. */
    record Capture(String title, String command, HttpText request, Optional<String> sessionToken,
                   Optional<String> canonicalRequest, Optional<String> stringToSign) {
        String amzDate() {
            return request.headers().first("x-amz-date").orElseThrow();
        }

        String authorization() {
            return request.headers().first("authorization").orElseThrow();
        }

        @Override
        public String toString() {
            return title + " @ " + amzDate();
        }
    }

    private AwsCliCaptures() {
    }

    static List<Capture> load() {
        try (InputStream in = AwsCliCaptures.class.getResourceAsStream("awscli-captures.txt")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Capture> parse(List<String> lines) {
        List<Capture> captures = new ArrayList<>();
        String title = "";
        String command = "";
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                title = line.substring(3);
            } else if (line.startsWith("$ ")) {
                command = line.substring(2);
            } else if (REQUEST_LINE.matcher(line).matches()) {
                i = readRequest(lines, i, title, command, captures);
                continue;
            }
            i++;
        }
        return captures;
    }

    /** Reads the request starting at {@code start}; returns the index after it and its canonical request. */
    private static int readRequest(List<String> lines, int start, String title, String command,
                                  List<Capture> captures) {
        int end = start;
        while (!lines.get(end).isEmpty()) {
            end++;
        }
        HttpText head = HttpText.parse(String.join("\n", lines.subList(start, end)));
        int length = Integer.parseInt(head.headers().first("content-length").orElse("0"));
        StringBuilder body = new StringBuilder();
        int next = end + 1;
        while (body.length() < length) {
            body.append(body.isEmpty() ? "" : "\n").append(lines.get(next++));
        }
        if (body.length() != length) {
            throw new IllegalStateException("body of " + title + " is not " + length + " characters");
        }
        HttpText request = new HttpText(head.method(), head.rawPath(), head.rawQuery(), head.headers(),
                body.toString());
        Optional<String> canonical = Optional.empty();
        Optional<String> stringToSign = Optional.empty();
        while (next < lines.size() && !lines.get(next).startsWith("-----")) {
            if (lines.get(next).equals("[canonical request]")) {
                int stsMarker = lines.indexOf("[string to sign]");
                canonical = Optional.of(String.join("\n", lines.subList(next + 1, stsMarker)));
                stringToSign = Optional.of(String.join("\n", lines.subList(stsMarker + 1, stsMarker + 5)));
                next = stsMarker + 5;
                continue;
            }
            next++;
        }
        var token = SESSION_TOKEN.matcher(command);
        captures.add(new Capture(title, command, request, token.find() ? Optional.of(token.group(1))
                : Optional.empty(), canonical, stringToSign));
        return next;
    }
}
