package io.manticore.api.config;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;

import org.junit.Test;

public class AddressRangeTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    public void cidrRangeMatchesItsAddressesOnly() throws Exception {
        AddressRange r = AddressRange.parse("10.1.0.0/16");
        assertTrue(r.matches(ip("10.1.255.7")));
        assertFalse(r.matches(ip("10.2.0.1")));
    }

    @Test
    public void singleAddressMatchesOnlyItself() throws Exception {
        AddressRange r = AddressRange.parse("192.168.1.7");
        assertTrue(r.matches(ip("192.168.1.7")));
        assertFalse(r.matches(ip("192.168.1.8")));
    }

    @Test
    public void ipv4RangeMatchesMappedIpv6Address() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        assertTrue(AddressRange.parse("127.0.0.0/8").matches(InetAddress.getByAddress(mapped)));
    }

    @Test
    public void ipv6RangeMatchesByPrefix() throws Exception {
        AddressRange r = AddressRange.parse("fd00::/8");
        assertTrue(r.matches(ip("fd12::1")));
        assertFalse(r.matches(ip("fe80::1")));
        assertFalse(r.matches(ip("10.0.0.1")));
    }

    @Test
    public void zeroPrefixMatchesEveryAddressOfItsFamily() throws Exception {
        assertTrue(AddressRange.parse("0.0.0.0/0").matches(ip("203.0.113.9")));
    }

    @Test
    public void namesAndBadPrefixesAreRefused() {
        assertFalse(AddressRange.isValid("localhost"));
        assertFalse(AddressRange.isValid("10.0.0.0/33"));
        assertFalse(AddressRange.isValid("300.0.0.1"));
        assertFalse(AddressRange.isValid("10.0.0.0/x"));
    }
}
