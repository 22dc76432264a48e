package io.manticore.protocol.nfs3.internal.nlm;

import java.nio.ByteBuffer;

import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.ShareMode;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;

/**
 * nlm4_share: a DOS-style share reservation (XNFS NLM SHARE): the client's host name, the file's
 * NFS handle, the owner {@code oh}, the deny mode (fsh4_mode) and the access (fsh4_access).
 */
record NlmShare(String callerName, byte[] fh, byte[] oh, int mode, int access) {

    /** fsm_DN, fsm_DR, fsm_DW, fsm_DRW and fsa_NONE, fsa_R, fsa_W, fsa_RW share one encoding: bit 0 read, bit 1 write. */
    private static final int READ_WRITE = 3;

    static NlmShare decode(XdrDecoder in) {
        String caller = in.readString(NlmLock.MAX_NAME);
        byte[] fh = in.readOpaqueBytes(NlmLock.MAX_NETOBJ);
        byte[] oh = in.readOpaqueBytes(NlmLock.MAX_NETOBJ);
        int mode = in.readInt();
        int access = in.readInt();
        if (mode < 0 || mode > READ_WRITE || access < 0 || access > READ_WRITE) {
            throw new XdrException("fsh4_mode " + mode + " or fsh4_access " + access + " out of range");
        }
        return new NlmShare(caller, fh, oh, mode, access);
    }

    /** The lease manager's owner: the client by its name, the owner by its oh (a share has no svid). */
    LockOwner owner() {
        return LockOwner.of(NlmLock.PROTOCOL, callerName, ByteBuffer.allocate(4 + oh.length).putInt(-1).put(oh).array());
    }

    ShareMode shareMode() {
        return new ShareMode(bits(access), bits(mode));
    }

    private static int bits(int readWrite) {
        return ((readWrite & 1) != 0 ? ShareMode.READ : 0) | ((readWrite & 2) != 0 ? ShareMode.WRITE : 0);
    }
}
