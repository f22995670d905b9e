package org.jzrepl.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address or CIDR block as written in {@code serve.clients} keys ({@code 192.168.1.5},
 * {@code 10.0.0.0/24}, {@code fe80::/10}). Parsing never touches DNS. Immutable.
 */
public final class IpNet {
    private static final String V4 = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}";

    private final byte[] address;
    private final int prefixLength;

    private IpNet(byte[] address, int prefixLength) {
        this.address = address;
        this.prefixLength = prefixLength;
    }

    /** Parses an address or CIDR block; throws IllegalArgumentException naming what is wrong. */
    public static IpNet parse(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        if (!addr.matches(V4) && !(addr.contains(":") && addr.matches("[0-9A-Fa-f:.]+"))) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block (e.g. 10.0.0.0/24)");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block (e.g. 10.0.0.0/24)");
        }
        int max = bytes.length * 8;
        int len = max;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > max) {
                throw new IllegalArgumentException("prefix length '" + p + "' in '" + text + "' is not 0-" + max);
            }
            len = Integer.parseInt(p);
        }
        return new IpNet(bytes, len);
    }

    public int prefixLength() {
        return prefixLength;
    }

    /** The address bytes: 4 for IPv4, 16 for IPv6 (a copy). */
    byte[] address() {
        return address.clone();
    }

    /** The address as Go prints it: dotted IPv4, or IPv6 in RFC 5952 short form ({@code fe80::1}). */
    public static String format(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return a.getHostAddress();
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** Whether {@code a} lies in this block (same address family, first prefixLength bits equal). */
    public boolean contains(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != address.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((b[bit / 8] & mask) != (address[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
