package io.berth.server.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.http.Workers;
import io.berth.storage.blob.DirectBufferPool;
import io.berth.storage.blob.UploadSink;
import io.berth.storage.error.StorageFullException;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The body writer under a fast producer: it pauses the body, and a failing store ends the pipe instead of stalling it. */
class UploadBodyWriterTest {
    private static final int BODY_BYTES = 32 << 20;

    @TempDir
    Path dir;
    private Vertx vertx;
    private Workers workers;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        workers = new Workers(vertx.createSharedWorkerExecutor("test-storage", 2));
    }

    @AfterEach
    void stop() throws Exception {
        workers.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aStoreThatFailsEndsThePipeEvenWhenTheBodyIsPaused() throws Exception {
        FailingSink sink = new FailingSink(true);

        ExecutionException failed = assertThrows(ExecutionException.class, () -> pipe(sink));

        assertInstanceOf(StorageFullException.class, failed.getCause());
        assertTrue(sink.closed.get(), "the sink is closed after the failure");
    }

    @Test
    void aWorkingStoreReceivesTheWholeBody() throws Exception {
        FailingSink sink = new FailingSink(false);
        pipe(sink);
        assertEquals(BODY_BYTES, sink.received.get());
        assertTrue(sink.closed.get());
    }

    private void pipe(FailingSink sink) throws Exception {
        Path body = dir.resolve("body");
        Files.write(body, new byte[BODY_BYTES]);
        AsyncFile file = vertx.fileSystem().open(body.toString(), new OpenOptions().setRead(true))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        UploadBodyWriter writer = new UploadBodyWriter(sink, workers, new DirectBufferPool(UploadBodyWriter.BUFFER_BYTES, 4), BODY_BYTES);
        file.pipeTo(writer).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** Accepts bytes slowly (so the writer's queue fills), or fails on the first write. */
    private static final class FailingSink implements UploadSink {
        private final boolean fail;
        private final AtomicLong received = new AtomicLong();
        private final AtomicBoolean closed = new AtomicBoolean();

        FailingSink(boolean fail) {
            this.fail = fail;
        }

        @Override
        public void write(ByteBuffer source) {
            try {
                Thread.sleep(fail ? 200 : 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fail) {
                throw new StorageFullException("no space left on the data volume (test)", null);
            }
            received.addAndGet(source.remaining());
            source.position(source.limit());
        }

        @Override
        public long offset() {
            return received.get();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
