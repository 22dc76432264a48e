package io.manticore.api.lease;

/**
 * A byte range of a file. Offsets and lengths are unsigned 64-bit numbers (as in NLM4, NFSv4
 * and SMB2; compare them with {@link Long#compareUnsigned}), so every range a client can send
 * is represented exactly. A length of 0 means "to the end of the file, however far it grows";
 * a range whose last byte would be 2<sup>64</sup>-1 or beyond is clamped to the end of the file
 * and stored with length 0, so each range has exactly one form. NFSv4 callers pass its
 * all-ones length as 0.
 *
 * @param offset the first byte (unsigned)
 * @param length the number of bytes (unsigned), or 0 for "to the end of the file"
 */
public record LockRange(long offset, long length) {

    /** The whole file, from 0 to its end. */
    public static final LockRange WHOLE_FILE = new LockRange(0, 0);

    /** The last representable byte offset, 2<sup>64</sup>-1. */
    public static final long MAX_OFFSET = -1L;

    public LockRange {
        if (length != 0 && Long.compareUnsigned(length - 1, MAX_OFFSET - offset) >= 0) {
            length = 0;
        }
    }

    /** The range from {@code offset} to the end of the file. */
    public static LockRange toEnd(long offset) {
        return new LockRange(offset, 0);
    }

    /** The range from {@code first} to {@code last} inclusive (unsigned, {@code first <= last}). */
    public static LockRange between(long first, long last) {
        if (Long.compareUnsigned(first, last) > 0) {
            throw new IllegalArgumentException("range from " + Long.toUnsignedString(first)
                    + " to " + Long.toUnsignedString(last) + " is empty");
        }
        return new LockRange(first, last - first + 1);
    }

    /** True when the range runs to the end of the file ({@code length == 0}). */
    public boolean reachesEnd() {
        return length == 0;
    }

    /** The last byte of the range (unsigned): {@link #MAX_OFFSET} when it reaches the end. */
    public long last() {
        return length == 0 ? MAX_OFFSET : offset + length - 1;
    }

    /** True when the two ranges share at least one byte. */
    public boolean overlaps(LockRange other) {
        return Long.compareUnsigned(offset, other.last()) <= 0 && Long.compareUnsigned(other.offset, last()) <= 0;
    }

    /** {@code [offset..last]} or {@code [offset..EOF]}, unsigned. */
    @Override
    public String toString() {
        return "[" + Long.toUnsignedString(offset) + ".." + (length == 0 ? "EOF" : Long.toUnsignedString(last())) + "]";
    }
}
