package io.berth.server.aws.query;

import java.util.UUID;

/** Request ids in AWS's form: a random UUID ({@code 7a62c49f-347e-4fc4-9331-6e8eEXAMPLE}). */
public final class RequestIds {
    private RequestIds() {
    }

    public static String next() {
        return UUID.randomUUID().toString();
    }
}
