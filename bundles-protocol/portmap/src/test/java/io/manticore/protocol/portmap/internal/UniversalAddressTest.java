package io.manticore.protocol.portmap.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.Test;

public class UniversalAddressTest {

    private static InetSocketAddress at(String host, int port) {
        return new InetSocketAddress(InetAddress.ofLiteral(host), port);
    }

    @Test
    public void ipv4AddressIsFourOctetsThenThePortBytes() {
        assertEquals("192.0.2.10.8.1", UniversalAddress.format(at("192.0.2.10", 2049)));
        assertEquals("0.0.0.0.0.111", UniversalAddress.format(at("0.0.0.0", 111)));
        assertEquals("127.0.0.1.255.255", UniversalAddress.format(at("127.0.0.1", 65535)));
    }

    @Test
    public void ipv6AddressIsItsCanonicalTextThenThePortBytes() {
        assertEquals("::.0.111", UniversalAddress.format(at("::", 111)));
        assertEquals("::1.8.1", UniversalAddress.format(at("0:0:0:0:0:0:0:1", 2049)));
        assertEquals("2001:db8::5.8.1", UniversalAddress.format(at("2001:0DB8:0:0:0:0:0:5", 2049)));
        assertEquals("fe80::1:0:0:2.0.111", UniversalAddress.format(at("fe80:0:0:0:1:0:0:2", 111)));
        assertEquals("2001:db8:0:1:1:1:1:1.0.111", UniversalAddress.format(at("2001:db8:0:1:1:1:1:1", 111)));
        assertEquals("2001:0:0:1::1.0.111", UniversalAddress.format(at("2001:0:0:1:0:0:0:1", 111)));
        assertEquals("1::.0.111", UniversalAddress.format(at("1::", 111)));
    }

    @Test
    public void ipv6AddressLosesItsZone() {
        assertEquals("fe80::1.0.111", UniversalAddress.format(new InetSocketAddress(
                java.net.Inet6Address.ofLiteral("fe80::1%1"), 111)));
    }

    @Test
    public void parseReadsBothFamilies() {
        assertEquals(at("192.0.2.10", 2049), UniversalAddress.parse("192.0.2.10.8.1", false));
        assertEquals(at("2001:db8::5", 2049), UniversalAddress.parse("2001:db8::5.8.1", true));
        assertEquals(at("::", 111), UniversalAddress.parse("::.0.111", true));
        assertEquals(at("::1", 65535), UniversalAddress.parse("::1.255.255", true));
    }

    @Test
    public void parseRefusesMalformedAddresses() {
        String[] ipv4 = {"", ".", "1.2.3.4", "1.2.3.4.5", "1.2.3.4.0.256", "1.2.3.4.-1.0", "1.2.3.256.0.1",
            "1.2.3.4.0.1.", "a.b.c.d.0.1", "localhost.0.1", "::1.0.1", "1.2.3.4.0.1111", "1.2.3.4.+1.0"};
        for (String uaddr : ipv4) {
            assertNull(uaddr, UniversalAddress.parse(uaddr, false));
        }
        String[] ipv6 = {"::1", "1.2.3.4.0.1", "::ffff:1.2.3.4.0.1", "fe80::1%eth0.0.1", "gg::1.0.1", ":::.0.1",
            "1:2:3:4:5:6:7:8:9.0.1"};
        for (String uaddr : ipv6) {
            assertNull(uaddr, UniversalAddress.parse(uaddr, true));
        }
    }
}
