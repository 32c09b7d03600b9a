package io.berth.server.it;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a copy of what the in-process Berth logs (slf4j-simple writes to whatever {@code System.err} is at the
 * time of each line) while still passing it on, so a test can look at the access log (which requests a client
 * made, with which status) and can fail when Berth logged an error, quoting Berth's own lines.
 */
public final class ServerLog implements AutoCloseable {
    private final PrintStream original;
    private final StringBuilder captured = new StringBuilder();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private ServerLog() {
        this.original = System.err;
        System.setErr(new PrintStream(new Tee(), true, StandardCharsets.UTF_8));
    }

    public static ServerLog capture() {
        return new ServerLog();
    }

    /** A position in the log; {@link #linesSince} gives what was logged after it. */
    public synchronized int mark() {
        return captured.length();
    }

    public synchronized List<String> linesSince(int mark) {
        return List.of(captured.substring(mark).split("\n"));
    }

    /** Access-log lines since {@code mark} for this method and path prefix, e.g. {@code "POST /v2/jib/app/"}. */
    public List<String> accessLines(int mark, String methodAndPathPrefix) {
        return linesSince(mark).stream().filter(line -> line.contains("berth.access"))
                .filter(line -> line.contains(" " + methodAndPathPrefix)).toList();
    }

    /**
     * Lines since {@code mark} in which Berth reported an error (a 5xx, an unhandled exception), each with the
     * exception and stack trace that follow it. (Only lines of Berth's own log start with {@code [thread]}.)
     */
    public List<String> errorsSince(int mark) {
        List<String> errors = new ArrayList<>();
        boolean inTrace = false;
        for (String line : linesSince(mark)) {
            if (line.contains(" ERROR ")) {
                errors.add(line);
                inTrace = true;
            } else if (inTrace && !line.startsWith("[")) {
                errors.add(line); // the exception and its stack trace, up to the next "[thread] LEVEL" log line
            } else {
                inTrace = false;
            }
        }
        return errors;
    }

    @Override
    public void close() {
        System.setErr(original);
    }

    private synchronized void append(byte[] bytes, int offset, int length) {
        pending.write(bytes, offset, length);
        byte[] all = pending.toByteArray();
        int end = lastNewline(all);
        if (end >= 0) {
            captured.append(new String(all, 0, end + 1, StandardCharsets.UTF_8));
            pending.reset();
            pending.write(all, end + 1, all.length - end - 1);
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private final class Tee extends OutputStream {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            original.write(bytes, offset, length);
            append(bytes, offset, length);
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
