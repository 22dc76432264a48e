package io.manticore.protocol.nfs3.internal.nfs;

import io.manticore.api.vfs.Attrs;
import io.manticore.protocol.nfs3.internal.xdr.Nfs3Xdr;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;

/**
 * The shape of a procedure's resfail arm (RFC 1813 3.3): which attributes follow the status.
 * The attributes written are the post-operation ones of the call's first handle, when known.
 */
enum FailureBody {
    /** GETATTR: nothing. */
    NONE,
    /** post_op_attr of the object. */
    POST_OP,
    /** wcc_data of the object or directory. */
    WCC,
    /** RENAME: wcc_data of both directories. */
    WCC_WCC,
    /** LINK: post_op_attr of the file, wcc_data of the directory. */
    POST_OP_WCC;

    void write(XdrEncoder out, Attrs attrs, long fsid) {
        switch (this) {
            case NONE -> { }
            case POST_OP -> Nfs3Xdr.postOp(out, attrs, fsid);
            case WCC -> {
                Nfs3Xdr.preOp(out, null);
                Nfs3Xdr.postOp(out, attrs, fsid);
            }
            case WCC_WCC -> {
                Nfs3Xdr.preOp(out, null);
                Nfs3Xdr.postOp(out, attrs, fsid);
                Nfs3Xdr.wcc(out, null, fsid);
            }
            case POST_OP_WCC -> {
                Nfs3Xdr.postOp(out, attrs, fsid);
                Nfs3Xdr.wcc(out, null, fsid);
            }
        }
    }

    boolean carriesAttributes() {
        return this != NONE;
    }
}
