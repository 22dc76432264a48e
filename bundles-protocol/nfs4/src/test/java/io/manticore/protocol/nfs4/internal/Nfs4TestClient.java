package io.manticore.protocol.nfs4.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.manticore.protocol.nfs4.internal.attr.Bitmap;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import io.manticore.protocol.oncrpc.internal.AuthFlavor;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * An NFSv4 client for tests: one embedded channel through the service's real RPC pipeline, which
 * builds COMPOUNDs operation by operation and reads replies result by result.
 */
public final class Nfs4TestClient implements AutoCloseable {

    private static final long REPLY_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private int xid;
    private int uid;
    private int gid;
    private boolean anonymous;

    Nfs4TestClient(Nfs4Protocol protocol) {
        protocol.initChannel(channel);
    }

    /** Calls as {@code uid}:{@code gid} with AUTH_SYS from now on. */
    public Nfs4TestClient as(int newUid, int newGid) {
        uid = newUid;
        gid = newGid;
        anonymous = false;
        return this;
    }

    /** Calls with AUTH_NONE from now on. */
    public Nfs4TestClient anonymous() {
        anonymous = true;
        return this;
    }

    public Reply compound(int minor, Consumer<Request> ops) {
        return compound(minor, "test", ops);
    }

    public Reply compound(int minor, String tag, Consumer<Request> ops) {
        Request request = new Request();
        ops.accept(request);
        return new Reply(call(1, out -> request.writeCompound(out, minor, tag)));
    }

    /** The results of a SUCCESS reply to procedure {@code procedure}, as bytes. */
    public byte[] call(int procedure, Consumer<XdrEncoder> args) {
        ByteBuf reply = rpc(procedure, args);
        try {
            assertEquals("accept_stat", 0, reply.getInt(reply.readerIndex() + 20));
            byte[] results = new byte[reply.readableBytes() - 24];
            reply.getBytes(reply.readerIndex() + 24, results);
            return results;
        } finally {
            reply.release();
        }
    }

    /** The accept_stat of the reply to a call of {@code procedure} with raw arguments. */
    public int acceptStat(int procedure, Consumer<XdrEncoder> args) {
        ByteBuf reply = rpc(procedure, args);
        try {
            return reply.getInt(reply.readerIndex() + 20);
        } finally {
            reply.release();
        }
    }

    /** The whole RPC reply (without its record mark); the caller releases it. */
    private ByteBuf rpc(int procedure, Consumer<XdrEncoder> args) {
        ByteBuf wire = Unpooled.buffer();
        wire.writeInt(0);
        XdrEncoder out = new XdrEncoder(wire);
        out.writeInt(++xid).writeInt(0).writeInt(2).writeInt(100003).writeInt(4).writeInt(procedure);
        if (anonymous) {
            out.writeInt(AuthFlavor.AUTH_NONE).writeInt(0);
        } else {
            ByteBuf cred = Unpooled.buffer();
            new XdrEncoder(cred).writeInt(0).writeString("test").writeInt(uid).writeInt(gid).writeInt(0);
            out.writeInt(AuthFlavor.AUTH_SYS).writeOpaque(cred);
            cred.release();
        }
        out.writeInt(AuthFlavor.AUTH_NONE).writeInt(0);
        args.accept(out);
        wire.setInt(0, 0x8000_0000 | (wire.readableBytes() - 4));
        channel.writeInbound(wire);
        ByteBuf reply = awaitReply();
        int mark = reply.readInt();
        assertEquals("one whole record", reply.readableBytes(), mark & 0x7fff_ffff);
        assertEquals("xid", xid, reply.getInt(reply.readerIndex()));
        return reply;
    }

