/**
 * HTTPS material for the server, and the only package that imports {@code org.bouncycastle}.
 *
 * <p>{@link io.berth.auth.tls.TlsBootstrap} keeps a private CA ("Berth local CA", ECDSA P-256, ten years) and a
 * server certificate it signs in one directory (normally {@code DATA_DIR/tls}): {@code ca.crt}, {@code ca.key},
 * {@code server.crt} (server then CA) and {@code server.key} (PKCS#8), the keys readable by their owner only. The
 * CA is made once and kept, so clients that trust it keep working; the server certificate is issued again when it
 * no longer names every requested host or is about to expire. {@link io.berth.auth.tls.TlsBootstrap#loadUserMaterial}
 * checks a certificate and key the operator brings instead. Either way the server gets a
 * {@link io.berth.auth.tls.TlsMaterial}: PEM paths to hand to the HTTP server, plus the CA fingerprint and
 * {@link io.berth.auth.tls.TlsMaterial#trustInstructions(String) instructions} for clients.
 *
 * <p>Bouncy Castle only builds certificates and reads PEM; keys, signatures and certificate parsing use the JDK's
 * own providers, so nothing is registered in {@link java.security.Security} and the files work with any PEM reader.
 * Everything here is blocking file and key work: call it from a worker thread or before the event loop starts.
 */
package io.berth.auth.tls;
