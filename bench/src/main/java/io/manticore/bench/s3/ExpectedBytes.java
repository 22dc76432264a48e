package io.manticore.bench.s3;

import java.util.Arrays;

/** A body sink that compares what arrives with the bytes expected, from a given offset of them. */
final class ExpectedBytes implements HttpConnection.BodySink {

    private final byte[] expected;
    private int position;
    private final int end;
    private boolean mismatch;

    ExpectedBytes(byte[] expected, int offset, int length) {
        this.expected = expected;
        this.position = offset;
        this.end = offset + length;
    }

    @Override
    public void accept(byte[] data, int offset, int length) {
        if (mismatch || length > end - position
                || Arrays.mismatch(data, offset, offset + length, expected, position, position + length) >= 0) {
            mismatch = true;
            return;
        }
        position += length;
    }

    /** True when exactly the expected bytes arrived. */
    boolean matched() {
        return !mismatch && position == end;
    }
}
