package io.berth.server.oci;

import static io.berth.server.testing.RegistryClient.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class RoutingTest extends ApiTestBase {

    @Test
    void unknownEndpointIsA404WithAnErrorBody() {
        HttpResponse<byte[]> response = client.get("/v2/some/repo/nonsense/thing");
        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals("NOT_FOUND", errorCode(response));
    }

    @Test
    void wrongMethodIs405Unsupported() {
        HttpResponse<byte[]> response = client.send(client.request("/v2/_catalog")
                .method("POST", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, response.statusCode());
        assertEquals("UNSUPPORTED", errorCode(response));
    }

    @Test
    void hostileNamesAreNameInvalidNeverServerErrors() {
        for (String name : new String[] {"UPPER", "a..b", "-lead", "a//b", "a/", "x".repeat(300), "a%00b",
                "%2e%2e/%2e%2e/etc"}) {
            HttpResponse<byte[]> response = client.get("/v2/" + name + "/tags/list");
            assertTrue(response.statusCode() == 400 || response.statusCode() == 404,
                    name + " answered " + response.statusCode());
            if (response.statusCode() == 400) {
                assertEquals("NAME_INVALID", errorCode(response), name);
            }
        }
    }

    @Test
    void everyResponseCarriesARequestId() {
        assertTrue(client.get("/v2/").headers().firstValue("X-Request-Id").isPresent());
        assertTrue(client.get("/v2/x/tags/list").headers().firstValue("X-Request-Id").isPresent());
    }
}
