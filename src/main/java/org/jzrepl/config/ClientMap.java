package org.jzrepl.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tcp serve's {@code clients}, as zrepl reads them ({@code transport/tcp/serve_tcp_ipmap.go}):
 * a key is an IP address or a CIDR block, optionally with an IPv6 zone ({@code fe80::/16%eth1});
 * an address maps to an identity without {@code *}, a block to one with exactly one {@code *},
 * which becomes the client's address ({@code address-zone} when the client has a zone). All
 * addresses are compared as 16 bytes (IPv4 as {@code ::ffff:a.b.c.d}, so {@code ::/0} also
 * matches IPv4 clients); a client's zone must equal the entry's (none for none). The longest prefix
 * wins; two keys naming the same block and zone are refused rather than picked at random.
 * Immutable.
 */
public final class ClientMap {
    /** Go's IFNAMSIZ: zone names are at most this long, for the longest-expansion check. */
    private static final int IFNAMSIZ = 16;
    private static final byte[] V4_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private record Entry(String key, byte[] net, int prefix, String zone, String identity) {
        boolean contains(byte[] a, String z) {
            if (!zone.equals(z)) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((a[bit / 8] & mask) != (net[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Entry> entries;

    private ClientMap(List<Entry> entries) {
        this.entries = entries;
    }

    /** Parses the whole map; throws IllegalArgumentException naming the first bad or duplicate entry. */
    public static ClientMap parse(Map<String, String> clients) {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<String, String> e : clients.entrySet()) {
            out.add(entry(e.getKey(), e.getValue()));
        }
        out.sort(Comparator.comparingInt(Entry::prefix).reversed()
                .thenComparing(Entry::net, Arrays::compareUnsigned).thenComparing(Entry::zone));
        for (int i = 1; i < out.size(); i++) {
            Entry a = out.get(i - 1);
            Entry b = out.get(i);
            if (a.prefix() == b.prefix() && Arrays.equals(a.net(), b.net()) && a.zone().equals(b.zone())) {
                throw new IllegalArgumentException("clients '" + a.key() + "' and '" + b.key()
                        + "' name the same addresses; keep one");
            }
        }
        return new ClientMap(List.copyOf(out));
    }

    /** Checks a key (address or CIDR block, optional zone); throws IllegalArgumentException saying what is wrong. */
    public static void checkKey(String key) {
        int pct = key.indexOf('%');
        if (pct >= 0 && !key.substring(pct + 1).matches("[A-Za-z0-9_.-]{1," + IFNAMSIZ + "}")) {
            throw new IllegalArgumentException("zone '" + key.substring(pct + 1) + "' in '" + key
                    + "' is not an interface name");
        }
        IpNet.parse(pct < 0 ? key : key.substring(0, pct));
    }

    /** Checks one entry whose key passed {@link #checkKey}: the identity's {@code *} rule and its characters. */
    public static void checkEntry(String key, String identity) {
        entry(key, identity);
    }

    private static Entry entry(String key, String identity) {
        checkKey(key);
        int pct = key.indexOf('%');
        String net = pct < 0 ? key : key.substring(0, pct);
        String zone = pct < 0 ? "" : key.substring(pct + 1);
        IpNet parsed = IpNet.parse(net);
        int prefix = parsed.prefixLength() + (parsed.address().length == 4 ? 96 : 0);
        byte[] addr = masked(to16(parsed.address()), prefix);
        int stars = identity.length() - identity.replace("*", "").length();
        if (!net.contains("/")) {
            if (stars != 0) {
                throw new IllegalArgumentException("client identity '" + identity + "' for address " + key
                        + " must not contain '*' (only CIDR blocks expand '*' to the client's address)");
            }
            Names.checkIdentity(identity);
        } else {
            if (stars != 1) {
                throw new IllegalArgumentException("client identity '" + identity + "' for CIDR block " + key
                        + " must contain exactly one '*' (it becomes the client's address)");
            }
            String longest = identity.replace("*", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff-" + "i".repeat(IFNAMSIZ));
            try {
                Names.checkIdentity(longest);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("client identity '" + identity + "' for CIDR block " + key
                        + " is not a valid dataset-name component for every client address (with '*' replaced by"
                        + " the longest address and zone)");
            }
        }
        return new Entry(key, addr, prefix, zone, identity);
    }

    /**
     * Whether some client address could map to {@code identity}: an entry's identity itself, or
     * one with {@code *} whose text before and after the star frame a non-empty address.
     */
    public boolean couldName(String identity) {
        for (Entry e : entries) {
            int star = e.identity().indexOf('*');
            if (star < 0 ? e.identity().equals(identity)
                    : identity.length() > e.identity().length() - 1 && identity.startsWith(e.identity().substring(0, star))
                    && identity.endsWith(e.identity().substring(star + 1))) {
                return true;
            }
        }
        return false;
    }

    /** The identity of a client at {@code address}; empty when no entry matches. */
    public Optional<String> identityFor(InetAddress address) {
        byte[] a = to16(address.getAddress());
        String zone = zoneOf(address);
        for (Entry e : entries) {
            if (e.contains(a, zone)) {
                String text = format(a) + (zone.isEmpty() ? "" : "-" + zone);
                return Optional.of(e.identity().replace("*", text));
            }
        }
        return Optional.empty();
    }

    /** The IPv6 zone of {@code a} as an interface name, as Go reports it; empty when none. */
    static String zoneOf(InetAddress a) {
        if (!(a instanceof Inet6Address v6) || v6.getScopeId() == 0) {
            return "";
        }
        NetworkInterface ni = v6.getScopedInterface();
        if (ni == null) {
            try {
                ni = NetworkInterface.getByIndex(v6.getScopeId());
            } catch (SocketException e) {
                ni = null;
            }
        }
        return ni == null ? Integer.toString(v6.getScopeId()) : ni.getName();
    }

    /** {@code a} with the bits after the first {@code prefix} cleared, as Go's ParseCIDR returns the block. */
    private static byte[] masked(byte[] a, int prefix) {
        byte[] out = a.clone();
        for (int bit = prefix; bit < 128; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        return out;
    }

    private static byte[] to16(byte[] b) {
        if (b.length == 16) {
            return b;
        }
        byte[] out = Arrays.copyOf(V4_PREFIX, 16);
        System.arraycopy(b, 0, out, 12, 4);
        return out;
    }

    /** Go's {@code IP.String()} of a 16-byte address: dotted for IPv4-mapped, RFC 5952 otherwise. */
    private static String format(byte[] a) {
        try {
            if (Arrays.equals(Arrays.copyOf(a, 12), V4_PREFIX)) {
                return InetAddress.getByAddress(Arrays.copyOfRange(a, 12, 16)).getHostAddress();
            }
            return IpNet.format(InetAddress.getByAddress(a));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // only thrown for a wrong length
        }
    }
}