    private ByteBuf awaitReply() {
        long deadline = System.nanoTime() + REPLY_WAIT_NANOS;
        while (true) {
            channel.runPendingTasks();
            Object out = channel.readOutbound();
            if (out != null) {
                ByteBuf reply = (ByteBuf) out;
                // The record marker and the reply may come as two writes.
                Object more;
                while ((more = channel.readOutbound()) != null) {
                    ByteBuf joined = Unpooled.wrappedBuffer(reply, (ByteBuf) more);
                    reply = joined;
                }
                ByteBuf copy = Unpooled.copiedBuffer(reply);
                reply.release();
                return copy;
            }
            if (System.nanoTime() > deadline) {
                assertNotNull("no reply within 10 s", out);
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }

    /** The same state as {@code stateid} at another seqid. */
    public static Stateid withSeqid(Stateid stateid, int seqid) {
        return Stateid.of(seqid, stateid.clientId(), stateid.index());
    }

    /** True when both name the same state, whatever their seqids. */
    public static boolean sameState(Stateid a, Stateid b) {
        return a.clientId() == b.clientId() && a.index() == b.index();
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    /** The operations of one COMPOUND, as the client sends them. */
    public static final class Request {

        private final ByteBuf ops = Unpooled.buffer();
        private final XdrEncoder out = new XdrEncoder(ops);
        private int count;

        /** Writes COMPOUND4args holding these operations; the request cannot be used after. */
        public void writeCompound(XdrEncoder args, int minor, String tag) {
            try {
                args.writeString(tag).writeInt(minor).writeInt(count);
                args.buffer().writeBytes(ops);
            } finally {
                ops.release();
            }
        }

        private XdrEncoder op(int opcode) {
            count++;
            return out.writeInt(opcode);
        }

        /** An operation with raw arguments (or none): for opcodes without a helper and malformed input. */
        public Request raw(int opcode, Consumer<XdrEncoder> args) {
            args.accept(op(opcode));
            return this;
        }

        public Request putrootfh() {
            op(Opcodes.PUTROOTFH);
            return this;
        }

        public Request putpubfh() {
            op(Opcodes.PUTPUBFH);
            return this;
        }

        public Request putfh(byte[] fh) {
            op(Opcodes.PUTFH).writeOpaque(fh);
            return this;
        }

        public Request getfh() {
            op(Opcodes.GETFH);
            return this;
        }

        public Request savefh() {
            op(Opcodes.SAVEFH);
            return this;
        }

        public Request restorefh() {
            op(Opcodes.RESTOREFH);
            return this;
        }

        public Request lookup(String name) {
            op(Opcodes.LOOKUP).writeString(name);
            return this;
        }

        /** LOOKUPs of each component of a relative path. */
        public Request path(String path) {
            for (String name : path.split("/")) {
                if (!name.isEmpty()) {
                    lookup(name);
                }
            }
            return this;
        }

        public Request lookupp() {
            op(Opcodes.LOOKUPP);
            return this;
        }

        public Request getattr(int... attrs) {
            Bitmap.write(op(Opcodes.GETATTR), Bitmap.of(attrs));
            return this;
        }

        public Request access(int bits) {
            op(Opcodes.ACCESS).writeInt(bits);
            return this;
        }

        public Request readlink() {
            op(Opcodes.READLINK);
            return this;
        }

        public Request remove(String name) {
            op(Opcodes.REMOVE).writeString(name);
            return this;
        }

        public Request rename(String from, String to) {
            op(Opcodes.RENAME).writeString(from).writeString(to);
            return this;
        }

        public Request link(String name) {
            op(Opcodes.LINK).writeString(name);
            return this;
        }

        public Request mkdir(String name, int mode) {
            XdrEncoder o = op(Opcodes.CREATE).writeInt(2).writeString(name);
            fattr(o, Bitmap.of(33), v -> v.writeInt(mode));
            return this;
        }

        public Request symlink(String name, String target) {
            XdrEncoder o = op(Opcodes.CREATE).writeInt(5).writeString(target).writeString(name);
            fattr(o, new BitSet(), v -> { });
            return this;
        }

        /** CREATE of a non-regular file of nfs_ftype4 {@code type} with no attributes. */
        public Request create(int type, String name) {
            XdrEncoder o = op(Opcodes.CREATE).writeInt(type);
            if (type == 3 || type == 4) {
                o.writeInt(5).writeInt(7);
            }
            o.writeString(name);
            fattr(o, new BitSet(), v -> { });
            return this;
        }

        public Request setattr(Stateid stateid, BitSet mask, Consumer<XdrEncoder> values) {
            XdrEncoder o = op(Opcodes.SETATTR);
            stateid.encode(o);
            fattr(o, mask, values);
            return this;
        }

        public Request verify(boolean same, BitSet mask, Consumer<XdrEncoder> values) {
            fattr(op(same ? Opcodes.VERIFY : Opcodes.NVERIFY), mask, values);
            return this;
        }

        public Request readdir(long cookie, long verifier, int dirCount, int maxCount, int... attrs) {
            XdrEncoder o = op(Opcodes.READDIR).writeHyper(cookie).writeHyper(verifier).writeInt(dirCount).writeInt(maxCount);
            Bitmap.write(o, Bitmap.of(attrs));
            return this;
        }

        public Request secinfo(String name) {
            op(Opcodes.SECINFO).writeString(name);
            return this;
        }

        public Request setclientid(byte[] id, long verifier) {
            op(Opcodes.SETCLIENTID).writeHyper(verifier).writeOpaque(id).writeInt(0x40000000).writeString("tcp")
                    .writeString("127.0.0.1.4.1").writeInt(1);
            return this;
        }

        public Request setclientidConfirm(long clientId, long verifier) {
            op(Opcodes.SETCLIENTID_CONFIRM).writeHyper(clientId).writeHyper(verifier);
            return this;
        }

        public Request renew(long clientId) {
            op(Opcodes.RENEW).writeHyper(clientId);
            return this;
        }

        /** OPEN4_NOCREATE of {@code name} (CLAIM_NULL). */
        public Request open(int seqid, int access, int deny, long clientId, String owner, String name) {
            openHead(seqid, access, deny, clientId, owner).writeInt(0);
            pending.writeInt(0).writeString(name);
            return this;
        }

        /** OPEN4_CREATE of {@code name} with createmode UNCHECKED4 or GUARDED4 and a mode. */
        public Request openCreate(int seqid, int access, int deny, long clientId, String owner, String name, int createMode,
                                  int mode) {
            openHead(seqid, access, deny, clientId, owner).writeInt(1).writeInt(createMode);
            fattr(pending, Bitmap.of(33), v -> v.writeInt(mode));
            pending.writeInt(0).writeString(name);
            return this;
        }

        /** OPEN4_CREATE UNCHECKED4 with size 0: truncates an existing file. */
        public Request openTruncate(int seqid, int access, long clientId, String owner, String name) {
            openHead(seqid, access, 0, clientId, owner).writeInt(1).writeInt(0);
            fattr(pending, Bitmap.of(4), v -> v.writeHyper(0));
            pending.writeInt(0).writeString(name);
            return this;
        }

        /** OPEN4_CREATE EXCLUSIVE4 with {@code verifier}. */
        public Request openExclusive(int seqid, long clientId, String owner, String name, long verifier) {
            openHead(seqid, 3, 0, clientId, owner).writeInt(1).writeInt(2).writeHyper(verifier);
            pending.writeInt(0).writeString(name);
            return this;
        }

        /** CLAIM_FH (4.1) of the current file. */
        public Request openFh(int access, int deny, String owner) {
            openHead(0, access, deny, 0, owner).writeInt(0);
            pending.writeInt(4);
            return this;
        }

        /** CLAIM_PREVIOUS of the current file. */
        public Request openPrevious(int seqid, long clientId, String owner) {
            openHead(seqid, 1, 0, clientId, owner).writeInt(0);
            pending.writeInt(1).writeInt(0);
            return this;
        }

        /** The OPEN being written, between its head and its claim. */
        private XdrEncoder pending;

        private XdrEncoder openHead(int seqid, int access, int deny, long clientId, String owner) {
            pending = op(Opcodes.OPEN).writeInt(seqid).writeInt(access).writeInt(deny).writeHyper(clientId)
                    .writeOpaque(owner.getBytes(StandardCharsets.UTF_8));
            return pending;
        }

        public Request openConfirm(Stateid stateid, int seqid) {
            XdrEncoder o = op(Opcodes.OPEN_CONFIRM);
            stateid.encode(o);
            o.writeInt(seqid);
            return this;
        }

        public Request openDowngrade(Stateid stateid, int seqid, int access, int deny) {
            XdrEncoder o = op(Opcodes.OPEN_DOWNGRADE);
            stateid.encode(o);
            o.writeInt(seqid).writeInt(access).writeInt(deny);
            return this;
        }

        public Request close(int seqid, Stateid stateid) {
            stateid.encode(op(Opcodes.CLOSE).writeInt(seqid));
            return this;
        }

        public Request read(Stateid stateid, long offset, int count) {
            XdrEncoder o = op(Opcodes.READ);
            stateid.encode(o);
            o.writeHyper(offset).writeInt(count);
            return this;
        }

        public Request write(Stateid stateid, long offset, int stable, byte[] data) {
            XdrEncoder o = op(Opcodes.WRITE);
            stateid.encode(o);
            o.writeHyper(offset).writeInt(stable).writeOpaque(data);
            return this;
        }

        public Request commit(long offset, int count) {
            op(Opcodes.COMMIT).writeHyper(offset).writeInt(count);
            return this;
        }

        /** LOCK by a new lock-owner through an open (open_to_lock_owner4). */
        public Request lockNew(int type, long offset, long length, int openSeqid, Stateid open, int lockSeqid, long clientId,
                               String owner) {
            XdrEncoder o = op(Opcodes.LOCK).writeInt(type).writeBool(false).writeHyper(offset).writeHyper(length).writeBool(true);
            o.writeInt(openSeqid);
            open.encode(o);
            o.writeInt(lockSeqid).writeHyper(clientId).writeOpaque(owner.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** LOCK by a known lock-owner through its lock stateid (exist_lock_owner4). */
        public Request lockExisting(int type, long offset, long length, Stateid lock, int lockSeqid) {
            XdrEncoder o = op(Opcodes.LOCK).writeInt(type).writeBool(false).writeHyper(offset).writeHyper(length).writeBool(false);
            lock.encode(o);
            o.writeInt(lockSeqid);
            return this;
        }

        public Request lockt(int type, long offset, long length, long clientId, String owner) {
            op(Opcodes.LOCKT).writeInt(type).writeHyper(offset).writeHyper(length).writeHyper(clientId)
                    .writeOpaque(owner.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public Request locku(int type, int seqid, Stateid lock, long offset, long length) {
            XdrEncoder o = op(Opcodes.LOCKU).writeInt(type).writeInt(seqid);
            lock.encode(o);
            o.writeHyper(offset).writeHyper(length);
            return this;
        }

        public Request releaseLockOwner(long clientId, String owner) {
            op(Opcodes.RELEASE_LOCKOWNER).writeHyper(clientId).writeOpaque(owner.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public Request exchangeId(byte[] owner, long verifier, int flags) {
            op(Opcodes.EXCHANGE_ID).writeHyper(verifier).writeOpaque(owner).writeInt(flags).writeInt(0).writeInt(0);
            return this;
        }

        public Request createSession(long clientId, int sequence, int slots) {
            XdrEncoder o = op(Opcodes.CREATE_SESSION).writeHyper(clientId).writeInt(sequence).writeInt(0);
            o.writeInt(0).writeInt(1 << 20).writeInt(1 << 20).writeInt(8192).writeInt(16).writeInt(slots).writeInt(0);
            o.writeInt(0).writeInt(4096).writeInt(4096).writeInt(0).writeInt(2).writeInt(1).writeInt(0);
            o.writeInt(0x40000000).writeInt(1).writeInt(AuthFlavor.AUTH_NONE);
            return this;
        }

        public Request sequence(byte[] session, int sequence, int slot, boolean cacheThis) {
            op(Opcodes.SEQUENCE).writeFixedOpaque(session).writeInt(sequence).writeInt(slot).writeInt(slot).writeBool(cacheThis);
            return this;
        }

        public Request destroySession(byte[] session) {
            op(Opcodes.DESTROY_SESSION).writeFixedOpaque(session);
            return this;
        }

        public Request destroyClientId(long clientId) {
            op(Opcodes.DESTROY_CLIENTID).writeHyper(clientId);
            return this;
        }

        public Request reclaimComplete(boolean oneFs) {
            op(Opcodes.RECLAIM_COMPLETE).writeBool(oneFs);
            return this;
        }

        public Request testStateid(Stateid... stateids) {
            XdrEncoder o = op(Opcodes.TEST_STATEID).writeInt(stateids.length);
            for (Stateid s : stateids) {
                s.encode(o);
            }
            return this;
        }

        public Request freeStateid(Stateid stateid) {
            stateid.encode(op(Opcodes.FREE_STATEID));
            return this;
        }

        public Request secinfoNoName(int style) {
            op(Opcodes.SECINFO_NO_NAME).writeInt(style);
            return this;
        }

        public Request bindConnToSession(byte[] session, int direction) {
            op(Opcodes.BIND_CONN_TO_SESSION).writeFixedOpaque(session).writeInt(direction).writeBool(false);
            return this;
        }

        public Request seek(Stateid stateid, long offset, int what) {
            XdrEncoder o = op(Opcodes.SEEK);
            stateid.encode(o);
            o.writeHyper(offset).writeInt(what);
            return this;
        }

        public Request allocate(boolean punch, Stateid stateid, long offset, long length) {
            XdrEncoder o = op(punch ? Opcodes.DEALLOCATE : Opcodes.ALLOCATE);
            stateid.encode(o);
            o.writeHyper(offset).writeHyper(length);
            return this;
        }

        public Request setxattr(int option, String name, byte[] value) {
            op(Opcodes.SETXATTR).writeInt(option).writeString(name).writeOpaque(value);
            return this;
        }

        public Request getxattr(String name) {
            op(Opcodes.GETXATTR).writeString(name);
            return this;
        }

        public Request listxattrs(long cookie, int maxCount) {
            op(Opcodes.LISTXATTRS).writeHyper(cookie).writeInt(maxCount);
            return this;
        }

        public Request removexattr(String name) {
            op(Opcodes.REMOVEXATTR).writeString(name);
            return this;
        }

        /** fattr4: the bitmap and the values {@code values} writes. */
        public static void fattr(XdrEncoder out, BitSet mask, Consumer<XdrEncoder> values) {
            ByteBuf vals = Unpooled.buffer();
            values.accept(new XdrEncoder(vals));
            Bitmap.write(out, mask);
            out.writeOpaque(vals);
            vals.release();
        }
    }

    /** A COMPOUND4res being read: the status, tag and count, then result after result. */
    public static final class Reply {

        private final XdrDecoder in;
        private final int status;
        private final String tag;
        private final int count;
        private int read;

        Reply(byte[] results) {
            in = new XdrDecoder(Unpooled.wrappedBuffer(results));
            status = in.readInt();
            tag = in.readString(4096);
            count = in.readInt();
        }

        public int status() {
            return status;
        }

        public String tag() {
            return tag;
        }

        public int count() {
            return count;
        }

        /** The next result's status, its opcode checked; its body follows in {@link #in()}. */
        public int next(int opcode) {
            read++;
            assertEquals("result " + read + " opcode", opcode, in.readInt());
            return in.readInt();
        }

        /** The next result, which must be NFS4_OK. */
        public XdrDecoder ok(int opcode) {
            assertEquals("status of opcode " + opcode, 0, next(opcode));
            return in;
        }

        public XdrDecoder in() {
            return in;
        }

        /** Skips successful results without bodies (PUTFH, LOOKUP, SAVEFH…) until {@code n} were read. */
        public Reply skipTo(int n) {
            while (read < n) {
                read++;
                in.readInt();
                assertEquals("status of result " + read, 0, in.readInt());
            }
            return this;
        }

        /** The filehandle of a GETFH result that must succeed. */
        public byte[] fh() {
            return ok(Opcodes.GETFH).readOpaqueBytes(128);
        }
    }
}
