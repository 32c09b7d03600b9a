package io.berth.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    /** The example config in docs/, relative to this module. */
    private static final Path EXAMPLE = Path.of("..", "docs", "berth.example.yaml");

    @Test
    void defaultsMatchTheDocumentedOnes() {
        ServerConfig config = ConfigLoader.defaults();
        assertEquals("127.0.0.1", config.server().host());
        assertEquals(5000, config.server().port());
        assertEquals(Path.of("./berth-data"), config.storage().dataDir());
        assertEquals(1 << 20, config.storage().chunkBytes());
        assertEquals(Duration.ofHours(24), config.uploads().purgeAfter());
        assertEquals(Duration.ofHours(1), config.gc().grace());
    }

    @Test
    void theExampleConfigLoadsAndEqualsTheDefaults() {
        assertTrue(Files.exists(EXAMPLE), EXAMPLE.toAbsolutePath().toString());
        assertEquals(ConfigLoader.defaults(), ConfigLoader.load(EXAMPLE, Map.of(), Map.of()));
    }

    @Test
    void environmentOverridesTheFileAndTheCommandLineOverridesBoth(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("berth.yaml");
        Files.writeString(file, "server:\n  listen: 0.0.0.0:6000\ngc:\n  grace: 10m\n  enabled: false\n");
        ServerConfig config = ConfigLoader.load(file,
                Map.of("BERTH_GC_GRACE", "2h", "BERTH_STORAGE_DATA_DIR", "/srv/berth", "BERTH_SERVER_LISTEN", "x:1",
                        "BERTH_SERVER_IDLE_TIMEOUT", "30s"),
                Map.of("server.listen", "127.0.0.1:7000"));
        assertEquals(7000, config.server().port());
        assertEquals(Duration.ofSeconds(30), config.server().idleTimeout());
        assertEquals(Duration.ofMinutes(5), ConfigLoader.defaults().server().idleTimeout());
        assertEquals(Duration.ofHours(2), config.gc().grace());
        assertEquals(false, config.gc().enabled());
        assertEquals(Path.of("/srv/berth"), config.storage().dataDir());
    }

    @Test
    void everyProblemIsReportedAtOnce(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                server:
                  listen: nowhere
                  workerThreds: 4
                storage:
                  chunkSize: huge
                gc:
                  grace: soon
                colour: blue
                """);
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of(), Map.of()));
        String all = String.join("\n", error.problems());
        assertEquals(5, error.problems().size(), all);
        assertTrue(all.contains("server.listen"), all);
        assertTrue(all.contains("unknown setting server.workerThreds"), all);
        assertTrue(all.contains("storage.chunkSize"), all);
        assertTrue(all.contains("gc.grace"), all);
        assertTrue(all.contains("unknown section 'colour'"), all);
    }

    @Test
    void sizesAndDurationsTakeUnits() {
        ServerConfig config = ConfigLoader.load(null, Map.of(), Map.of("storage.chunkSize", "4m",
                "uploads.purgeAfter", "PT30M", "gc.interval", "90s"));
        assertEquals(4 << 20, config.storage().chunkBytes());
        assertEquals(Duration.ofMinutes(30), config.uploads().purgeAfter());
        assertEquals(Duration.ofSeconds(90), config.gc().interval());
    }
}
