package io.berth.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real dockerd and the docker CLI against Berth: load, tag, push, remove, pull by tag and by digest, run the
 * pulled busybox, pull one platform of an index, and create and push a manifest list with the 28.2 CLI. The CLI
 * logs in as users of ECR do ({@code aws ecr get-login-password | docker login --username AWS --password-stdin}),
 * into a CLI config directory of the test's own; without a login, with a wrong password or after {@code docker
 * logout} it is refused.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DockerIT {
    /** What `docker push` prints last: {@code TAG: digest: sha256:... size: N}. */
    private static final Pattern PUSHED = Pattern.compile("digest: (sha256:[0-9a-f]{64}) size: (\\d+)");

    @TempDir
    static Path tmp;
    static BerthFixture berth;
    static TestImages images;
    static Skopeo skopeo;
    static RegistryHttp http;
    static DockerDaemon docker;
    static String host;
    int mark;

    @BeforeAll
    static void start() {
        Exec.requireProgram("skopeo", "skopeo");
        images = TestImages.build(tmp.resolve("images"));
        berth = BerthFixture.start(tmp.resolve("berth"));
        host = berth.hostPort();
        skopeo = new Skopeo(host, tmp.resolve("skopeo-auth.json"));
        skopeo.login(berth.loginPassword());
        http = berth.http();
        docker = DockerDaemon.start();
        Exec.Result login = docker.login(host, BerthFixture.USER, berth.loginPassword());
        assertEquals(0, login.exitCode(), login::describe);
        assertTrue(login.output().contains("Login Succeeded"), login::describe);
    }

    @AfterAll
    static void stop() {
        try {
            if (docker != null) {
                docker.close();
            }
        } finally {
            if (berth != null) {
                berth.close();
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
    void loadTagPushRemovePullByTagAndDigestThenRun() {
        Path archive = tmp.resolve("busybox-docker.tar");
        skopeo.export("oci:" + images.layout.dir() + ":amd64", "docker-archive:" + archive + ":berth/busybox:1.0");
        Exec.Result loaded = docker.docker("load", "-i", archive.toString()).run();
        assertTrue(loaded.output().contains("Loaded image: berth/busybox:1.0"), loaded::describe);
        String id = imageId("berth/busybox:1.0");
        assertEquals(images.amd64.config().digest(), id, "docker's image id is the digest of the config");

        String target = host + "/docker/busybox:1.0";
        docker.docker("tag", "berth/busybox:1.0", target).run();
        Exec.Result pushed = docker.docker("push", target).run();
        Matcher matcher = PUSHED.matcher(pushed.stdout());
        assertTrue(matcher.find(), pushed::describe);
        String digest = matcher.group(1);
        RegistryHttp.Response served = http.manifest("docker/busybox", "1.0");
        assertEquals(digest, served.header("Docker-Content-Digest"), served::describe);
        assertEquals(digest, OciLayout.sha256(served.body()));
        assertEquals(Integer.parseInt(matcher.group(2)), served.body().length);
        assertEquals(TestImages.DOCKER_MANIFEST, served.header("Content-Type"), served::describe);
        JsonNode manifest = served.json();
        assertEquals(id, manifest.get("config").get("digest").asText(), served::describe);

        docker.docker("rmi", target, "berth/busybox:1.0").run();
        Exec.Result gone = docker.docker("image", "inspect", id).call();
        assertNotEquals(0, gone.exitCode(), gone::describe);

        Exec.Result byTag = docker.docker("pull", target).run();
        assertTrue(byTag.stdout().contains("Digest: " + digest), byTag::describe);
        assertEquals(id, imageId(target));
        docker.docker("rmi", target).run();

        String byDigest = host + "/docker/busybox@" + digest;
        docker.docker("pull", byDigest).run();
        assertEquals(id, imageId(byDigest));

        Exec.Result echo = docker.docker("run", "--rm", "--network", "none", byDigest, "/bin/echo", "hello from berth")
                .run();
        assertEquals("hello from berth", echo.stdout().trim(), echo::describe);
        Exec.Result release = docker.docker("run", "--rm", "--network", "none", byDigest,
                "/bin/cat", "/" + TestImages.RELEASE_FILE).run();
        assertEquals("linux/amd64", release.stdout().trim(), release::describe);
    }

    @Test
    void pullPicksTheRequestedPlatformFromAnIndex() {
        skopeo.copy("oci:" + images.layout.dir() + ":index", skopeo.docker("docker/multi:1"), true);
        String reference = host + "/docker/multi:1";

        Exec.Result pulled = docker.docker("pull", "--platform", "linux/arm64", reference).run();
        assertTrue(pulled.stdout().contains("Digest: " + images.index.digest()), pulled::describe);
        assertEquals(images.arm64.config().digest(), imageId(reference));
        assertEquals("arm64", docker.docker("image", "inspect", "--format", "{{.Architecture}}", reference).run()
                .stdout().trim());
    }

    @Test
    void manifestListIsCreatedAndPushedWithTheNewCli() {
        skopeo.copy("oci:" + images.layout.dir() + ":amd64", skopeo.docker("docker/parts:amd64"), false);
        skopeo.copy("oci:" + images.layout.dir() + ":arm64", skopeo.docker("docker/parts:arm64"), false);
        String list = host + "/docker/list:1";

        docker.docker("manifest", "create", "--insecure", list, host + "/docker/parts:amd64",
                host + "/docker/parts:arm64").run();
        Exec.Result pushed = docker.docker("manifest", "push", "--insecure", list).run();
        List<String> lines = pushed.stdout().lines().filter(line -> !line.isBlank()).toList();
        String digest = lines.getLast().trim();
        assertTrue(digest.matches("sha256:[0-9a-f]{64}"), pushed::describe);

        RegistryHttp.Response served = http.manifest("docker/list", "1");
        assertEquals(digest, served.header("Docker-Content-Digest"), served::describe);
        assertEquals(digest, OciLayout.sha256(served.body()));
        // Over two OCI manifests the CLI writes an OCI index (over Docker ones, a Docker manifest list).
        assertEquals(TestImages.OCI_INDEX, served.json().get("mediaType").asText(), served::describe);
        assertEquals(TestImages.OCI_INDEX, served.header("Content-Type"), served::describe);
        assertEquals(List.of(images.amd64.digest(), images.arm64.digest()), digests(served.json()), served::describe);
        for (String child : List.of(images.amd64.digest(), images.arm64.digest())) {
            assertEquals(child, OciLayout.sha256(http.manifest("docker/list", child).body()));
        }

        JsonNode inspected = TestImages.readJson(docker.docker("manifest", "inspect", "--insecure", list).run()
                .stdout().getBytes());
        assertEquals(List.of(images.amd64.digest(), images.arm64.digest()), digests(inspected));

        docker.docker("pull", list).run();
        assertEquals(images.amd64.config().digest(), imageId(list), "the daemon is linux/amd64");
    }

    @Test
    void pushWithoutLoginWithAWrongPasswordOrAfterLogoutIsRefused() {
        Path archive = tmp.resolve("auth-docker.tar");
        skopeo.export("oci:" + images.layout.dir() + ":amd64", "docker-archive:" + archive + ":berth/auth:1");
        docker.docker("load", "-i", archive.toString()).run();
        String target = host + "/docker/auth:1";
        docker.docker("tag", "berth/auth:1", target).run();
        try {
            assertRefusedUntilLoggedIn(target);
        } finally {
            // The image id is the other tests' busybox: leave the daemon without it, as they expect.
            docker.docker("rmi", "berth/auth:1").call();
            docker.docker("rmi", target).call();
        }
    }

    private static void assertRefusedUntilLoggedIn(String target) {
        Path config = tmp.resolve("docker-config-auth"); // a user of this daemon who has not logged in
        Exec.Result anonymous = docker.docker(config, "push", target).call();
        assertAuthenticationError(anonymous);

        String password = berth.newLoginPassword();
        String tampered = BerthFixture.tamper(password);
        Exec.Result wrong = docker.login(config, host, BerthFixture.USER, tampered);
        assertNotEquals(0, wrong.exitCode(), wrong::describe);
        assertTrue(wrong.output().contains("401 Unauthorized"), wrong::describe);
        Exec.Result wrongUser = docker.login(config, host, "admin", password);
        assertNotEquals(0, wrongUser.exitCode(), wrongUser::describe);
        assertTrue(wrongUser.output().contains("401 Unauthorized"), wrongUser::describe);
        RegistryHttp.Response nothing = http.get("/v2/docker/auth/manifests/1", "Accept",
                RegistryHttp.ACCEPT_ALL_MANIFESTS);
        assertEquals(404, nothing.status(), nothing::describe);

        Exec.Result login = docker.login(config, host, BerthFixture.USER, password);
        assertEquals(0, login.exitCode(), login::describe);
        assertTrue(login.output().contains("Login Succeeded"), login::describe);
        Exec.Result pushed = docker.docker(config, "push", target).run();
        Matcher matcher = PUSHED.matcher(pushed.stdout());
        assertTrue(matcher.find(), pushed::describe);
        assertEquals(matcher.group(1), http.manifest("docker/auth", "1").header("Docker-Content-Digest"));

        Exec.Result logout = docker.docker(config, "logout", host).run();
        assertTrue(logout.output().contains("Removing login credentials"), logout::describe);
        docker.docker(config, "rmi", target).run();
        Exec.Result pulled = docker.docker(config, "pull", target).call();
        assertAuthenticationError(pulled);
        Exec.Result gone = docker.docker(config, "image", "inspect", target).call();
        assertNotEquals(0, gone.exitCode(), gone::describe);
    }

    /** docker failed, saying it had no credentials for the registry (not, say, that the image is unknown). */
    private static void assertAuthenticationError(Exec.Result result) {
        assertNotEquals(0, result.exitCode(), result::describe);
        assertTrue(result.output().contains("no basic auth credentials"), result::describe);
    }

    private static String imageId(String reference) {
        return docker.docker("image", "inspect", "--format", "{{.Id}}", reference).run().stdout().trim();
    }

    private static List<String> digests(JsonNode index) {
        List<String> digests = new ArrayList<>();
        index.get("manifests").forEach(entry -> digests.add(entry.get("digest").asText()));
        return digests;
    }
}
