package io.berth.storage.model;

import java.util.Set;

/** The manifest media types Berth stores and serves. */
public final class MediaTypes {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    /** Media types whose documents reference other manifests rather than blobs. */
    public static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);
    /** Every manifest media type Berth accepts. */
    public static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST);

    /** Layer media types the image spec marks as non-distributable: their blobs need not be in the registry. */
    public static boolean isNonDistributable(String mediaType) {
        return mediaType != null && (mediaType.contains(".nondistributable.")
                || mediaType.equals("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"));
    }

    private MediaTypes() {
    }
}
