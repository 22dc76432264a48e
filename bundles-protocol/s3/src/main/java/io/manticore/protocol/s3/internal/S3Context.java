package io.manticore.protocol.s3.internal;

import java.time.Clock;

import io.manticore.api.config.ConfigService;
import io.manticore.api.config.S3KeyConfig;
import io.manticore.api.config.S3Settings;
import io.manticore.api.config.UserConfig;
import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.s3.internal.auth.SigV4Verifier;
import io.manticore.protocol.s3.internal.bucket.Buckets;
import io.manticore.protocol.s3.internal.list.ListingCache;
import io.manticore.protocol.s3.internal.meta.ObjectStore;
import io.manticore.protocol.s3.internal.multipart.Uploads;

/** The S3 service's shared state: the VFS, the configuration, the buckets and the caches. */
public final class S3Context {

    /** Who anonymous requests run as: nobody. */
    public static final Cred ANONYMOUS = new Cred(65534, 65534, new int[0]);

    private final Vfs vfs;
    private final ConfigService config;
    private final Clock clock;
    private final Buckets buckets;
    private final ObjectStore objects;
    private final ListingCache listings = new ListingCache();
    private final Uploads uploads;
    private volatile RegionVerifier verifier;

    private record RegionVerifier(String region, SigV4Verifier verifier) {
    }

    public S3Context(Vfs vfs, ConfigService config, Clock clock) {
        this.vfs = vfs;
        this.config = config;
        this.clock = clock;
        this.buckets = new Buckets(vfs, config);
        this.objects = new ObjectStore(vfs);
        this.uploads = new Uploads(vfs);
    }

    public Vfs vfs() {
        return vfs;
    }

    public S3Settings settings() {
        return config.current().s3();
    }

    /** The signature verifier for the region in force. */
    public SigV4Verifier verifier() {
        String region = settings().region();
        RegionVerifier current = verifier;
        if (current == null || !current.region().equals(region)) {
            current = new RegionVerifier(region, new SigV4Verifier(region, this::accessKey, clock));
            verifier = current;
        }
        return current.verifier();
    }

    /** The access key called {@code id}, or null. */
    public S3KeyConfig accessKey(String id) {
        for (S3KeyConfig k : config.current().s3AccessKeys()) {
            if (k.accessKey().equals(id)) {
                return k;
            }
        }
        return null;
    }

    /** The identity requests of {@code user} run as; the anonymous one for null or a user no longer configured. */
    public Cred credOf(String user) {
        UserConfig u = user == null ? null : config.current().user(user);
        if (u == null) {
            return ANONYMOUS;
        }
        return new Cred(u.uid(), u.gid(), u.groups().stream().mapToInt(Integer::intValue).toArray());
    }

    public Clock clock() {
        return clock;
    }

    public Buckets buckets() {
        return buckets;
    }

    /** Keys to files and back, object metadata and ETags. */
    public ObjectStore objects() {
        return objects;
    }

    /** The multipart uploads in progress. */
    public Uploads uploads() {
        return uploads;
    }

    /** Sorted directory listings kept between the pages of one listing. */
    public ListingCache listings() {
        return listings;
    }
}
