package io.berth.auth.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;

/**
 * The names a server certificate must carry as subjectAltName: DNS names (lower case, {@code *.} wildcards
 * allowed) and IP addresses. Clients check the name they dialled against these, never the Common Name.
 */
public record ServerNames(List<String> dnsNames, List<InetAddress> ipAddresses) {
    /** Always present on the generated certificate, so local clients work without configuration. */
    public static final List<String> LOCAL_NAMES = List.of("localhost", "127.0.0.1", "::1");

    /** RFC 1035: 253 characters in the dotted form, 63 per label. */
    private static final int MAX_DNS_NAME_LENGTH = 253;
    private static final Pattern DNS_NAME =
            Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    /** subjectAltName general-name tags (RFC 5280 4.2.1.6) as {@link X509Certificate} reports them. */
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    public ServerNames {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
            throw new TlsConfigurationException("a server certificate needs at least one host name or IP address");
        }
    }

    /**
     * Parses host names and IP address literals ({@code [::1]} brackets allowed), dropping duplicates. Every entry
     * that is neither is reported in one exception.
     */
    public static ServerNames of(Collection<String> names) {
        Set<String> dns = new LinkedHashSet<>();
        Set<InetAddress> ips = new LinkedHashSet<>();
        List<String> invalid = new ArrayList<>();
        for (String name : names) {
            String trimmed = name.strip();
            Optional<InetAddress> ip = ipLiteral(trimmed);
            if (ip.isPresent()) {
                ips.add(ip.get());
            } else if (isDnsName(trimmed)) {
                dns.add(normalizeDns(trimmed));
            } else {
                invalid.add("'" + name + "'");
            }
        }
        if (!invalid.isEmpty()) {
            throw new TlsConfigurationException("not a DNS name or IP address, so it cannot go in a TLS certificate: "
                    + String.join(", ", invalid));
        }
        return new ServerNames(List.copyOf(dns), List.copyOf(ips));
    }

    /**
     * {@link #LOCAL_NAMES}, this machine's host name (when it has a usable one) and the configured extra names, such
     * as the address clients use to reach the registry from other machines.
     */
    public static ServerNames localDefaults(Collection<String> extraNames) {
        List<String> names = new ArrayList<>(LOCAL_NAMES);
        machineHostName().ifPresent(names::add);
        names.addAll(extraNames);
        return of(names);
    }

    /** Every name as text, DNS names first, for messages. */
    public List<String> all() {
        List<String> all = new ArrayList<>(dnsNames);
        ipAddresses.forEach(ip -> all.add(ip.getHostAddress()));
        return all;
    }

    /** The names this certificate's subjectAltName lacks; empty when it carries them all. */
    public List<String> missingFrom(X509Certificate certificate) {
        Set<String> dns = new LinkedHashSet<>();
        Set<InetAddress> ips = new LinkedHashSet<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            for (List<?> entry : entries == null ? List.<List<?>>of() : entries) {
                int tag = (Integer) entry.get(0);
                if (tag == SAN_DNS) {
                    dns.add(normalizeDns((String) entry.get(1)));
                } else if (tag == SAN_IP) {
                    ipLiteral((String) entry.get(1)).ifPresent(ips::add);
                }
            }
        } catch (CertificateParsingException e) {
            return all();
        }
        List<String> missing = new ArrayList<>();
        dnsNames.stream().filter(name -> !dns.contains(name)).forEach(missing::add);
        ipAddresses.stream().filter(ip -> !ips.contains(ip)).forEach(ip -> missing.add(ip.getHostAddress()));
        return missing;
    }

    private static Optional<String> machineHostName() {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            return isDnsName(host) && ipLiteral(host).isEmpty() ? Optional.of(host) : Optional.empty();
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> ipLiteral(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPAddress.isValid(bare)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare)); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isDnsName(String name) {
        String normalized = normalizeDns(name);
        return normalized.length() <= MAX_DNS_NAME_LENGTH && DNS_NAME.matcher(normalized).matches();
    }

    private static String normalizeDns(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
