package io.manticore.itest.rpc;

/**
 * wcc_data (RFC 1813 2.6): the pre-operation size and times and the post-operation attributes;
 * either is null when the server sent none.
 */
public record Wcc3(Before before, Fattr3 after) {

    /** wcc_attr: what pre_op_attr carries. */
    public record Before(long size, NfsTime mtime, NfsTime ctime) {
    }

    static Wcc3 read(XdrReader in) {
        Before before = in.readBool() ? new Before(in.readHyper(), NfsTime.read(in), NfsTime.read(in)) : null;
        return new Wcc3(before, Fattr3.readPostOp(in));
    }
}
