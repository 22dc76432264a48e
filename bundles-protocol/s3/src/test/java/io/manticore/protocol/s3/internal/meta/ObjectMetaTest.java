package io.manticore.protocol.s3.internal.meta;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileType;

public class ObjectMetaTest {

    private static final long MTIME = 1_795_342_530_123_456_789L;

    @Test
    public void encodeDecodeRoundTrip() {
        Map<String, String> user = new LinkedHashMap<>();
        user.put("zeta", "last");
        user.put("alpha", "été ☃");
        user.put("empty", "");
        ObjectMeta meta = new ObjectMeta(Map.of("content-type", "text/plain", "cache-control", "no-cache"), user,
                "0123456789abcdef0123456789abcdef-3", Map.of("crc32", "y/Q5Jg==", "sha256", "FeKw08M4"), MTIME, 12345);
        ObjectMeta back = ObjectMeta.decode(meta.encode());
        assertEquals(meta, back);
        assertEquals(List.of("zeta", "alpha", "empty"), List.copyOf(back.user().keySet()));
    }

    @Test
    public void roundTripWithoutEtag() {
        ObjectMeta meta = new ObjectMeta(Map.of(), Map.of("k", "v"), null, Map.of(), 0, -1);
        ObjectMeta back = ObjectMeta.decode(meta.encode());
        assertEquals(meta, back);
        assertNull(back.etag());
    }

    @Test
    public void noneRoundTrips() {
        assertEquals(ObjectMeta.NONE, ObjectMeta.decode(ObjectMeta.NONE.encode()));
    }

    @Test
    public void encodingIsExact() {
        ObjectMeta meta = new ObjectMeta(Map.of("content-type", "a/b"), Map.of(), "e", Map.of(), 5, 6);
        byte[] expected = ByteBuffer.allocate(64).put((byte) 1).putShort((short) 4)
                .put(entry("h:content-type", "a/b")).put(entry("etag", "e")).put(entry("mtime", "5"))
                .put(entry("size", "6")).flip().array();
        byte[] encoded = meta.encode();
        byte[] trimmed = new byte[encoded.length];
        System.arraycopy(expected, 0, trimmed, 0, encoded.length);
        assertEquals(3 + (4 + 14 + 3) + (4 + 4 + 1) + (4 + 5 + 1) + (4 + 4 + 1), encoded.length);
        assertArrayEquals(trimmed, encoded);
    }

    @Test
    public void garbageDecodesToNone() {
        assertSame(ObjectMeta.NONE, ObjectMeta.decode(new byte[0]));
        assertSame(ObjectMeta.NONE, ObjectMeta.decode(new byte[] {2, 0, 0}));
        assertSame(ObjectMeta.NONE, ObjectMeta.decode("{\"json\":true}".getBytes(StandardCharsets.UTF_8)));
        assertSame(ObjectMeta.NONE, ObjectMeta.decode(new byte[] {1, 0, 1, 0, 9, 'x'}));
        assertSame(ObjectMeta.NONE, ObjectMeta.decode(new byte[] {1, (byte) 0xff, (byte) 0xff}));
    }

    @Test
    public void truncatedValueDecodesToNone() {
        byte[] whole = new ObjectMeta(Map.of("content-type", "a/b"), Map.of("x", "y"), "e", Map.of(), 5, 6).encode();
        for (int n = 0; n < whole.length; n++) {
            byte[] cut = new byte[n];
            System.arraycopy(whole, 0, cut, 0, n);
            assertSame("cut at " + n, ObjectMeta.NONE, ObjectMeta.decode(cut));
        }
    }

    @Test
    public void badNumberDecodesToNone() {
        byte[] value = ByteBuffer.allocate(32).put((byte) 1).putShort((short) 1).put(entry("mtime", "soon")).flip().array();
        byte[] exact = new byte[3 + 4 + 5 + 4];
        System.arraycopy(value, 0, exact, 0, exact.length);
        assertSame(ObjectMeta.NONE, ObjectMeta.decode(exact));
    }

    @Test
    public void unknownEntriesAreSkipped() {
        byte[] value = ByteBuffer.allocate(64).put((byte) 1).putShort((short) 2).put(entry("future", "x"))
                .put(entry("etag", "e")).flip().array();
        byte[] exact = new byte[3 + (4 + 6 + 1) + (4 + 4 + 1)];
        System.arraycopy(value, 0, exact, 0, exact.length);
        ObjectMeta meta = ObjectMeta.decode(exact);
        assertEquals("e", meta.etag());
        assertEquals(0, meta.mtime());
        assertEquals(-1, meta.size());
    }

    @Test
    public void currentForTheSameMtimeAndSize() {
        ObjectMeta meta = new ObjectMeta(Map.of(), Map.of(), "e", Map.of(), MTIME, 100);
        assertTrue(meta.currentFor(attrs(MTIME, 100)));
        assertFalse(meta.currentFor(attrs(MTIME + 1, 100)));
        assertFalse(meta.currentFor(attrs(MTIME, 101)));
    }

    @Test
    public void notCurrentWithoutEtag() {
        ObjectMeta meta = new ObjectMeta(Map.of(), Map.of(), null, Map.of(), MTIME, 100);
        assertFalse(meta.currentFor(attrs(MTIME, 100)));
        assertFalse(ObjectMeta.NONE.currentFor(attrs(0, -1)));
    }

    @Test
    public void withEtagStampsTheFileAsItIs() {
        ObjectMeta meta = new ObjectMeta(Map.of("content-type", "t"), Map.of("a", "b"), null, Map.of(), 0, -1)
                .withEtag("e2", Map.of("crc32", "c"), attrs(MTIME, 7));
        assertEquals(new ObjectMeta(Map.of("content-type", "t"), Map.of("a", "b"), "e2", Map.of("crc32", "c"), MTIME, 7), meta);
        assertTrue(meta.currentFor(attrs(MTIME, 7)));
    }

    private static Attrs attrs(long mtime, long size) {
        return new Attrs(FileType.REGULAR, 0644, 1, 0, 0, size, size, 0, 1, mtime, mtime, mtime, mtime, 1);
    }

    private static byte[] entry(String key, String value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + k.length + v.length).putShort((short) k.length).put(k).putShort((short) v.length)
                .put(v).array();
    }
}
