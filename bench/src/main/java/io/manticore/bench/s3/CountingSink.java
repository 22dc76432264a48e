package io.manticore.bench.s3;

/** A body sink that only counts the bytes: the timed downloads spend no client CPU on checks. */
final class CountingSink implements HttpConnection.BodySink {

    private long count;

    @Override
    public void accept(byte[] data, int offset, int length) {
        count += length;
    }

    long count() {
        return count;
    }
}
