package io.berth.server.oci;

/** Header names and values of the distribution API. */
final class OciHeaders {
    static final String API_VERSION = "Docker-Distribution-API-Version";
    static final String API_VERSION_VALUE = "registry/2.0";
    static final String CONTENT_DIGEST = "Docker-Content-Digest";
    static final String UPLOAD_UUID = "Docker-Upload-UUID";
    static final String CHUNK_MIN_LENGTH = "OCI-Chunk-Min-Length";
    static final String SUBJECT = "OCI-Subject";
    static final String TAG = "OCI-Tag";
    static final String FILTERS_APPLIED = "OCI-Filters-Applied";

    private OciHeaders() {
    }
}
