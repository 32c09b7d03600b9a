package io.berth.server.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.server.it.OciLayout.Descriptor;
import io.berth.server.it.TestImages.Image;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * skopeo pushes every kind of test image into Berth and copies it back out; what comes back must be the same
 * bytes, digest for digest. Also list-tags, delete, and the referrers API for an artifact with a subject. skopeo
 * logs in as users of ECR do, with a password from the real AWS CLI; without it, with a tampered one or after
 * logging out it is refused.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SkopeoIT {
    /** Big enough that buffering a whole blob in Berth's heap would show, small enough for a 2-core machine. */
    private static final long LARGE_LAYER_BYTES = 256L << 20;
    /** Whole downloads of the large layer besides skopeo's: each is streamed and checked against its digest. */
    private static final int LARGE_DOWNLOADS = 3;
    /** Berth's default chunk size: ranges are checked across a chunk boundary. */
    private static final long CHUNK = 1L << 20;
    /** What ECR answers a request without valid credentials with (the realm is Berth's own). */
    private static final String CHALLENGE = "Basic realm=\"berth\",service=\"ecr.amazonaws.com\"";

    @TempDir
    static Path tmp;
    static BerthFixture berth;
    static TestImages images;
    static Skopeo skopeo;
    static RegistryHttp http;
    int mark;

    @BeforeAll
    static void start() {
        Exec.requireProgram("skopeo", "skopeo");
        images = TestImages.build(tmp.resolve("images"));
        berth = BerthFixture.start(tmp.resolve("berth"));
        skopeo = new Skopeo(berth.hostPort(), tmp.resolve("skopeo-auth.json"));
        skopeo.login(berth.loginPassword());
        http = berth.http();
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            berth.close();
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
    void singleArchImageRoundTripsBitForBit() {
        skopeo.copy(oci(images.layout, "amd64"), skopeo.docker("skopeo/busybox:amd64"), false);

        assertArrayEquals(images.amd64.manifestBytes(), skopeo.inspectRaw(skopeo.docker("skopeo/busybox:amd64")));
        RegistryHttp.Response served = http.manifest("skopeo/busybox", "amd64");
        assertEquals(images.amd64.digest(), served.header("Docker-Content-Digest"), served::describe);
        assertEquals(TestImages.OCI_MANIFEST, served.header("Content-Type"), served::describe);

        OciLayout out = OciLayout.create(tmp.resolve("out-amd64"));
        skopeo.copy(skopeo.docker("skopeo/busybox:amd64"), oci(out, "copy"), false);
        assertEquals(images.amd64.manifest(), out.resolve("copy"));
        assertSameContent(images.layout, images.amd64, out);
    }

    @Test
    void imageIndexRoundTripsWithEveryPlatform() {
        skopeo.copy(oci(images.layout, "index"), skopeo.docker("skopeo/multi:1"), true);

        assertArrayEquals(images.index.manifestBytes(), skopeo.inspectRaw(skopeo.docker("skopeo/multi:1")));
        assertArrayEquals(images.arm64.manifestBytes(),
                skopeo.inspectRaw(skopeo.docker("skopeo/multi@" + images.arm64.digest())));
        JsonNode arm64 = TestImages.readJson(skopeo.command("inspect", "--tls-verify=false",
                "--override-arch", "arm64", "--override-os", "linux", skopeo.docker("skopeo/multi:1")).run()
                .stdout().getBytes());
        assertEquals("arm64", arm64.get("Architecture").asText());
        assertEquals(images.arm64.blobs().get(1).digest(), arm64.get("Layers").get(0).asText());

        OciLayout out = OciLayout.create(tmp.resolve("out-index"));
        skopeo.copy(skopeo.docker("skopeo/multi:1"), oci(out, "copy"), true);
        assertEquals(images.index.manifest(), out.resolve("copy"));
        assertSameContent(images.layout, images.index, out);
    }

    @Test
    void dockerSchema2ImageRoundTripsBitForBit() {
        Path source = DirLayout.write(images.layout, images.dockerAmd64, tmp.resolve("dir-v2s2"));
        skopeo.copy("dir:" + source, skopeo.docker("skopeo/docker:v2s2"), false);

        assertArrayEquals(images.dockerAmd64.manifestBytes(), skopeo.inspectRaw(skopeo.docker("skopeo/docker:v2s2")));
        RegistryHttp.Response served = http.get("/v2/skopeo/docker/manifests/v2s2", "Accept",
                TestImages.DOCKER_MANIFEST);
        assertEquals(200, served.status(), served::describe);
        assertEquals(TestImages.DOCKER_MANIFEST, served.header("Content-Type"), served::describe);
        assertEquals(images.dockerAmd64.digest(), served.header("Docker-Content-Digest"), served::describe);

        Path out = tmp.resolve("dir-v2s2-out");
        skopeo.copy(skopeo.docker("skopeo/docker:v2s2"), "dir:" + out, false);
        assertArrayEquals(images.dockerAmd64.manifestBytes(), DirLayout.manifest(out));
        assertSameBlobs(images.layout, images.dockerAmd64, digest -> DirLayout.blob(out, digest));
    }

    @Test
    void dockerManifestListRoundTripsBitForBit() {
        Path source = DirLayout.write(images.layout, images.dockerList, tmp.resolve("dir-list"));
        skopeo.copy("dir:" + source, skopeo.docker("skopeo/docker:list"), true);

        assertArrayEquals(images.dockerList.manifestBytes(), skopeo.inspectRaw(skopeo.docker("skopeo/docker:list")));
        RegistryHttp.Response served = http.manifest("skopeo/docker", "list");
        assertEquals(TestImages.DOCKER_LIST, served.header("Content-Type"), served::describe);
        assertEquals(images.dockerList.digest(), served.header("Docker-Content-Digest"), served::describe);

        Path out = tmp.resolve("dir-list-out");
        skopeo.copy(skopeo.docker("skopeo/docker:list"), "dir:" + out, true);
        assertArrayEquals(images.dockerList.manifestBytes(), DirLayout.manifest(out));
        for (Image child : images.dockerList.children()) {
            assertArrayEquals(child.manifestBytes(), DirLayout.instanceManifest(out, child.digest()), child.tag());
            assertSameBlobs(images.layout, child, digest -> DirLayout.blob(out, digest));
        }
    }

    @Test
    void artifactWithSubjectRoundTripsBitForBit() {
        pushArtifactAndSubject("skopeo/artifact");
        assertArrayEquals(images.artifact.manifestBytes(), skopeo.inspectRaw(skopeo.docker("skopeo/artifact:sbom")));

        // Pushing the same manifest again by digest: Berth must say which subject it recorded.
        RegistryHttp.Response put = http.put("/v2/skopeo/artifact/manifests/" + images.artifact.digest(),
                TestImages.OCI_MANIFEST, images.artifact.manifestBytes());
        assertEquals(201, put.status(), put::describe);
        assertEquals(images.amd64.digest(), put.header("OCI-Subject"), put::describe);

        OciLayout out = OciLayout.create(tmp.resolve("out-artifact"));
        skopeo.copy(skopeo.docker("skopeo/artifact:sbom"), oci(out, "copy"), false);
        assertEquals(images.artifact.manifest(), out.resolve("copy"));
        assertSameContent(images.layout, images.artifact, out);
    }

    @Test
    void referrersApiListsTheArtifactAndFiltersByArtifactType() {
        pushArtifactAndSubject("skopeo/referrers");

        RegistryHttp.Response referrers = http.referrers("skopeo/referrers", images.amd64.digest(), null);
        assertEquals(200, referrers.status(), referrers::describe);
        assertTrue(referrers.header("Content-Type").startsWith(TestImages.OCI_INDEX), referrers::describe);
        JsonNode index = referrers.json();
        assertEquals(2, index.get("schemaVersion").asInt(), referrers::describe);
        assertEquals(TestImages.OCI_INDEX, index.get("mediaType").asText(), referrers::describe);
        assertEquals(1, index.get("manifests").size(), referrers::describe);
        JsonNode entry = index.get("manifests").get(0);
        assertAll(
                () -> assertEquals(images.artifact.digest(), entry.get("digest").asText()),
                () -> assertEquals(images.artifact.manifest().size(), entry.get("size").asLong()),
                () -> assertEquals(TestImages.OCI_MANIFEST, entry.get("mediaType").asText()),
                () -> assertEquals(TestImages.ARTIFACT_TYPE, entry.get("artifactType").asText()),
                () -> assertEquals("2020-01-01T00:00:00Z",
                        entry.path("annotations").path("org.opencontainers.image.created").asText()));

        RegistryHttp.Response filtered = http.referrers("skopeo/referrers", images.amd64.digest(),
                TestImages.ARTIFACT_TYPE);
        assertEquals(200, filtered.status(), filtered::describe);
        assertEquals("artifactType", filtered.header("OCI-Filters-Applied"), filtered::describe);
        assertEquals(1, filtered.json().get("manifests").size(), filtered::describe);
        RegistryHttp.Response other = http.referrers("skopeo/referrers", images.amd64.digest(),
                "application/x-other");
        assertEquals(200, other.status(), other::describe);
        assertEquals(0, other.json().get("manifests").size(), other::describe);
        RegistryHttp.Response none = http.referrers("skopeo/referrers", images.arm64.digest(), null);
        assertEquals(200, none.status(), none::describe);
        assertEquals(0, none.json().get("manifests").size(), none::describe);
    }

    @Test
    void largeLayerStreamsThroughUnchanged() throws IOException {
        OciLayout source = OciLayout.create(tmp.resolve("large"));
        Image large = TestImages.large(source, "large", LARGE_LAYER_BYTES, 42);
        Descriptor layer = large.blobs().get(1);

        skopeo.copy(oci(source, "large"), skopeo.docker("skopeo/large:1"), false);
        assertTrue(http.blobExists("skopeo/large", layer.digest()));
        RegistryHttp.Response head = http.head("/v2/skopeo/large/blobs/" + layer.digest());
        assertEquals(String.valueOf(layer.size()), head.header("Content-Length"), head::describe);

        assertRangeMatches(source.blobPath(layer.digest()), layer.digest(), CHUNK - 10, CHUNK + 9);
        assertRangeMatches(source.blobPath(layer.digest()), layer.digest(), 200 * CHUNK + 12_345, 203 * CHUNK + 7);
        assertRangeMatches(source.blobPath(layer.digest()), layer.digest(), layer.size() - 100, layer.size() - 1);

        for (int i = 0; i < LARGE_DOWNLOADS; i++) {
            assertEquals(layer.digest(), http.streamedDigest("skopeo/large", layer.digest()), "download " + i);
        }

        OciLayout out = OciLayout.create(tmp.resolve("large-out"));
        skopeo.copy(skopeo.docker("skopeo/large:1"), oci(out, "copy"), false);
        assertEquals(layer.digest(), OciLayout.sha256(out.blobPath(layer.digest())));
        assertEquals(-1L, Files.mismatch(source.blobPath(layer.digest()), out.blobPath(layer.digest())));
        assertSameContent(source, large, out);
    }

    @Test
    void listTagsShowsEveryTagInLexicalOrder() {
        for (String tag : List.of("latest", "1.1", "1.0")) {
            skopeo.copy(oci(images.layout, "amd64"), skopeo.docker("skopeo/tags:" + tag), false);
        }
        JsonNode listed = TestImages.readJson(skopeo.command("list-tags", "--tls-verify=false",
                skopeo.docker("skopeo/tags")).run().stdout().getBytes());
        assertEquals(berth.hostPort() + "/skopeo/tags", listed.get("Repository").asText());
        assertEquals(List.of("1.0", "1.1", "latest"), strings(listed.get("Tags")));
    }

    @Test
    void deleteRemovesTheManifestAndEveryTagOnIt() {
        skopeo.copy(oci(images.layout, "amd64"), skopeo.docker("skopeo/delete:one"), false);
        skopeo.copy(oci(images.layout, "amd64"), skopeo.docker("skopeo/delete:two"), false);
        skopeo.copy(oci(images.layout, "arm64"), skopeo.docker("skopeo/delete:other"), false);

        skopeo.command("delete", "--tls-verify=false", skopeo.docker("skopeo/delete:one")).run();

        RegistryHttp.Response gone = http.get("/v2/skopeo/delete/manifests/" + images.amd64.digest(), "Accept",
                RegistryHttp.ACCEPT_ALL_MANIFESTS);
        assertEquals(404, gone.status(), gone::describe);
        assertEquals("MANIFEST_UNKNOWN", gone.json().path("errors").path(0).path("code").asText(), gone::describe);
        for (String tag : List.of("one", "two")) {
            Exec.Result inspect = skopeo.command("inspect", "--raw", "--tls-verify=false",
                    skopeo.docker("skopeo/delete:" + tag)).call();
            assertNotEquals(0, inspect.exitCode(), inspect::describe);
            assertTrue(inspect.output().contains("manifest unknown"), inspect::describe);
        }
        JsonNode listed = TestImages.readJson(skopeo.command("list-tags", "--tls-verify=false",
                skopeo.docker("skopeo/delete")).run().stdout().getBytes());
        assertEquals(List.of("other"), strings(listed.get("Tags")));
        assertArrayEquals(images.arm64.manifestBytes(), skopeo.inspectRaw(skopeo.docker("skopeo/delete:other")));
    }

    @Test
    void registryAsksForBasicCredentialsAsEcrDoes() throws IOException {
        RegistryHttp anonymous = berth.anonymousHttp();
        for (String path : List.of("/v2/", "/v2/skopeo/anonymous/manifests/1", "/v2/skopeo/anonymous/tags/list")) {
            RegistryHttp.Response refused = anonymous.get(path);
            assertEquals(401, refused.status(), () -> "GET " + path + "\n" + refused.describe());
            assertEquals(CHALLENGE, refused.header("WWW-Authenticate"), () -> "GET " + path + "\n" + refused.describe());
            assertEquals("UNAUTHORIZED", refused.json().path("errors").path(0).path("code").asText(),
                    () -> "GET " + path + "\n" + refused.describe());
        }
        RegistryHttp.Response ping = http.get("/v2/");
        assertEquals(200, ping.status(), ping::describe);

        // The file the AWS CLI read: the root's key, for the owner's eyes only.
        Path credentials = berth.credentialsFile();
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(credentials));
        List<String> lines = Files.readAllLines(credentials).stream().map(String::strip).toList();
        assertEquals("[" + AwsCli.PROFILE + "]", lines.getFirst(), "the profile the AWS CLI is pointed at");
        assertTrue(lines.contains("aws_access_key_id = " + berth.rootAccessKeyId()), "the root's access key id");
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("aws_secret_access_key = ")),
                "a secret access key");
    }

    @Test
    void pushWithoutLoggingInFailsWithAnAuthenticationError() {
        Skopeo stranger = new Skopeo(berth.hostPort(), tmp.resolve("never-logged-in.json"));
        Exec.Result pushed = stranger.copyCommand(oci(images.layout, "amd64"), stranger.docker("skopeo/nologin:1"),
                false).call();
        assertAuthenticationError(pushed);
        skopeo.copy(oci(images.layout, "amd64"), skopeo.docker("skopeo/private:1"), false);
        Exec.Result read = stranger.command("inspect", "--raw", "--tls-verify=false",
                stranger.docker("skopeo/private:1")).call();
        assertAuthenticationError(read);

        RegistryHttp.Response nothing = http.get("/v2/skopeo/nologin/manifests/1", "Accept",
                RegistryHttp.ACCEPT_ALL_MANIFESTS);
        assertEquals(404, nothing.status(), nothing::describe);
        assertFalse(http.blobExists("skopeo/nologin", images.amd64.config().digest()));
    }

    @Test
    void tamperedPasswordIsRefused() throws IOException {
        String password = berth.loginPassword();
        String tampered = BerthFixture.tamper(password);
        Skopeo user = new Skopeo(berth.hostPort(), tmp.resolve("tampered.json"));

        Exec.Result login = user.login(BerthFixture.USER, tampered);
        assertNotEquals(0, login.exitCode(), login::describe);
        assertTrue(login.output().contains("invalid username/password"), login::describe);
        Exec.Result otherUser = user.login("admin", password);
        assertNotEquals(0, otherUser.exitCode(), otherUser::describe);
        assertTrue(otherUser.output().contains("invalid username/password"), otherUser::describe);
        assertFalse(Files.exists(user.authFile()), "a refused login stores nothing");

        // An auth file holding the tampered password (as a hand-edited or corrupted one would): every use refused.
        Files.writeString(user.authFile(), "{\"auths\":{\"" + berth.hostPort() + "\":{\"auth\":\""
                + Base64.getEncoder().encodeToString((BerthFixture.USER + ":" + tampered)
                .getBytes(StandardCharsets.UTF_8)) + "\"}}}");
        Exec.Result pushed = user.copyCommand(oci(images.layout, "amd64"), user.docker("skopeo/tampered:1"), false)
                .redact(tampered).call();
        assertAuthenticationError(pushed);
        assertEquals(404, http.get("/v2/skopeo/tampered/manifests/1").status());

        user.login(password);
        user.copy(oci(images.layout, "amd64"), user.docker("skopeo/tampered:1"), false);
        assertArrayEquals(images.amd64.manifestBytes(), http.manifest("skopeo/tampered", "1").body());
    }

    @Test
    void afterLogoutTheRegistryRefusesThePull() {
        Skopeo user = new Skopeo(berth.hostPort(), tmp.resolve("logout.json"));
        user.login(berth.newLoginPassword()); // a second password from the AWS CLI, as another shell would get
        user.copy(oci(images.layout, "arm64"), user.docker("skopeo/logout:1"), false);
        assertArrayEquals(images.arm64.manifestBytes(), user.inspectRaw(user.docker("skopeo/logout:1")));

        Exec.Result logout = user.logout();
        assertEquals(0, logout.exitCode(), logout::describe);
        Exec.Result pulled = user.copyCommand(user.docker("skopeo/logout:1"),
                oci(OciLayout.create(tmp.resolve("out-logout")), "copy"), false).call();
        assertAuthenticationError(pulled);
    }

    /** The amd64 image as {@code :image} and the artifact whose subject it is as {@code :sbom}. */
    private static void pushArtifactAndSubject(String repository) {
        skopeo.copy(oci(images.layout, "amd64"), skopeo.docker(repository + ":image"), false);
        skopeo.copy(oci(images.layout, "artifact"), skopeo.docker(repository + ":sbom"), false);
    }

    /** skopeo failed, saying the registry refused its credentials (not, say, that the image is unknown). */
    private static void assertAuthenticationError(Exec.Result result) {
        assertNotEquals(0, result.exitCode(), result::describe);
        assertTrue(result.output().contains(": unauthorized")
                || result.output().contains("invalid username/password"),
                result::describe);
    }

    private static String oci(OciLayout layout, String tag) {
        return "oci:" + layout.dir() + ":" + tag;
    }

    /** The manifest, config and layers (and, for an index, every child's) are byte-identical in {@code out}. */
    private static void assertSameContent(OciLayout source, Image image, OciLayout out) {
        assertEquals(-1L, mismatch(source.blobPath(image.digest()), out.blobPath(image.digest())),
                "manifest " + image.digest());
        assertSameBlobs(source, image, out::blobPath);
        for (Image child : image.children()) {
            assertSameContent(source, child, out);
        }
    }

    private static void assertSameBlobs(OciLayout source, Image image, Function<String, Path> copied) {
        for (Descriptor blob : image.blobs()) {
            Path copy = copied.apply(blob.digest());
            assertEquals(-1L, mismatch(source.blobPath(blob.digest()), copy), "bytes of blob " + blob);
        }
    }

    private static void assertRangeMatches(Path source, String digest, long first, long last) throws IOException {
        RegistryHttp.Response partial = http.get("/v2/skopeo/large/blobs/" + digest,
                "Range", "bytes=" + first + "-" + last);
        long size = Files.size(source);
        assertEquals(206, partial.status(), partial::describe);
        assertEquals("bytes " + first + "-" + last + "/" + size, partial.header("Content-Range"), partial::describe);
        byte[] expected = new byte[(int) (last - first + 1)];
        try (RandomAccessFile file = new RandomAccessFile(source.toFile(), "r")) {
            file.seek(first);
            file.readFully(expected);
        }
        assertArrayEquals(expected, partial.body(), "bytes " + first + "-" + last);
    }

    private static long mismatch(Path a, Path b) {
        try {
            return Files.mismatch(a, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
