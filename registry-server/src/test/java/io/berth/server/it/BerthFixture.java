package io.berth.server.it;

import static org.junit.jupiter.api.Assertions.fail;

import io.berth.server.testing.TestBerth;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Berth for one integration test class, with its log captured: {@link #mark} before a test and
 * {@link #assertNoErrorsSince} after it make any error Berth logged while a client talked to it fail that test,
 * with Berth's own log lines in the message.
 */
public final class BerthFixture implements AutoCloseable {
    private final ServerLog log;
    private final TestBerth berth;
    private final RegistryHttp http;

    private BerthFixture(ServerLog log, TestBerth berth) {
        this.log = log;
        this.berth = berth;
        this.http = new RegistryHttp(berth.baseUrl());
    }

    public static BerthFixture start(Path dataDir) {
        ServerLog log = ServerLog.capture();
        try {
            return new BerthFixture(log, TestBerth.start(dataDir));
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:PORT} */
    public String hostPort() {
        return berth.hostPort();
    }

    public RegistryHttp http() {
        return http;
    }

    public ServerLog log() {
        return log;
    }

    public int mark() {
        return log.mark();
    }

    public void assertNoErrorsSince(int mark) {
        List<String> errors = log.errorsSince(mark);
        if (!errors.isEmpty()) {
            fail("Berth logged errors while this test ran:\n" + String.join("\n", errors));
        }
    }

    @Override
    public void close() {
        try {
            berth.close();
        } finally {
            log.close();
        }
    }
}
