package io.manticore.api.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An address or CIDR range of the configuration ({@code 10.0.0.0/8}, {@code ::1},
 * {@code 192.168.1.7}), parsed without name lookups. An IPv4 range also matches the same
 * addresses written as IPv4-mapped IPv6 ({@code ::ffff:10.1.2.3}), as dual-stack sockets report them.
 */
public final class AddressRange {

    private final byte[] network;
    private final int prefix;
    private final String text;

    private AddressRange(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses {@code rule}.
     *
     * @throws IllegalArgumentException when it is not a literal address with an optional prefix length
     */
    public static AddressRange parse(String rule) {
        int slash = rule.indexOf('/');
        String address = slash < 0 ? rule : rule.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address: " + address);
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String bits = rule.substring(slash + 1);
            if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > max) {
                throw new IllegalArgumentException("bad prefix length in " + rule);
            }
            prefix = Integer.parseInt(bits);
        }
        return new AddressRange(mask(bytes, prefix), prefix, rule);
    }

    /** True when {@code rule} parses. */
    public static boolean isValid(String rule) {
        try {
            parse(rule);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** True when {@code address} lies in this range. */
    public boolean matches(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16 && network.length == 4 && isMappedV4(bytes)) {
            bytes = Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
    }

    @Override
    public String toString() {
        return text;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    private static byte[] literal(String s) {
        if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            byte[] b = new byte[4];
            String[] octets = s.split("\\.");
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(octets[i]);
                if (v > 255) {
                    return null;
                }
                b[i] = (byte) v;
            }
            return b;
        }
        if (!s.contains(":") || !s.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            // With a ':' and only hex digits and dots this is an IPv6 literal, never looked up.
            byte[] b = InetAddress.getByName(s).getAddress();
            return b;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
