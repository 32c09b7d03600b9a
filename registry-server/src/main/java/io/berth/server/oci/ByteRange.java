package io.berth.server.oci;

import io.berth.storage.error.BlobUploadInvalidException;
import io.berth.storage.error.RangeInvalidException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inclusive byte range, parsed from a {@code Range: bytes=a-b} request header or an upload's
 * {@code Content-Range: a-b}.
 */
record ByteRange(long first, long last) {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes[ =])?(\\d+)-(\\d+)(?:/(?:\\d+|\\*))?");

    long length() {
        return last - first + 1;
    }

    /**
     * The range a {@code Range} header asks of a blob of {@code size} bytes, clipped to the blob; null when the
     * header should be ignored (absent, or several ranges, which Berth answers with the whole blob).
     *
     * @throws RangeInvalidException when the range cannot be satisfied
     */
    static ByteRange ofRequest(String header, long size) {
        if (header == null || header.contains(",")) {
            return null;
        }
        Matcher matcher = RANGE.matcher(header.trim());
        if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            throw new RangeInvalidException("invalid Range header", header);
        }
        try {
            if (matcher.group(1).isEmpty()) {
                long suffix = Long.parseLong(matcher.group(2));
                if (suffix == 0 || size == 0) {
                    throw unsatisfiable(header, size);
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(matcher.group(1));
            long last = matcher.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(matcher.group(2)), size - 1);
            if (first >= size || last < first) {
                throw unsatisfiable(header, size);
            }
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            throw unsatisfiable(header, size);
        }
    }

    /** The range of a chunk upload's {@code Content-Range} header; null when absent. */
    static ByteRange ofContentRange(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Matcher matcher = CONTENT_RANGE.matcher(header.trim());
        if (!matcher.matches()) {
            throw new BlobUploadInvalidException("invalid Content-Range header", header);
        }
        try {
            long first = Long.parseLong(matcher.group(1));
            long last = Long.parseLong(matcher.group(2));
            if (last < first) {
                throw new RangeInvalidException("invalid Content-Range: end before start", header);
            }
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            throw new BlobUploadInvalidException("invalid Content-Range header", header);
        }
    }

    private static RangeInvalidException unsatisfiable(String header, long size) {
        return new RangeInvalidException("requested range not satisfiable for a blob of " + size + " bytes", header);
    }
}
