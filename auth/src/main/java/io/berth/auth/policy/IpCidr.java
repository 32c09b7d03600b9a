package io.berth.auth.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 203.0.113.0/24}, {@code 2001:DB8:1234:5678::/64}); a
 * bare address is a range of one. Parsed by hand, never through {@code InetAddress}, so a host name can never
 * trigger a DNS lookup. An IPv4 address never falls inside an IPv6 range or the other way round.
 */
record IpCidr(byte[] network, int prefixLength) {
    private static final int IPV6_GROUPS = 8;

    static Optional<IpCidr> parse(String text) {
        int slash = text.indexOf('/');
        Optional<byte[]> address = address(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int bits = address.get().length * 8;
        if (slash < 0) {
            return Optional.of(new IpCidr(address.get(), bits));
        }
        String prefix = text.substring(slash + 1);
        if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
            return Optional.empty();
        }
        return Optional.of(new IpCidr(address.get(), Integer.parseInt(prefix)));
    }

    boolean contains(String ip) {
        Optional<byte[]> candidate = address(ip.trim());
        if (candidate.isEmpty() || candidate.get().length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((network[bit / 8] & mask) != (candidate.get()[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    static Optional<byte[]> address(String text) {
        return text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
    }

    private static Optional<byte[]> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("\\d{1,3}") || Integer.parseInt(parts[i]) > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return Optional.of(bytes);
    }

    private static Optional<byte[]> ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && gap != text.lastIndexOf("::")) {
            return Optional.empty();
        }
        Optional<List<Integer>> head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        Optional<List<Integer>> tail = groups(gap < 0 ? "" : text.substring(gap + 2), true);
        if (head.isEmpty() || tail.isEmpty()) {
            return Optional.empty();
        }
        int given = head.get().size() + tail.get().size();
        if ((gap < 0 && given != IPV6_GROUPS) || (gap >= 0 && given > IPV6_GROUPS - 1)) {
            return Optional.empty();
        }
        List<Integer> all = new ArrayList<>(head.get());
        for (int i = given; i < IPV6_GROUPS; i++) {
            all.add(0);
        }
        all.addAll(tail.get());
        byte[] bytes = new byte[16];
        for (int i = 0; i < IPV6_GROUPS; i++) {
            bytes[2 * i] = (byte) (all.get(i) >>> 8);
            bytes[2 * i + 1] = (byte) (int) all.get(i);
        }
        return Optional.of(bytes);
    }

    /** Colon-separated hex groups; the last may be a dotted IPv4 address (two groups) when it ends the address. */
    private static Optional<List<Integer>> groups(String part, boolean endsAddress) {
        List<Integer> groups = new ArrayList<>();
        if (part.isEmpty()) {
            return Optional.of(groups);
        }
        String[] fields = part.split(":", -1);
        for (int i = 0; i < fields.length; i++) {
            boolean last = i == fields.length - 1;
            if (last && endsAddress && fields[i].indexOf('.') >= 0) {
                Optional<byte[]> v4 = ipv4(fields[i]);
                if (v4.isEmpty()) {
                    return Optional.empty();
                }
                groups.add(((v4.get()[0] & 0xff) << 8) | (v4.get()[1] & 0xff));
                groups.add(((v4.get()[2] & 0xff) << 8) | (v4.get()[3] & 0xff));
            } else if (fields[i].matches("[0-9A-Fa-f]{1,4}")) {
                groups.add(Integer.parseInt(fields[i], 16));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(groups);
    }
}
