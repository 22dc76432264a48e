package io.manticore.protocol.nfs3.internal.nlm;

import java.nio.ByteBuffer;

import io.manticore.api.lease.LockInfo;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.LockRange;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;

/**
 * nlm4_lock: who asks (the client's host name and its owner: the opaque {@code oh} and the
 * process id {@code svid}), the file's NFS handle, and the byte range (unsigned).
 */
record NlmLock(String callerName, byte[] fh, byte[] oh, int svid, long offset, long length) {

    /** LM_MAXSTRLEN. */
    static final int MAX_NAME = 1024;
    /** MAXNETOBJ_SZ. */
    static final int MAX_NETOBJ = 1024;
    static final String PROTOCOL = "nlm";

    static NlmLock decode(XdrDecoder in) {
        String caller = in.readString(MAX_NAME);
        byte[] fh = in.readOpaqueBytes(MAX_NETOBJ);
        byte[] oh = in.readOpaqueBytes(MAX_NETOBJ);
        int svid = in.readInt();
        long offset = in.readUnsignedHyper();
        long length = in.readUnsignedHyper();
        return new NlmLock(caller, fh, oh, svid, offset, length);
    }

    void encode(XdrEncoder out) {
        out.writeString(callerName);
        out.writeOpaque(fh);
        out.writeOpaque(oh);
        out.writeInt(svid);
        out.writeHyper(offset);
        out.writeHyper(length);
    }

    /** The lease manager's owner: the client by its name, the owner by svid and oh. */
    LockOwner owner() {
        return LockOwner.of(PROTOCOL, callerName, ByteBuffer.allocate(4 + oh.length).putInt(svid).put(oh).array());
    }

    LockRange range() {
        return new LockRange(offset, length);
    }

    /** nlm4_holder of a conflicting lock: its svid and oh when NLM holds it, zeros for another protocol's. */
    static void encodeHolder(XdrEncoder out, LockInfo holder) {
        byte[] id = holder.owner().id();
        boolean nlm = holder.owner().protocol().equals(PROTOCOL) && id.length >= 4;
        out.writeBool(holder.exclusive());
        out.writeInt(nlm ? ByteBuffer.wrap(id).getInt() : 0);
        byte[] oh = new byte[nlm ? id.length - 4 : 0];
        if (nlm) {
            System.arraycopy(id, 4, oh, 0, oh.length);
        }
        out.writeOpaque(oh);
        out.writeHyper(holder.range().offset());
        out.writeHyper(holder.range().length());
    }
}
