package org.jzrepl.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP address or CIDR block as written in {@code serve.clients} keys. Parsing never touches DNS. */
public record IpNet(byte[] address, int prefixLength) {
    private static final String V4 = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}";

    /** Parses {@code 192.168.1.5}, {@code 10.0.0.0/24}, {@code fe80::/10}. */
    public static IpNet parse(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes;
        if (addr.matches(V4)) {
            bytes = literal(addr, text);
        } else if (addr.contains(":") && addr.matches("[0-9A-Fa-f:.]+")) {
            bytes = literal(addr, text);
        } else {
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

    private static byte[] literal(String addr, String text) {
        try {
            return InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
        }
    }
}
