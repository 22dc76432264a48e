package io.manticore.protocol.s3.internal.meta;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.manticore.api.vfs.Attrs;

/**
 * What S3 keeps about an object beyond its bytes, stored in one extended attribute: the
 * content headers, user metadata, and the ETag and checksums with the modification time and
 * size they were computed for (a change over another protocol makes them stale).
 *
 * @param headers   content headers by lower-case name (content-type, content-encoding, …)
 * @param user      user metadata by lower-case name, without the {@code x-amz-meta-} prefix
 * @param etag      the ETag without quotes, or null when not known
 * @param checksums x-amz-checksum values by algorithm (crc32, crc32c, sha1, sha256), base64
 * @param mtime     the file's mtime when the ETag and checksums were computed
 * @param size      the file's size then
 */
public record ObjectMeta(Map<String, String> headers, Map<String, String> user, String etag,
                         Map<String, String> checksums, long mtime, long size) {

    /** The extended attribute holding it. */
    public static final String XATTR = "user.s3.meta";
    /** S3's limit on user metadata: 2 KB of names and values. */
    public static final int MAX_USER_BYTES = 2048;
    public static final ObjectMeta NONE = new ObjectMeta(Map.of(), Map.of(), null, Map.of(), 0, -1);

    private static final byte FORMAT = 1;
    private static final int MAX_ENTRIES = 256;

    public ObjectMeta {
        headers = Map.copyOf(headers);
        user = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(user));
        checksums = Map.copyOf(checksums);
    }

    /** Whether the ETag and checksums describe the file as it is now. */
    public boolean currentFor(Attrs attrs) {
        return etag != null && attrs.mtime() == mtime && attrs.size() == size;
    }

    /** The same metadata, its ETag and checksums stamped for the file as {@code attrs} shows it. */
    public ObjectMeta withEtag(String newEtag, Map<String, String> newChecksums, Attrs attrs) {
        return new ObjectMeta(headers, user, newEtag, newChecksums, attrs.mtime(), attrs.size());
    }

    public byte[] encode() {
        Map<String, String> entries = new LinkedHashMap<>();
        headers.forEach((k, v) -> entries.put("h:" + k, v));
        user.forEach((k, v) -> entries.put("m:" + k, v));
        checksums.forEach((k, v) -> entries.put("c:" + k, v));
        if (etag != null) {
            entries.put("etag", etag);
        }
        entries.put("mtime", Long.toString(mtime));
        entries.put("size", Long.toString(size));
        ByteBuffer out = ByteBuffer.allocate(3 + entries.entrySet().stream()
                .mapToInt(e -> 4 + utf8(e.getKey()).length + utf8(e.getValue()).length).sum());
        out.put(FORMAT).putShort((short) entries.size());
        entries.forEach((k, v) -> {
            put(out, k);
            put(out, v);
        });
        return out.array();
    }

    /** Decodes an attribute value; NONE for a value this code did not write or cannot read. */
    public static ObjectMeta decode(byte[] value) {
        try {
            ByteBuffer in = ByteBuffer.wrap(value);
            if (in.get() != FORMAT) {
                return NONE;
            }
            int count = Short.toUnsignedInt(in.getShort());
            if (count > MAX_ENTRIES) {
                return NONE;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            Map<String, String> user = new LinkedHashMap<>();
            Map<String, String> checksums = new LinkedHashMap<>();
            String etag = null;
            long mtime = 0;
            long size = -1;
            for (int i = 0; i < count; i++) {
                String k = get(in);
                String v = get(in);
                if (k.startsWith("h:")) {
                    headers.put(k.substring(2), v);
                } else if (k.startsWith("m:")) {
                    user.put(k.substring(2), v);
                } else if (k.startsWith("c:")) {
                    checksums.put(k.substring(2), v);
                } else if (k.equals("etag")) {
                    etag = v;
                } else if (k.equals("mtime")) {
                    mtime = Long.parseLong(v);
                } else if (k.equals("size")) {
                    size = Long.parseLong(v);
                }
            }
            return new ObjectMeta(headers, user, etag, checksums, mtime, size);
        } catch (RuntimeException malformed) {
            return NONE;
        }
    }

    private static void put(ByteBuffer out, String s) {
        byte[] b = utf8(s);
        out.putShort((short) b.length).put(b);
    }

    private static String get(ByteBuffer in) {
        byte[] b = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
