package io.manticore.protocol.s3.internal.list;

/**
 * What a listing asks for, as bytes: keys starting with {@code prefix}, after {@code marker}
 * (empty for none), rolled up at the first {@code delimiter} after the prefix (null for none).
 */
record KeyRange(byte[] prefix, byte[] delimiter, byte[] marker) {

    /**
     * The length of the common prefix {@code key} rolls up into: up to and including the first
     * delimiter after the prefix; -1 when the key has none. {@code key} starts with the prefix.
     */
    int rollUp(byte[] key) {
        if (delimiter == null) {
            return -1;
        }
        int at = KeyBytes.indexOf(key, delimiter, prefix.length);
        return at < 0 ? -1 : at + delimiter.length;
    }

    /** Whether a key or common prefix comes after the marker. */
    boolean afterMarker(byte[] key) {
        return KeyBytes.compare(key, marker) > 0;
    }
}
