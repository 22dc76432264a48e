package io.manticore.protocol.s3.internal.list;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.http.QueryParams;
import io.manticore.protocol.s3.internal.op.S3Call;
import io.manticore.protocol.s3.internal.op.S3Operation;
import io.manticore.protocol.s3.internal.op.S3Response;

/** What every listing does first: read its common parameters; a bad one fails the stage rather than throwing. */
abstract class ListOperation implements S3Operation {

    @Override
    public final CompletionStage<S3Response> execute(S3Call call) {
        try {
            QueryParams query = call.request().query();
            return list(call, query, ListParams.parse(query));
        } catch (S3Exception badRequest) {
            return CompletableFuture.failedFuture(badRequest);
        }
    }

    /** One page of the listing; may throw S3Exception for a bad parameter of its own. */
    abstract CompletionStage<S3Response> list(S3Call call, QueryParams query, ListParams params);
}
