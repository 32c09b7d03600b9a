package io.berth.auth.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A raw HTTP/1.1 request as written in the test data: request line, headers (with obs-fold continuation lines
 * joined by a space, and optional whitespace around values stripped as an HTTP server does), blank line, body.
 */
record HttpText(String method, String rawPath, String rawQuery, HeaderMap headers, String body) {

    static HttpText parse(String text) {
        List<String> lines = text.lines().toList();
        String requestLine = lines.get(0);
        int firstSpace = requestLine.indexOf(' ');
        int lastSpace = requestLine.lastIndexOf(' ');
        String target = requestLine.substring(firstSpace + 1, lastSpace);
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1);
        HeaderMap.Builder headers = HeaderMap.builder();
        String name = null;
        StringBuilder value = new StringBuilder();
        int i = 1;
        for (; i < lines.size() && !lines.get(i).isEmpty(); i++) {
            String line = lines.get(i);
            if (line.startsWith(" ") || line.startsWith("\t")) {
                value.append(' ').append(line.strip());
                continue;
            }
            if (name != null) {
                headers.add(name, value.toString().strip());
            }
            int colon = line.indexOf(':');
            name = line.substring(0, colon);
            value = new StringBuilder(line.substring(colon + 1));
        }
        if (name != null) {
            headers.add(name, value.toString().strip());
        }
        String body = i + 1 < lines.size() ? String.join("\n", lines.subList(i + 1, lines.size())) : "";
        return new HttpText(requestLine.substring(0, firstSpace), path, query, headers.build(), body);
    }

    byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    SignedRequest toSignedRequest() {
        return SignedRequest.withBody(method, rawPath, rawQuery, headers, bodyBytes());
    }
}
