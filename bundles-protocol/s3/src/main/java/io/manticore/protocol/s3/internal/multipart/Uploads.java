package io.manticore.protocol.s3.internal.multipart;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.meta.ObjectMeta;

/**
 * The multipart uploads in progress, bounded in number. They outlive an update of this bundle
 * (handed over through core) but not a restart of the server.
 */
public final class Uploads {

    /** Uploads in progress at once, over all clients. */
    public static final int MAX_UPLOADS = 1000;
    public static final int MAX_PARTS = 10_000;
    /** S3's smallest part, but for the last. */
    public static final long MIN_PART_BYTES = 5L * 1024 * 1024;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final Vfs vfs;

    public Uploads(Vfs vfs) {
        this.vfs = vfs;
    }

    public Upload start(String bucket, String key, String user, Cred cred, ObjectMeta meta, long nowNanos) {
        if (uploads.size() >= MAX_UPLOADS) {
            throw new S3Exception(S3Error.SLOW_DOWN, "too many multipart uploads are in progress; complete or abort some");
        }
        byte[] id = new byte[24];
        random.nextBytes(id);
        Upload upload = new Upload(HexFormat.of().formatHex(id), bucket, key, user, cred, meta, nowNanos);
        uploads.put(upload.id(), upload);
        return upload;
    }

    /** The upload {@code id} of this bucket and key, started by {@code user}; NoSuchUpload otherwise. */
    public Upload get(String id, String bucket, String key, String user) {
        Upload u = id == null ? null : uploads.get(id);
        if (u == null || !u.bucket().equals(bucket) || !u.key().equals(key) || !u.user().equals(user)) {
            throw new S3Exception(S3Error.NO_SUCH_UPLOAD, "the specified upload does not exist; it may have been aborted or completed");
        }
        return u;
    }

    /** The uploads of {@code bucket} visible to {@code user}, by key then initiation time. */
    public List<Upload> of(String bucket, String user) {
        List<Upload> out = new ArrayList<>();
        for (Upload u : uploads.values()) {
            if (u.bucket().equals(bucket) && u.user().equals(user) && !u.finishing()) {
                out.add(u);
            }
        }
        out.sort(Comparator.comparing(Upload::key, Utf8Order.INSTANCE).thenComparingLong(Upload::initiatedNanos)
                .thenComparing(Upload::id));
        return out;
    }

    /** Forgets the upload and frees its parts' files. */
    public void remove(Upload upload) {
        uploads.remove(upload.id());
        discardParts(vfs, upload);
        upload.parts().clear();
    }

    /**
     * Hands every upload over (io.manticore.api.runtime.Handover): they leave this registry with
     * their parts' files kept, for the next version of the bundle to {@link #adopt}.
     */
    public List<Upload> handOver() {
        List<Upload> all = new ArrayList<>(uploads.values());
        uploads.clear();
        return all;
    }

    /** Takes the uploads a previous version of the bundle handed over. */
    public void adopt(List<Upload> handedOver) {
        for (Upload u : handedOver) {
            uploads.put(u.id(), u);
        }
    }

    /** Frees the parts' files of uploads that no one will take over. */
    public static void discardAll(Vfs vfs, List<Upload> left) {
        left.forEach(u -> discardParts(vfs, u));
    }

    private static void discardParts(Vfs vfs, Upload upload) {
        for (Part p : upload.parts().values()) {
            vfs.discardUnlinked(upload.cred(), p.file());
        }
    }

    /** Frees a part replaced by a new upload of the same number. */
    public void discard(Upload upload, Part part) {
        vfs.discardUnlinked(upload.cred(), part.file());
    }
}
