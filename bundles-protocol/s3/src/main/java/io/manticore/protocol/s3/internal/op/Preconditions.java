package io.manticore.protocol.s3.internal.op;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.manticore.api.vfs.Attrs;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * The conditional headers of a read (RFC 7232 section 6, as S3 applies them): If-Match, then
 * If-Unmodified-Since unless If-Match was given; If-None-Match, then If-Modified-Since unless
 * If-None-Match was given. The copy-source variants use the same rules with their own names.
 */
final class Preconditions {

    private Preconditions() {
    }

    /** Throws PreconditionFailed or NotModified when the object as {@code attrs} and {@code etag} show it fails them. */
    static void check(HttpHeaders headers, String prefix, Attrs attrs, String etag, boolean notModifiedAllowed) {
        String ifMatch = headers.get(prefix + "if-match");
        String ifNoneMatch = headers.get(prefix + "if-none-match");
        long mtimeSeconds = Math.floorDiv(attrs.mtime(), 1_000_000_000L);
        if (ifMatch != null) {
            if (!matches(ifMatch, etag, false)) {
                throw failed();
            }
        } else {
            Instant unmodifiedSince = date(headers.get(prefix + "if-unmodified-since"));
            if (unmodifiedSince != null && mtimeSeconds > unmodifiedSince.getEpochSecond()) {
                throw failed();
            }
        }
        if (ifNoneMatch != null) {
            if (matches(ifNoneMatch, etag, true)) {
                throw notModifiedAllowed ? notModified() : failed();
            }
        } else {
            Instant modifiedSince = date(headers.get(prefix + "if-modified-since"));
            if (modifiedSince != null && mtimeSeconds <= modifiedSince.getEpochSecond()) {
                throw notModifiedAllowed ? notModified() : failed();
            }
        }
    }

    /**
     * Whether an If-Match style list ("*", or quoted or bare ETags separated by commas) names
     * {@code etag}. RFC 7232 3.1: If-Match compares strongly, so a weak tag (W/) matches only
     * where {@code weak} comparison is allowed (If-None-Match).
     */
    static boolean matches(String list, String etag, boolean weak) {
        for (String candidate : list.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                if (!weak) {
                    continue;
                }
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag) || c.equals("\"" + etag + "\"")) {
                return true;
            }
        }
        return false;
    }

    private static Instant date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            // RFC 7232 3.3: an invalid date is ignored.
            return null;
        }
    }

    static S3Exception failed() {
        return new S3Exception(S3Error.PRECONDITION_FAILED, "at least one of the preconditions you specified did not hold");
    }

    private static S3Exception notModified() {
        return new S3Exception(S3Error.NOT_MODIFIED, "not modified");
    }
}
