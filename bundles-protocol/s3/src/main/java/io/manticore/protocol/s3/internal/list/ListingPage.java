package io.manticore.protocol.s3.internal.list;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.s3.internal.op.S3Call;

/**
 * One page of a bucket listing: up to max-keys results in key order, the details of each
 * object among them (null for a common prefix or an object left out), and whether more follow.
 */
record ListingPage(List<Listed> items, List<ListedObject> objects, boolean truncated) {

    /** Lists {@code range} in the call's bucket, as the caller. */
    static CompletionStage<ListingPage> list(S3Call call, KeyRange range, int maxKeys) {
        DirReader reader = new DirReader(call.context().vfs(), call.context().listings());
        return call.bucket()
                // One result past the page tells whether the listing is truncated.
                .thenCompose(bucket -> KeyWalk.walk(call.context().vfs(), call.cred(), reader, bucket.root(), range,
                        maxKeys == 0 ? 0 : maxKeys + 1))
                .thenCompose(found -> {
                    boolean truncated = found.size() > maxKeys;
                    List<Listed> page = truncated ? found.subList(0, maxKeys) : found;
                    return ObjectDetails.of(call.context().vfs(), call.context().objects(), call.cred(), page)
                            .thenApply(objects -> new ListingPage(page, objects, truncated));
                });
    }

    /** The last key or common prefix of the page: where the next one starts. */
    Listed last() {
        return items.get(items.size() - 1);
    }

    long objectCount() {
        return objects.stream().filter(Objects::nonNull).count();
    }

    long prefixCount() {
        return items.stream().filter(Listed::commonPrefix).count();
    }
}
