package io.manticore.protocol.portmap.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Universal addresses of TCP and UDP (RFC 5665 5.2.3.3, 5.2.3.4): {@code "h1.h2.h3.h4.p1.p2"}
 * over IPv4 and the RFC 4291 text of the address followed by {@code ".p1.p2"} over IPv6, where
 * p1 and p2 are the high and low bytes of the port in decimal.
 */
final class UniversalAddress {

    private UniversalAddress() {
    }

    /** The universal address of {@code address}; IPv6 in the canonical text of RFC 5952, without a zone. */
    static String format(InetSocketAddress address) {
        InetAddress host = address.getAddress();
        String text = host instanceof Inet6Address ? ipv6Text(host.getAddress()) : host.getHostAddress();
        int port = address.getPort();
        return text + "." + (port >> 8) + "." + (port & 0xff);
    }

    /**
     * Parses {@code uaddr} as an address of the IPv6 family when {@code ipv6}, else of IPv4, without
     * any name lookup.
     *
     * @return the address, or null when {@code uaddr} is malformed or of the other family
     */
    static InetSocketAddress parse(String uaddr, boolean ipv6) {
        int low = uaddr.lastIndexOf('.');
        int high = low <= 0 ? -1 : uaddr.lastIndexOf('.', low - 1);
        if (high <= 0) {
            return null;
        }
        int portHigh = octet(uaddr.substring(high + 1, low));
        int portLow = octet(uaddr.substring(low + 1));
        InetAddress host = literal(uaddr.substring(0, high), ipv6);
        if (portHigh < 0 || portLow < 0 || host == null) {
            return null;
        }
        return new InetSocketAddress(host, portHigh << 8 | portLow);
    }

    private static int octet(String text) {
        if (!text.matches("\\d{1,3}")) {
            return -1;
        }
        int value = Integer.parseInt(text);
        return value > 255 ? -1 : value;
    }

    private static InetAddress literal(String text, boolean ipv6) {
        boolean shaped = ipv6 ? text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+")
                : text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!shaped) {
            return null;
        }
        try {
            InetAddress address = InetAddress.ofLiteral(text);
            boolean family = ipv6 ? address instanceof Inet6Address : address instanceof Inet4Address;
            return family ? address : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // RFC 5952 4: lower-case hex without leading zeros, the longest run of two or more zero groups as "::".
    private static String ipv6Text(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        int runStart = -1;
        int runLength = 1;
        for (int i = 0; i < 8; ) {
            int end = i;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - i > runLength) {
                runStart = i;
                runLength = end - i;
            }
            i = Math.max(end, i + 1);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == runStart) {
                text.append("::");
                i += runLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
