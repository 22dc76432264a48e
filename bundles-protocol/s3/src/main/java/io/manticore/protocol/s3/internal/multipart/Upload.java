package io.manticore.protocol.s3.internal.multipart;

import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.manticore.api.cred.Cred;
import io.manticore.protocol.s3.internal.meta.ObjectMeta;

/**
 * A multipart upload in progress: where it goes, who started it, the metadata the object
 * will have, and its parts by number. Parts are files without names, so no listing over any
 * protocol shows them; they are freed when the upload completes or is aborted.
 */
public final class Upload {

    private final String id;
    private final String bucket;
    private final String key;
    private final String user;
    private final Cred cred;
    private final ObjectMeta meta;
    private final long initiatedNanos;
    private final ConcurrentSkipListMap<Integer, Part> parts = new ConcurrentSkipListMap<>();
    private final AtomicBoolean finishing = new AtomicBoolean();

    Upload(String id, String bucket, String key, String user, Cred cred, ObjectMeta meta, long initiatedNanos) {
        this.id = id;
        this.bucket = bucket;
        this.key = key;
        this.user = user;
        this.cred = cred;
        this.meta = meta;
        this.initiatedNanos = initiatedNanos;
    }

    public String id() {
        return id;
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    public String user() {
        return user;
    }

    public Cred cred() {
        return cred;
    }

    public ObjectMeta meta() {
        return meta;
    }

    public long initiatedNanos() {
        return initiatedNanos;
    }

    /** The parts by number, ascending. */
    public ConcurrentSkipListMap<Integer, Part> parts() {
        return parts;
    }

    /** Claims the upload for completion or abort: true for the one caller that gets it. */
    public boolean finish() {
        return finishing.compareAndSet(false, true);
    }

    /** Gives the claim back after a completion that failed, so the client may retry. */
    public void unfinish() {
        finishing.set(false);
    }

    public boolean finishing() {
        return finishing.get();
    }
}
