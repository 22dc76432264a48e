package io.manticore.core.internal.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Syntax of IP addresses and CIDR ranges in the configuration (no name lookups). */
final class AddressRule {

    private AddressRule() {
    }

    /** A literal IPv4 or IPv6 address. */
    static boolean isAddress(String s) {
        if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String octet : s.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (!s.contains(":") || !s.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            // With a ':' and only hex digits this is parsed as an IPv6 literal, never looked up.
            InetAddress.getByName(s);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** An address, or an address with a /prefix no longer than the address. */
    static boolean isValid(String rule) {
        int slash = rule.indexOf('/');
        if (slash < 0) {
            return isAddress(rule);
        }
        String addr = rule.substring(0, slash);
        String bits = rule.substring(slash + 1);
        if (!isAddress(addr) || !bits.matches("\\d{1,3}")) {
            return false;
        }
        int max = addr.contains(":") ? 128 : 32;
        return Integer.parseInt(bits) <= max;
    }
}
