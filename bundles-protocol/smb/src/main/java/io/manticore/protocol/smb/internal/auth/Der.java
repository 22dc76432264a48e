package io.manticore.protocol.smb.internal.auth;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The little of DER (X.690) that SPNEGO needs: single-byte tags, definite lengths of at most four bytes, every
 * length checked against what encloses it. A malformed element is INVALID_PARAMETER.
 */
final class Der {

    static final int OBJECT_IDENTIFIER = 0x06;
    static final int OCTET_STRING = 0x04;
    static final int ENUMERATED = 0x0A;
    static final int GENERAL_STRING = 0x1B;
    static final int SEQUENCE = 0x30;
    static final int APPLICATION_0 = 0x60;

    private static final int HIGH_TAG_NUMBER = 0x1F;
    private static final int MAX_LENGTH_BYTES = 4;

    private Der() {
    }

    /** The tag of context-specific constructed element [n]. */
    static int context(int n) {
        return 0xA0 | n;
    }

    /** One element: its tag, and its contents {@code data[contentStart, end)}; {@code start} is where its tag is. */
    record Element(int tag, byte[] data, int start, int contentStart, int end) {

        byte[] content() {
            return Arrays.copyOfRange(data, contentStart, end);
        }

        /** The whole element, tag and length included. */
        byte[] encoded() {
            return Arrays.copyOfRange(data, start, end);
        }

        Reader contents() {
            return new Reader(data, contentStart, end);
        }

        /** The contents, which must be exactly one element of {@code expectedTag}. */
        Element single(int expectedTag) throws AuthException {
            Reader reader = contents();
            Element inner = reader.next(expectedTag);
            if (reader.hasMore()) {
                throw AuthException.invalid("DER: more than one element inside tag " + Integer.toHexString(tag));
            }
            return inner;
        }
    }

    /** Reads consecutive elements of {@code data[position, end)}. */
    static final class Reader {

        private final byte[] data;
        private final int end;
        private int position;

        Reader(byte[] data) {
            this(data, 0, data.length);
        }

        Reader(byte[] data, int start, int end) {
            this.data = data;
            this.position = start;
            this.end = end;
        }

        boolean hasMore() {
            return position < end;
        }

        Element next() throws AuthException {
            if (position + 2 > end) {
                throw AuthException.invalid("DER: an element cut short");
            }
            int start = position;
            int tag = data[position++] & 0xFF;
            if ((tag & HIGH_TAG_NUMBER) == HIGH_TAG_NUMBER) {
                throw AuthException.invalid("DER: a multi-byte tag");
            }
            int first = data[position++] & 0xFF;
            long length;
            if (first < 0x80) {
                length = first;
            } else {
                int count = first & 0x7F;
                if (count == 0 || count > MAX_LENGTH_BYTES || position + count > end) {
                    throw AuthException.invalid("DER: a length of " + count + " bytes");
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = length << 8 | (data[position++] & 0xFF);
                }
            }
            if (length > end - position) {
                throw AuthException.invalid("DER: an element of " + length + " bytes with " + (end - position)
                        + " left");
            }
            int contentStart = position;
            position += (int) length;
            return new Element(tag, data, start, contentStart, position);
        }

        Element next(int expectedTag) throws AuthException {
            Element element = next();
            if (element.tag() != expectedTag) {
                throw AuthException.invalid("DER: tag " + Integer.toHexString(element.tag()) + " where "
                        + Integer.toHexString(expectedTag) + " belongs");
            }
            return element;
        }
    }

    /** Encodes one element from its tag and its contents, in order. */
    static byte[] encode(int tag, byte[]... contents) {
        int length = 0;
        for (byte[] part : contents) {
            length += part.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int count = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | count);
            for (int i = count - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        for (byte[] part : contents) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
