package io.berth.server.oci;

import io.berth.storage.model.MediaTypes;
import java.util.Locale;

/**
 * Content negotiation for manifests. A stored manifest is served as it was pushed (never converted). It is
 * refused only when the request names manifest media types and none of them, nor a wildcard, matches: a client
 * that does not understand image indexes must not be handed one.
 */
final class AcceptHeader {
    private AcceptHeader() {
    }

    static boolean allows(String accept, String mediaType) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        boolean namesManifestTypes = false;
        for (String part : accept.split(",")) {
            String type = part.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals(mediaType) || type.equals("*/*") || type.equals("application/*")) {
                return true;
            }
            namesManifestTypes |= MediaTypes.MANIFESTS.contains(type);
        }
        return !namesManifestTypes;
    }
}
