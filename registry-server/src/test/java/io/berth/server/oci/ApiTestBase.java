package io.berth.server.oci;

import io.berth.server.testing.RegistryClient;
import io.berth.server.testing.TestBerth;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One real Berth per test class, on a free port with a temporary data directory. */
abstract class ApiTestBase {
    @TempDir
    static Path dataDir;
    static TestBerth berth;
    static RegistryClient client;
    private static final AtomicInteger REPOSITORIES = new AtomicInteger();

    @BeforeAll
    static void startBerth() {
        berth = TestBerth.start(dataDir);
        client = berth.client();
    }

    @AfterAll
    static void stopBerth() {
        berth.close();
    }

    /** A repository name no other test of the class uses. */
    static String freshRepository() {
        return "test/repo-" + REPOSITORIES.incrementAndGet();
    }
}
