package io.manticore.protocol.s3.internal.body;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * One of S3's additional checksums (x-amz-checksum-crc32, -crc32c, -crc64nvme, -sha1,
 * -sha256), computed incrementally; its value is base64 of the big-endian checksum or digest.
 */
public abstract sealed class Checksum {

    /** The algorithm names, lower case, as in the header names. */
    public static final java.util.List<String> ALGORITHMS = java.util.List.of("crc32", "crc32c", "crc64nvme", "sha1", "sha256");

    private final String algorithm;

    private Checksum(String algorithm) {
        this.algorithm = algorithm;
    }

    /** A new checksum of {@code algorithm} (any case), or null when it is not one of S3's. */
    public static Checksum of(String algorithm) {
        return switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "crc32" -> new Crc("crc32", new CRC32());
            case "crc32c" -> new Crc("crc32c", new CRC32C());
            case "crc64nvme" -> new Crc64Nvme();
            case "sha1" -> new Digest("sha1", "SHA-1");
            case "sha256" -> new Digest("sha256", "SHA-256");
            default -> null;
        };
    }

    public String algorithm() {
        return algorithm;
    }

    /** Consumes the remaining bytes of {@code data}. */
    public abstract void update(ByteBuffer data);

    /** The value, base64, as the headers carry it. */
    public abstract String base64();

    private static final class Crc extends Checksum {
        private final java.util.zip.Checksum crc;

        Crc(String algorithm, java.util.zip.Checksum crc) {
            super(algorithm);
            this.crc = crc;
        }

        @Override
        public void update(ByteBuffer data) {
            crc.update(data);
        }

        @Override
        public String base64() {
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        }
    }

    /** CRC-64/NVME: reflected polynomial 0x9a6c9329ac4bc9b5, initial and final XOR all ones. */
    private static final class Crc64Nvme extends Checksum {
        private static final long[] TABLE = new long[256];

        static {
            for (int i = 0; i < 256; i++) {
                long c = i;
                for (int k = 0; k < 8; k++) {
                    c = (c & 1) != 0 ? (c >>> 1) ^ 0x9a6c9329ac4bc9b5L : c >>> 1;
                }
                TABLE[i] = c;
            }
        }

        private long crc = -1L;

        Crc64Nvme() {
            super("crc64nvme");
        }

        @Override
        public void update(ByteBuffer data) {
            long c = crc;
            while (data.hasRemaining()) {
                c = TABLE[(int) ((c ^ data.get()) & 0xff)] ^ (c >>> 8);
            }
            crc = c;
        }

        @Override
        public String base64() {
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(~crc).array());
        }
    }

    private static final class Digest extends Checksum {
        private final MessageDigest digest;

        Digest(String algorithm, String jdkName) {
            super(algorithm);
            try {
                this.digest = MessageDigest.getInstance(jdkName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK always has " + jdkName, e);
            }
        }

        @Override
        public void update(ByteBuffer data) {
            digest.update(data);
        }

        @Override
        public String base64() {
            return Base64.getEncoder().encodeToString(digest.digest());
        }
    }
}
