package io.manticore.itest.rpc;

/** nfstime3 (RFC 1813 2.5): unsigned seconds and nanoseconds. */
public record NfsTime(long seconds, long nanos) {

    static NfsTime read(XdrReader in) {
        return new NfsTime(in.readUnsignedInt(), in.readUnsignedInt());
    }

    void write(XdrWriter out) {
        out.writeInt((int) seconds).writeInt((int) nanos);
    }
}
