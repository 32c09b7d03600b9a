package io.berth.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.server.it.TestImages.Image;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * podman, with its own storage (vfs) under a temporary directory, loads, pushes, removes and pulls images
 * through Berth, picks one platform out of an index, and builds and pushes a manifest list. Image ids (config
 * digests) and manifest digests must survive every round trip. podman logs in as users of ECR do ({@code podman
 * login -u AWS --password-stdin} with the real AWS CLI's password, into an auth file of the test's own); without
 * a login, with a wrong password or after logging out it is refused.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PodmanIT {
    @TempDir
    static Path tmp;
    static BerthFixture berth;
    static TestImages images;
    static Skopeo skopeo;
    static RegistryHttp http;
    static String host;
    static String password;
    /** Each test gets podman storage of its own, so one test's images never answer for another's. */
    @TempDir
    Path work;
    int mark;

    @BeforeAll
    static void start() {
        Exec.requireProgram("podman", "podman");
        Exec.requireProgram("skopeo", "skopeo");
        images = TestImages.build(tmp.resolve("images"));
        berth = BerthFixture.start(tmp.resolve("berth"));
        host = berth.hostPort();
        password = berth.loginPassword();
        skopeo = new Skopeo(host, tmp.resolve("skopeo-auth.json"));
        skopeo.login(password);
        http = berth.http();
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            berth.close();
        }
    }

    @BeforeEach
    void markLogAndLogIn() {
        mark = berth.mark();
        Exec.Result login = login(authFile(), BerthFixture.USER, password);
        assertEquals(0, login.exitCode(), login::describe);
        assertTrue(login.output().contains("Login Succeeded"), login::describe);
    }

    @AfterEach
    void berthLoggedNoErrors() {
        berth.assertNoErrorsSince(mark);
    }

    @Test
    void loadPushRemovePullKeepsImageIdAndDigest() throws IOException {
        String id = loadBusybox();
        assertEquals(hex(images.amd64.config().digest()), id);

        String target = host + "/podman/busybox:1.0";
        Path digestFile = work.resolve("push.digest");
        podman("push", "--tls-verify=false", "--digestfile", digestFile.toString(),
                "localhost/berth/busybox:1.0", "docker://" + target).run();
        String digest = Files.readString(digestFile).trim();
        RegistryHttp.Response served = http.manifest("podman/busybox", "1.0");
        assertEquals(digest, served.header("Docker-Content-Digest"), served::describe);
        assertEquals(digest, OciLayout.sha256(served.body()));
        JsonNode manifest = served.json();
        assertEquals("sha256:" + id, manifest.get("config").get("digest").asText(), served::describe);
        for (JsonNode layer : manifest.get("layers")) {
            assertTrue(http.blobExists("podman/busybox", layer.get("digest").asText()), layer::toString);
        }

        podman("rmi", "localhost/berth/busybox:1.0").run();
        Exec.Result gone = podman("image", "exists", id).call();
        assertNotEquals(0, gone.exitCode(), gone::describe);

        podman("pull", "--tls-verify=false", target).run();
        assertEquals(id, inspect(target, "{{.Id}}"));
        assertEquals(digest, inspect(target, "{{.Digest}}"));
        podman("rmi", target).run();

        String byDigest = host + "/podman/busybox@" + digest;
        podman("pull", "--tls-verify=false", byDigest).run();
        assertEquals(id, inspect(byDigest, "{{.Id}}"));
        assertTrue(inspect(byDigest, "{{.RepoDigests}}").contains(byDigest));
    }

    @Test
    void pullPicksTheRequestedPlatformFromAnIndex() {
        skopeo.copy("oci:" + images.layout.dir() + ":index", skopeo.docker("podman/multi:1"), true);
        String reference = host + "/podman/multi:1";

        podman("pull", "--tls-verify=false", "--arch", "arm64", reference).run();
        assertEquals(hex(images.arm64.config().digest()), inspect(reference, "{{.Id}}"));
        assertEquals("arm64", inspect(reference, "{{.Architecture}}"));

        podman("pull", "--tls-verify=false", "--arch", "amd64", reference).run();
        assertEquals(hex(images.amd64.config().digest()), inspect(reference, "{{.Id}}"));
        assertEquals("amd64", inspect(reference, "{{.Architecture}}"));
    }

    @Test
    void manifestListIsCreatedAndPushedWithAllImages() throws IOException {
        skopeo.copy("oci:" + images.layout.dir() + ":amd64", skopeo.docker("podman/parts:amd64"), false);
        skopeo.copy("oci:" + images.layout.dir() + ":arm64", skopeo.docker("podman/parts:arm64"), false);
        String list = host + "/podman/list:1";
        podman("manifest", "create", list).run();
        podman("manifest", "add", "--tls-verify=false", list, "docker://" + host + "/podman/parts:amd64").run();
        podman("manifest", "add", "--tls-verify=false", list, "docker://" + host + "/podman/parts:arm64").run();
        Path digestFile = work.resolve("list.digest");
        podman("manifest", "push", "--all", "--tls-verify=false", "--digestfile", digestFile.toString(),
                list, "docker://" + list).run();

        String digest = Files.readString(digestFile).trim();
        RegistryHttp.Response served = http.manifest("podman/list", "1");
        assertEquals(digest, served.header("Docker-Content-Digest"), served::describe);
        assertEquals(digest, OciLayout.sha256(served.body()));
        JsonNode index = served.json();
        assertEquals(served.header("Content-Type"), index.get("mediaType").asText(), served::describe);
        List<String> digests = new ArrayList<>();
        List<String> architectures = new ArrayList<>();
        for (JsonNode entry : index.get("manifests")) {
            digests.add(entry.get("digest").asText());
            architectures.add(entry.get("platform").get("architecture").asText());
        }
        assertEquals(List.of(images.amd64.digest(), images.arm64.digest()), digests, served::describe);
        assertEquals(List.of("amd64", "arm64"), architectures, served::describe);
        for (Image child : List.of(images.amd64, images.arm64)) {
            // --all pushed every image into the list's repository, byte for byte.
            assertArrayEquals(child.manifestBytes(), http.manifest("podman/list", child.digest()).body());
            for (var blob : child.blobs()) {
                assertTrue(http.blobExists("podman/list", blob.digest()), blob::toString);
            }
        }
    }

    @Test
    void pushWithoutLoginWithAWrongPasswordOrAfterLogoutIsRefused() throws IOException {
        loadBusybox();
        String target = host + "/podman/auth:1";
        // A user who has logged in nowhere (podman wants a REGISTRY_AUTH_FILE it is given to exist).
        Path stranger = Files.writeString(work.resolve("stranger-auth.json"), "{\"auths\":{}}");
        Exec.Result anonymous = podman(stranger, "push", "--tls-verify=false", "localhost/berth/busybox:1.0",
                "docker://" + target).call();
        assertAuthenticationError(anonymous);

        String tampered = BerthFixture.tamper(password);
        Exec.Result wrong = login(stranger, BerthFixture.USER, tampered);
        assertNotEquals(0, wrong.exitCode(), wrong::describe);
        assertTrue(wrong.output().contains("invalid username/password"), wrong::describe);
        Exec.Result wrongUser = login(stranger, "admin", password);
        assertNotEquals(0, wrongUser.exitCode(), wrongUser::describe);
        assertTrue(wrongUser.output().contains("invalid username/password"), wrongUser::describe);
        assertFalse(Files.readString(stranger).contains(host), "a refused login stores nothing");
        RegistryHttp.Response nothing = http.get("/v2/podman/auth/manifests/1", "Accept",
                RegistryHttp.ACCEPT_ALL_MANIFESTS);
        assertEquals(404, nothing.status(), nothing::describe);

        Exec.Result login = login(stranger, BerthFixture.USER, berth.newLoginPassword());
        assertEquals(0, login.exitCode(), login::describe);
        podman(stranger, "push", "--tls-verify=false", "localhost/berth/busybox:1.0", "docker://" + target).run();
        assertEquals(images.amd64.config().digest(),
                http.manifest("podman/auth", "1").json().get("config").get("digest").asText());

        podman(stranger, "logout", host).run();
        Exec.Result pulled = podman(stranger, "pull", "--tls-verify=false", target).call();
        assertAuthenticationError(pulled);
    }

    /** Loads the amd64 busybox image as {@code localhost/berth/busybox:1.0}; returns its image id. */
    private String loadBusybox() {
        Path archive = work.resolve("busybox-oci.tar");
        skopeo.copy("oci:" + images.layout.dir() + ":amd64", "oci-archive:" + archive + ":berth/busybox:1.0", false);
        Exec.Result loaded = podman("load", "-i", archive.toString()).run();
        assertTrue(loaded.output().contains("localhost/berth/busybox:1.0"), loaded::describe);
        return inspect("localhost/berth/busybox:1.0", "{{.Id}}");
    }

    /** {@code podman login --tls-verify=false -u USER --password-stdin HOST:PORT}, whatever its exit code. */
    private Exec.Result login(Path authFile, String user, String secret) {
        return podman(authFile, "login", "--tls-verify=false", "-u", user, "--password-stdin", host)
                .stdin(secret + "\n").redact(secret).call();
    }

    /**
     * podman failed, saying the registry refused its credentials (not, say, that the image is unknown): {@code
     * unauthorized: <Berth's message>} when Berth's 401 carried an error body, {@code authentication required}
     * for a 401 to a HEAD request, which has none.
     */
    private static void assertAuthenticationError(Exec.Result result) {
        assertNotEquals(0, result.exitCode(), result::describe);
        assertTrue(result.output().contains(": unauthorized")
                || result.output().contains("authentication required"),
                result::describe);
    }

    private Path authFile() {
        return work.resolve("auth.json");
    }

    private String inspect(String image, String format) {
        return podman("image", "inspect", "--format", format, image).run().stdout().trim();
    }

    /** podman logged in to Berth (by {@link #markLogAndLogIn}). */
    private Exec.Builder podman(String... args) {
        return podman(authFile(), args);
    }

    /**
     * podman with storage of its own and credentials only from {@code authFile} (REGISTRY_AUTH_FILE; the user's
     * other credential files are out of reach): nothing here touches the machine's images, containers or logins.
     */
    private Exec.Builder podman(Path authFile, String... args) {
        List<String> command = new ArrayList<>(List.of("podman",
                "--root", work.resolve("root").toString(),
                "--runroot", work.resolve("run").toString(),
                "--storage-driver", "vfs", "--cgroup-manager", "cgroupfs", "--events-backend", "file"));
        command.addAll(List.of(args));
        Path elsewhere = work.resolve("no-other-config");
        return Exec.of(command)
                .env("REGISTRY_AUTH_FILE", authFile.toString())
                .env("XDG_CONFIG_HOME", elsewhere.resolve("config").toString())
                .env("DOCKER_CONFIG", elsewhere.resolve("docker").toString());
    }

    private static String hex(String digest) {
        return digest.substring("sha256:".length());
    }
}
