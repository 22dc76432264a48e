package io.manticore.protocol.smb.internal.auth;

import java.io.ByteArrayOutputStream;

/** SPNEGO tokens as a client builds them (RFC 4178 4.2, RFC 2743 3.1), DER written by hand for the tests. */
final class TestSpnego {

    static final String NTLMSSP = "060A2B06010401823702020A";
    static final String KERBEROS = "06092A864886F712010202";
    static final String MS_KERBEROS = "06092A864882F712010202";

    private TestSpnego() {
    }

    /** The DER MechTypeList of the given encoded OIDs. */
    static byte[] mechTypes(String... oids) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (String oid : oids) {
            list.writeBytes(TestNtlmClient.hex(oid));
        }
        return tlv(0x30, list.toByteArray());
    }

    static byte[] negTokenInit(byte[] mechTypes, byte[] mechToken) {
        byte[] fields = tlv(0xA0, mechTypes);
        if (mechToken != null) {
            fields = TestNtlmClient.concat(fields, tlv(0xA2, tlv(0x04, mechToken)));
        }
        byte[] init = tlv(0xA0, tlv(0x30, fields));
        return tlv(0x60, TestNtlmClient.concat(TestNtlmClient.hex("06062B0601050502"), init));
    }

    static byte[] negTokenResp(byte[] responseToken, byte[] mechListMic) {
        byte[] fields = tlv(0xA2, tlv(0x04, responseToken));
        if (mechListMic != null) {
            fields = TestNtlmClient.concat(fields, tlv(0xA3, tlv(0x04, mechListMic)));
        }
        return tlv(0xA1, tlv(0x30, fields));
    }

    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 128) {
            out.write(length);
        } else if (length < 256) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** The contents of the context field [n] of a negTokenResp, or null (a reader for test assertions). */
    static byte[] respField(byte[] negTokenResp, int n) {
        int[] at = {0};
        expect(negTokenResp, at, 0xA1);
        expect(negTokenResp, at, 0x30);
        while (at[0] < negTokenResp.length) {
            int tag = negTokenResp[at[0]] & 0xFF;
            int length = expect(negTokenResp, at, tag);
            if (tag == (0xA0 | n)) {
                int inner = at[0];
                int innerTag = negTokenResp[inner] & 0xFF;
                int innerLength = expect(negTokenResp, at, innerTag);
                return java.util.Arrays.copyOfRange(negTokenResp, at[0], at[0] + innerLength);
            }
            at[0] += length;
        }
        return null;
    }

    /** Reads a tag and its length at at[0]; leaves at[0] on the contents and returns their length. */
    private static int expect(byte[] data, int[] at, int tag) {
        if ((data[at[0]] & 0xFF) != tag) {
            throw new AssertionError("tag " + Integer.toHexString(data[at[0]] & 0xFF) + " where "
                    + Integer.toHexString(tag) + " was expected");
        }
        at[0]++;
        int first = data[at[0]++] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7F); i++) {
            length = length << 8 | (data[at[0]++] & 0xFF);
        }
        return length;
    }
}
