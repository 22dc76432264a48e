package io.manticore.protocol.s3.internal.op;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileType;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;

public class PreconditionsTest {

    private static final String ETAG = "d41d8cd98f00b204e9800998ecf8427e";
    /** Sun, 22 Nov 2026 10:15:30 GMT and a half second. */
    private static final long MTIME = 1795342530L * 1_000_000_000L + 500_000_000L;
    private static final String AT_MTIME = "Sun, 22 Nov 2026 10:15:30 GMT";
    private static final String BEFORE = "Sun, 22 Nov 2026 10:15:29 GMT";
    private static final String AFTER = "Sun, 22 Nov 2026 10:15:31 GMT";
    private static final Attrs ATTRS = new Attrs(FileType.REGULAR, 0644, 1, 0, 0, 10, 10, 0, 7, MTIME, MTIME, MTIME, MTIME, 1);

    @Test
    public void noConditionsPass() {
        Preconditions.check(headers(), "", ATTRS, ETAG, true);
    }

    @Test
    public void ifMatchAcceptsQuotedEtag() {
        Preconditions.check(headers("If-Match", "\"" + ETAG + "\""), "", ATTRS, ETAG, true);
    }

    @Test
    public void ifMatchAcceptsBareEtag() {
        Preconditions.check(headers("If-Match", ETAG), "", ATTRS, ETAG, true);
    }

    @Test
    public void ifMatchAcceptsAListNamingTheEtag() {
        Preconditions.check(headers("If-Match", "\"other\", \"" + ETAG + "\" ,\"third\""), "", ATTRS, ETAG, true);
    }

    @Test
    public void ifMatchAcceptsStar() {
        Preconditions.check(headers("If-Match", "*"), "", ATTRS, ETAG, true);
    }

    @Test
    public void ifMatchComparesStronglySoAWeakTagFails() {
        assertFails(headers("If-Match", "W/\"" + ETAG + "\""), "", true, S3Error.PRECONDITION_FAILED);
    }

    @Test
    public void ifMatchOfAnotherEtagFails() {
        assertFails(headers("If-Match", "\"other\", \"x" + ETAG + "\""), "", true, S3Error.PRECONDITION_FAILED);
    }

    @Test
    public void ifMatchIsCaseSensitive() {
        assertFails(headers("If-Match", "\"" + ETAG.toUpperCase() + "\""), "", true, S3Error.PRECONDITION_FAILED);
    }

    @Test
    public void ifNoneMatchOfTheEtagIsNotModified() {
        assertFails(headers("If-None-Match", "\"" + ETAG + "\""), "", true, S3Error.NOT_MODIFIED);
    }

    @Test
    public void ifNoneMatchStarIsNotModified() {
        assertFails(headers("If-None-Match", "*"), "", true, S3Error.NOT_MODIFIED);
    }

    @Test
    public void ifNoneMatchWeakEtagIsNotModified() {
        assertFails(headers("If-None-Match", "\"a\", W/\"" + ETAG + "\""), "", true, S3Error.NOT_MODIFIED);
    }

    @Test
    public void ifNoneMatchOfOtherEtagsPasses() {
        Preconditions.check(headers("If-None-Match", "\"a\", \"b\""), "", ATTRS, ETAG, true);
    }

    @Test
    public void ifNoneMatchFailsAsPreconditionWhenNotModifiedIsNotAllowed() {
        assertFails(headers("If-None-Match", "\"" + ETAG + "\""), "", false, S3Error.PRECONDITION_FAILED);
    }

    @Test
    public void ifModifiedSinceBeforeMtimePasses() {
        Preconditions.check(headers("If-Modified-Since", BEFORE), "", ATTRS, ETAG, true);
    }

    @Test
    public void ifModifiedSinceAtMtimeSecondIsNotModified() {
        assertFails(headers("If-Modified-Since", AT_MTIME), "", true, S3Error.NOT_MODIFIED);
    }

    @Test
    public void ifModifiedSinceAfterMtimeIsNotModified() {
        assertFails(headers("If-Modified-Since", AFTER), "", true, S3Error.NOT_MODIFIED);
    }

    @Test
    public void ifUnmodifiedSinceAtMtimeSecondPasses() {
        Preconditions.check(headers("If-Unmodified-Since", AT_MTIME), "", ATTRS, ETAG, true);
        Preconditions.check(headers("If-Unmodified-Since", AFTER), "", ATTRS, ETAG, true);
    }

