package io.manticore.protocol.s3.internal.body;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.Test;

public class ChecksumTest {

    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    public void crc32OfCheckString() {
        // CRC-32/ISO-HDLC check value 0xcbf43926.
        assertEquals("y/Q5Jg==", whole("crc32"));
    }

    @Test
    public void crc32cOfCheckString() {
        // CRC-32/ISCSI check value 0xe3069283.
        assertEquals("4waSgw==", whole("crc32c"));
    }

    @Test
    public void crc64NvmeOfCheckString() {
        // CRC-64/NVME check value 0xae8b14860a799888.
        assertEquals("rosUhgp5mIg=", whole("crc64nvme"));
    }

    @Test
    public void sha1OfCheckString() {
        assertEquals("98O8HYCOBHMq32eZZczDTKeuNEE=", whole("sha1"));
    }

    @Test
    public void sha256OfCheckString() {
        assertEquals("FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=", whole("sha256"));
    }

    @Test
    public void piecesGiveTheSameValueAsTheWhole() {
        for (String algorithm : Checksum.ALGORITHMS) {
            Checksum c = Checksum.of(algorithm);
            c.update(ByteBuffer.wrap(CHECK, 0, 1));
            c.update(ByteBuffer.wrap(CHECK, 1, 0));
            c.update(ByteBuffer.wrap(CHECK, 1, 4));
            c.update(ByteBuffer.wrap(CHECK, 5, 4));
            assertEquals(algorithm, whole(algorithm), c.base64());
        }
    }

    @Test
    public void directBuffersGiveTheSameValue() {
        for (String algorithm : Checksum.ALGORITHMS) {
            ByteBuffer direct = ByteBuffer.allocateDirect(CHECK.length).put(CHECK).flip();
            Checksum c = Checksum.of(algorithm);
            c.update(direct);
            assertEquals(algorithm, whole(algorithm), c.base64());
            assertEquals(0, direct.remaining());
        }
    }

    @Test
    public void emptyInputValues() {
        assertEquals("AAAAAA==", Checksum.of("crc32").base64());
        assertEquals("AAAAAA==", Checksum.of("crc32c").base64());
        assertEquals("AAAAAAAAAAA=", Checksum.of("crc64nvme").base64());
        assertEquals("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", Checksum.of("sha256").base64());
    }

    @Test
    public void algorithmNamesAreCaseInsensitive() {
        assertEquals("crc32c", Checksum.of("CRC32C").algorithm());
        assertEquals("crc64nvme", Checksum.of("Crc64Nvme").algorithm());
        assertEquals("sha256", Checksum.of("SHA256").algorithm());
    }

    @Test
    public void unknownAlgorithmIsNull() {
        assertNull(Checksum.of("md5"));
        assertNull(Checksum.of("sha-256"));
        assertNull(Checksum.of(""));
    }

    @Test
    public void algorithmsAreS3s() {
        assertEquals(List.of("crc32", "crc32c", "crc64nvme", "sha1", "sha256"), Checksum.ALGORITHMS);
        for (String a : Checksum.ALGORITHMS) {
            assertEquals(a, Checksum.of(a).algorithm());
        }
    }

    private static String whole(String algorithm) {
        Checksum c = Checksum.of(algorithm);
        c.update(ByteBuffer.wrap(CHECK));
        return c.base64();
    }
}
