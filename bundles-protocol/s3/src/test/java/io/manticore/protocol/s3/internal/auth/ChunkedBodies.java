package io.manticore.protocol.s3.internal.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds aws-chunked bodies for tests, signing them with a chunk signer of their own. */
final class ChunkedBodies {

    private ChunkedBodies() {
    }

    /** A body of {@code chunks} then the final chunk and {@code trailers}; chunks signed when {@code signer} is not null. */
    static byte[] body(ChunkSigner signer, List<byte[]> chunks, Map<String, String> trailers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] chunk : chunks) {
            write(out, header(signer, chunk));
            out.writeBytes(chunk);
            write(out, "\r\n");
        }
        write(out, header(signer, new byte[0]));
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(trailers).forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        trailers.forEach((name, value) -> write(out, name + ":" + value + "\r\n"));
        if (signer != null && !trailers.isEmpty()) {
            write(out, "x-amz-trailer-signature:"
                    + signer.trailerSignature(Crypto.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8))) + "\r\n");
        }
        write(out, "\r\n");
        return out.toByteArray();
    }

    private static String header(ChunkSigner signer, byte[] chunk) {
        String size = Integer.toHexString(chunk.length);
        if (signer == null) {
            return size + "\r\n";
        }
        byte[] sha256 = Crypto.sha256(chunk);
        String signature = signer.chunkSignature(sha256);
        signer.verifyChunk(sha256, signature);
        return size + ";chunk-signature=" + signature + "\r\n";
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