    @Test
    public void ifUnmodifiedSinceBeforeMtimeFails() {
        assertFails(headers("If-Unmodified-Since", BEFORE), "", true, S3Error.PRECONDITION_FAILED);
    }

    @Test
    public void invalidDatesAreIgnored() {
        Preconditions.check(headers("If-Unmodified-Since", "yesterday"), "", ATTRS, ETAG, true);
        Preconditions.check(headers("If-Modified-Since", "2026-11-22T10:15:31Z"), "", ATTRS, ETAG, true);
    }

    @Test
    public void ifMatchTrueOverridesIfUnmodifiedSinceFalse() {
        Preconditions.check(headers("If-Match", "\"" + ETAG + "\"", "If-Unmodified-Since", BEFORE), "", ATTRS, ETAG, true);
    }

    @Test
    public void ifNoneMatchFalseOverridesIfModifiedSinceFalse() {
        // The ETag differs (If-None-Match holds) so If-Modified-Since is not looked at.
        Preconditions.check(headers("If-None-Match", "\"other\"", "If-Modified-Since", AFTER), "", ATTRS, ETAG, true);
    }

    @Test
    public void ifNoneMatchMatchingWinsOverIfModifiedSinceTrue() {
        assertFails(headers("If-None-Match", "\"" + ETAG + "\"", "If-Modified-Since", BEFORE), "", true, S3Error.NOT_MODIFIED);
    }

    @Test
    public void failedIfMatchComesBeforeNotModified() {
        assertFails(headers("If-Match", "\"other\"", "If-None-Match", "\"" + ETAG + "\""), "", true,
                S3Error.PRECONDITION_FAILED);
    }

    @Test
    public void failedIfUnmodifiedSinceComesBeforeNotModified() {
        assertFails(headers("If-Unmodified-Since", BEFORE, "If-Modified-Since", AFTER), "", true,
                S3Error.PRECONDITION_FAILED);
    }

    @Test
    public void copySourceConditionsUseTheirOwnNames() {
        String prefix = "x-amz-copy-source-";
        Preconditions.check(headers("If-Match", "\"other\"", "If-None-Match", "*"), prefix, ATTRS, ETAG, false);
        Preconditions.check(headers(prefix + "if-match", "\"" + ETAG + "\""), prefix, ATTRS, ETAG, false);
        assertFails(headers(prefix + "if-match", "\"other\""), prefix, false, S3Error.PRECONDITION_FAILED);
        assertFails(headers(prefix + "if-unmodified-since", BEFORE), prefix, false, S3Error.PRECONDITION_FAILED);
    }

    @Test
    public void copySourceNeverGivesNotModified() {
        String prefix = "x-amz-copy-source-";
        assertFails(headers(prefix + "if-none-match", "\"" + ETAG + "\""), prefix, false, S3Error.PRECONDITION_FAILED);
        assertFails(headers(prefix + "if-none-match", "*"), prefix, false, S3Error.PRECONDITION_FAILED);
        assertFails(headers(prefix + "if-modified-since", AFTER), prefix, false, S3Error.PRECONDITION_FAILED);
        Preconditions.check(headers(prefix + "if-modified-since", BEFORE), prefix, ATTRS, ETAG, false);
    }

    @Test
    public void matchesSplitsListsAndStripsQuotes() {
        assertTrue(Preconditions.matches("\"a\",\"" + ETAG + "\"", ETAG, false));
        assertTrue(Preconditions.matches(" W/\"" + ETAG + "\" ", ETAG, true));
        assertFalse("strong comparison skips weak tags", Preconditions.matches(" W/\"" + ETAG + "\" ", ETAG, false));
        assertFalse(Preconditions.matches("\"a\",\"b\"", ETAG, true));
        assertFalse(Preconditions.matches("", ETAG, true));
    }

    private static HttpHeaders headers(String... namesAndValues) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            h.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return h;
    }

    private static void assertFails(HttpHeaders headers, String prefix, boolean notModifiedAllowed, S3Error expected) {
        try {
            Preconditions.check(headers, prefix, ATTRS, ETAG, notModifiedAllowed);
            fail("the conditions held: " + headers);
        } catch (S3Exception e) {
            assertEquals(expected, e.error());
        }
    }
}
