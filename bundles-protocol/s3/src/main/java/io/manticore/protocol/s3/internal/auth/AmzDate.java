package io.manticore.protocol.s3.internal.auth;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;

/** SigV4's timestamps: the ISO 8601 basic form of x-amz-date ("20130524T000000Z") and the HTTP Date header. */
final class AmzDate {

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withResolverStyle(ResolverStyle.STRICT).withZone(ZoneOffset.UTC);

    private AmzDate() {
    }

    /** The instant of a "yyyyMMdd'T'HHmmss'Z'" timestamp, or null when {@code text} is not exactly one. */
    static Instant parseBasic(String text) {
        if (text == null || text.length() != 16) {
            return null;
        }
        try {
            Instant instant = Instant.from(BASIC.parse(text));
            return format(instant).equals(text) ? instant : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The instant of an RFC 1123 HTTP date ("Fri, 24 May 2013 00:00:00 GMT"), or null. */
    static Instant parseHttpDate(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(text.trim()));
        } catch (DateTimeException e) {
            return null;
        }
    }

    static String format(Instant instant) {
        return BASIC.format(instant);
    }
}
