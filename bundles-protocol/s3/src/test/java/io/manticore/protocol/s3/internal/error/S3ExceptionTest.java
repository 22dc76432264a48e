package io.manticore.protocol.s3.internal.error;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.util.concurrent.CompletionException;

import org.junit.Test;

import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

public class S3ExceptionTest {

    @Test
    public void s3ExceptionIsItself() {
        S3Exception e = new S3Exception(S3Error.NO_SUCH_BUCKET, "gone");
        assertSame(e, S3Exception.from(e));
        assertSame(e, S3Exception.from(new CompletionException(new CompletionException(e))));
        assertSame(e, S3Exception.of(new CompletionException(e)));
    }

    @Test
    public void vfsErrorsAreMapped() {
        S3Exception e = S3Exception.from(new CompletionException(new VfsException(VfsError.NOENT)));
        assertEquals(S3Error.NO_SUCH_KEY, e.error());
        assertEquals("no such file or directory", e.getMessage());
        assertEquals(S3Error.ACCESS_DENIED, S3Exception.from(new VfsException(VfsError.ACCES)).error());
        assertEquals(S3Error.KEY_CONFLICT, S3Exception.from(new VfsException(VfsError.ISDIR)).error());
        assertEquals(S3Error.ENTITY_TOO_LARGE, S3Exception.from(new VfsException(VfsError.NOSPC)).error());
        assertEquals(S3Error.SLOW_DOWN, S3Exception.from(new VfsException(VfsError.DELAY)).error());
    }

    @Test
    public void unmappedVfsErrorIsInternalWithoutDetail() {
        S3Exception e = S3Exception.from(new VfsException(VfsError.IO, "disk on fire at /secret/path"));
        assertEquals(S3Error.INTERNAL_ERROR, e.error());
        assertEquals("we encountered an internal error", e.getMessage());
    }

    @Test
    public void anyOtherFailureIsInternalError() {
        S3Exception e = S3Exception.from(new IllegalStateException("bug"));
        assertEquals(S3Error.INTERNAL_ERROR, e.error());
        assertEquals(500, e.error().status().code());
        assertNull(S3Exception.of(new IllegalStateException("bug")));
    }

    @Test
    public void everyVfsErrorMapsToSomething() {
        for (VfsError v : VfsError.values()) {
            S3Error mapped = VfsErrors.map(v);
            assertEquals(v.name(), mapped, S3Exception.from(new VfsException(v)).error());
        }
        assertEquals(S3Error.INTERNAL_ERROR, VfsErrors.map(VfsError.SERVERFAULT));
    }

    @Test
    public void errorCodesAndStatuses() {
        assertEquals("KeyTooLongError", S3Error.KEY_TOO_LONG.code());
        assertEquals("XAmzContentSHA256Mismatch", S3Error.X_AMZ_CONTENT_SHA256_MISMATCH.code());
        assertEquals(416, S3Error.INVALID_RANGE.status().code());
        assertEquals(304, S3Error.NOT_MODIFIED.status().code());
        assertEquals(411, S3Error.MISSING_CONTENT_LENGTH.status().code());
        assertEquals(501, S3Error.NOT_IMPLEMENTED.status().code());
    }
}
