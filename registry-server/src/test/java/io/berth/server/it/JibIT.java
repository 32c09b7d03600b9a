package io.berth.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jib core builds images in Java and pushes them to Berth with no daemon: a base image from scratch holding
 * busybox, then application images on that base, which reuse its layer by cross-repository mount (another
 * repository) or because the blob is already there (the same repository). Checked over plain HTTP. Jib sends the
 * user AWS and the real AWS CLI's password for the target and the base image, as a build configured with ECR
 * credentials does (over plain HTTP only with {@code -DsendCredentialsOverHttp=true}, as Jib's users must set);
 * without credentials or with a wrong password it is refused.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class JibIT {
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    /** Jib's switch for sending credentials to a registry on plain HTTP, which it refuses to do otherwise. */
    private static final String SEND_CREDENTIALS_OVER_HTTP = "sendCredentialsOverHttp";

    @TempDir
    static Path tmp;
    static BerthFixture berth;
    static RegistryHttp http;
    static JibContainer base;
    static String password;
    static String sendCredentialsOverHttpBefore;
    int mark;

    @BeforeAll
    static void start() throws Exception {
        Exec.requireProgram(BUSYBOX.toString(), "busybox-static");
        sendCredentialsOverHttpBefore = System.setProperty(SEND_CREDENTIALS_OVER_HTTP, "true");
        berth = BerthFixture.start(tmp.resolve("berth"));
        password = berth.loginPassword();
        http = berth.http();
        base = containerize(busyboxFromScratch(), "jib/base:1", new CopyOnWriteArrayList<>());
    }

    @AfterAll
    static void stop() {
        try {
            if (berth != null) {
                berth.close();
            }
        } finally {
            if (sendCredentialsOverHttpBefore == null) {
                System.clearProperty(SEND_CREDENTIALS_OVER_HTTP);
            } else {
                System.setProperty(SEND_CREDENTIALS_OVER_HTTP, sendCredentialsOverHttpBefore);
            }
        }
    }

    @BeforeEach
    void markLog() {
        mark = berth.mark();
    }

    @AfterEach
    void berthLoggedNoErrors() {
        berth.assertNoErrorsSince(mark);
    }

    @Test
    void imageBuiltFromScratchIsServedWithItsLayerAndConfig() throws IOException {
        RegistryHttp.Response served = http.manifest("jib/base", "1");
        assertEquals(base.getDigest().toString(), served.header("Docker-Content-Digest"), served::describe);
        assertEquals(base.getDigest().toString(), OciLayout.sha256(served.body()));
        assertEquals(TestImages.DOCKER_MANIFEST, served.header("Content-Type"), served::describe);
        JsonNode manifest = served.json();
        assertEquals(base.getImageId().toString(), manifest.get("config").get("digest").asText(), served::describe);
        assertEquals(1, manifest.get("layers").size(), served::describe);

        byte[] layer = blob("jib/base", manifest.get("layers").get(0));
        Map<String, byte[]> files = Tar.readFiles(new GZIPInputStream(new ByteArrayInputStream(layer)));
        assertArrayEquals(Files.readAllBytes(BUSYBOX), files.get("bin/busybox"), "busybox in the layer: " + files.keySet());
        assertEquals("linux/amd64\n", new String(files.get(TestImages.RELEASE_FILE), StandardCharsets.UTF_8));

        JsonNode config = TestImages.readJson(blob("jib/base", manifest.get("config")));
        assertEquals("amd64", config.get("architecture").asText());
        assertEquals("linux", config.get("os").asText());
        byte[] uncompressed = new GZIPInputStream(new ByteArrayInputStream(layer)).readAllBytes();
        assertEquals(OciLayout.sha256(uncompressed), config.get("rootfs").get("diff_ids").get(0).asText());
    }

    @Test
    void imageOnABaseInAnotherRepositoryMountsTheBaseLayer() throws Exception {
        String baseLayer = layers("jib/base", "1").getFirst();
        JibContainer app = containerize(appOnBase("hello from jib"), "jib/app:1", new CopyOnWriteArrayList<>());

        List<String> layers = layers("jib/app", "1");
        assertEquals(2, layers.size(), layers::toString);
        assertEquals(baseLayer, layers.get(0));
        assertEquals(app.getDigest().toString(), http.manifest("jib/app", "1").header("Docker-Content-Digest"));
        for (String layer : layers) {
            assertTrue(http.blobExists("jib/app", layer), layer);
        }
        // POST .../blobs/uploads/?mount=<base layer>&from=jib/base answered 201: mounted, not uploaded again.
        List<String> mounted = berth.log().accessLines(mark, "POST /v2/jib/app/blobs/uploads/ 201");
        assertEquals(1, mounted.size(), () -> String.join("\n", berth.log().linesSince(mark)));
        assertEquals("hello from jib", appFile("jib/app", layers.get(1)));
    }

    @Test
    void secondImageInTheSameRepositoryReusesTheLayersAlreadyThere() throws Exception {
        JibContainer first = containerize(appOnBase("first"), "jib/reuse:1", new CopyOnWriteArrayList<>());
        List<String> events = new CopyOnWriteArrayList<>();
        JibContainer second = containerize(appOnBase("second"), "jib/reuse:2", events);

        List<String> firstLayers = layers("jib/reuse", "1");
        List<String> secondLayers = layers("jib/reuse", "2");
        assertEquals(firstLayers.get(0), secondLayers.get(0), "the base layer is shared");
        assertNotEquals(firstLayers.get(1), secondLayers.get(1));
        assertNotEquals(first.getDigest(), second.getDigest());
        assertTrue(events.stream().anyMatch(event -> event.contains("BLOB already exists on target registry")
                && event.contains(secondLayers.get(0))), () -> String.join("\n", events));
        assertEquals("first", appFile("jib/reuse", firstLayers.get(1)));
        assertEquals("second", appFile("jib/reuse", secondLayers.get(1)));
        JsonNode tags = http.get("/v2/jib/reuse/tags/list").json();
        assertEquals(List.of("1", "2"), List.of(tags.get("tags").get(0).asText(), tags.get("tags").get(1).asText()));
    }

    @Test
    void pushWithoutCredentialsOrWithAWrongPasswordIsRefused() throws Exception {
        String tampered = BerthFixture.tamper(password);
        RegistryUnauthorizedException anonymous = assertThrows(RegistryUnauthorizedException.class,
                () -> containerize(busyboxFromScratch(), image("jib/refused:1"), new CopyOnWriteArrayList<>()));
        assertEquals(401, anonymous.getHttpResponseException().getStatusCode(), anonymous::toString);
        RegistryUnauthorizedException wrong = assertThrows(RegistryUnauthorizedException.class,
                () -> containerize(busyboxFromScratch(), image("jib/refused:1").addCredential(BerthFixture.USER,
                        tampered), new CopyOnWriteArrayList<>()));
        assertEquals(401, wrong.getHttpResponseException().getStatusCode(), wrong::toString);
        RegistryHttp.Response nothing = http.get("/v2/jib/refused/manifests/1", "Accept",
                RegistryHttp.ACCEPT_ALL_MANIFESTS);
        assertEquals(404, nothing.status(), nothing::describe);

        // Pulling the base with a wrong password is refused too, though the push would be allowed.
        JibContainerBuilder onBase = Jib.from(image("jib/base:1").addCredential(BerthFixture.USER, tampered))
                .setEntrypoint("/bin/busybox", "true");
        RegistryUnauthorizedException pull = assertThrows(RegistryUnauthorizedException.class,
                () -> containerize(onBase, "jib/refused:2", new CopyOnWriteArrayList<>()));
        assertEquals(401, pull.getHttpResponseException().getStatusCode(), pull::toString);
        assertTrue(pull.getImageReference().contains("jib/base"), pull::toString);
    }

    /** A base image from scratch: busybox and the release file in one layer. */
    private static JibContainerBuilder busyboxFromScratch() throws IOException {
        Path release = Files.writeString(tmp.resolve("berth-release"), "linux/amd64\n");
        return Jib.fromScratch()
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("busybox")
                        .addEntry(BUSYBOX, AbsoluteUnixPath.get("/bin/busybox"), FilePermissions.fromOctalString("755"))
                        .addEntry(release, AbsoluteUnixPath.get("/" + TestImages.RELEASE_FILE))
                        .build())
                .setEntrypoint("/bin/busybox", "sh");
    }

    private static JibContainerBuilder appOnBase(String content) throws Exception {
        Path file = Files.createTempFile(tmp, "app", ".txt");
        Files.writeString(file, content);
        return Jib.from(loggedIn(image("jib/base:1")))
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("app")
                        .addEntry(file, AbsoluteUnixPath.get("/app/hello.txt")).build())
                .setEntrypoint("/bin/busybox", "cat", "/app/hello.txt");
    }

    /** {@code 127.0.0.1:PORT/<repositoryAndTag>}, without credentials. */
    private static RegistryImage image(String repositoryAndTag) throws InvalidImageReferenceException {
        return RegistryImage.named(berth.hostPort() + "/" + repositoryAndTag);
    }

    /** The image with the user AWS and the AWS CLI's password, as ECR users configure Jib. */
    private static RegistryImage loggedIn(RegistryImage image) {
        return image.addCredential(BerthFixture.USER, password);
    }

    private static JibContainer containerize(JibContainerBuilder builder, String target, List<String> events)
            throws Exception {
        return containerize(builder, loggedIn(image(target)), events);
    }

    private static JibContainer containerize(JibContainerBuilder builder, RegistryImage target, List<String> events)
            throws Exception {
        Containerizer containerizer = Containerizer.to(target)
                .setAllowInsecureRegistries(true)
                .setBaseImageLayersCache(tmp.resolve("jib-cache/base"))
                .setApplicationLayersCache(tmp.resolve("jib-cache/app"))
                .setToolName("berth-it")
                .addEventHandler(LogEvent.class, event -> events.add(event.getLevel() + " " + event.getMessage()));
        return builder.containerize(containerizer);
    }

    private static List<String> layers(String repository, String reference) {
        List<String> digests = new ArrayList<>();
        http.manifest(repository, reference).json().get("layers").forEach(l -> digests.add(l.get("digest").asText()));
        return digests;
    }

    /** The blob a descriptor names, checked against its digest and size. */
    private static byte[] blob(String repository, JsonNode descriptor) {
        String digest = descriptor.get("digest").asText();
        RegistryHttp.Response response = http.get("/v2/" + repository + "/blobs/" + digest);
        assertEquals(200, response.status(), response::describe);
        assertEquals(descriptor.get("size").asLong(), response.body().length, digest);
        assertEquals(digest, OciLayout.sha256(response.body()));
        return response.body();
    }

    private static String appFile(String repository, String layerDigest) throws IOException {
        RegistryHttp.Response response = http.get("/v2/" + repository + "/blobs/" + layerDigest);
        assertEquals(200, response.status(), response::describe);
        Map<String, byte[]> files = Tar.readFiles(new GZIPInputStream(new ByteArrayInputStream(response.body())));
        return new String(files.get("app/hello.txt"), StandardCharsets.UTF_8);
    }
}
