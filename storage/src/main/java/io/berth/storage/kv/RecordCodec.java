package io.berth.storage.kv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.storage.error.StorageFailureException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Encodes metadata records as a format-version byte followed by JSON. The version byte lets a later format
 * (say, sealed with a data key) sit beside this one without a migration: readers dispatch on it.
 */
public final class RecordCodec {
    /** Format 1: plain JSON. */
    public static final byte PLAIN_JSON = 1;

    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public byte[] encode(Object record) {
        try {
            byte[] json = mapper.writeValueAsBytes(record);
            byte[] out = new byte[json.length + 1];
            out[0] = PLAIN_JSON;
            System.arraycopy(json, 0, out, 1, json.length);
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + record.getClass().getSimpleName(), e);
        }
    }

    public <T> T decode(byte[] bytes, Class<T> type) {
        if (bytes.length == 0 || bytes[0] != PLAIN_JSON) {
            throw new StorageFailureException("unknown record format " + (bytes.length == 0 ? "(empty)" : bytes[0])
                    + " for " + type.getSimpleName(), null);
        }
        try {
            return mapper.readValue(Arrays.copyOfRange(bytes, 1, bytes.length), type);
        } catch (IOException e) {
            throw new StorageFailureException("corrupt " + type.getSimpleName() + " record", e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
