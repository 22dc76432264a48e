package io.manticore.itest.rpc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed NFSv3 calls (RFC 1813 3.3) over an {@link RpcClient}, each returning the nfsstat3 and
 * the fields of its result arm. Every reply is read to its last byte: a reply longer or shorter
 * than its XDR type fails the test.
 */
public final class Nfs3Client {

    private final RpcClient rpc;
    private final Auth auth;

    public Nfs3Client(RpcClient rpc, Auth auth) {
        this.rpc = rpc;
        this.auth = auth;
    }

    /** The same connection, calling as {@code other}. */
    public Nfs3Client as(Auth other) {
        return new Nfs3Client(rpc, other);
    }

    /** Calls {@code procedure} with hand-made arguments and returns the raw reply. */
    public RpcReply call(int procedure, byte[] args) throws IOException {
        return rpc.call(Nfs3.PROGRAM, Nfs3.VERSION, procedure, auth, args);
    }

    public record Getattr(int status, Fattr3 attrs) {
    }

    public record WccResult(int status, Wcc3 wcc) {
    }

    public record Lookup(int status, byte[] fh, Fattr3 attrs, Fattr3 dirAttrs) {
    }

    public record Access(int status, Fattr3 attrs, int granted) {
    }

    public record Readlink(int status, Fattr3 attrs, String target) {
    }

    public record Read(int status, Fattr3 attrs, int count, boolean eof, byte[] data) {

        public static Read read(XdrReader in) {
            int status = in.readInt();
            Fattr3 attrs = Fattr3.readPostOp(in);
            if (status != Nfs3.OK) {
                in.end();
                return new Read(status, attrs, 0, false, null);
            }
            int n = in.readInt();
            boolean eof = in.readBool();
            byte[] data = in.readOpaque();
            in.end();
            return new Read(status, attrs, n, eof, data);
        }
    }

    public record Write(int status, Wcc3 wcc, int count, int committed, long verifier) {
    }

    /** CREATE, MKDIR, SYMLINK and MKNOD: {@code fh} and {@code attrs} are null when not sent. */
    public record Created(int status, byte[] fh, Fattr3 attrs, Wcc3 dirWcc) {

        public static Created read(XdrReader in) {
            int status = in.readInt();
            if (status != Nfs3.OK) {
                Wcc3 dir = Wcc3.read(in);
                in.end();
                return new Created(status, null, null, dir);
            }
            byte[] fh = in.readBool() ? in.readOpaque() : null;
            Fattr3 attrs = Fattr3.readPostOp(in);
            Wcc3 dir = Wcc3.read(in);
            in.end();
            return new Created(status, fh, attrs, dir);
        }
    }

    public record Rename(int status, Wcc3 fromDir, Wcc3 toDir) {
    }

    public record Link(int status, Fattr3 attrs, Wcc3 dirWcc) {
    }

    /** An entry3 or entryplus3; {@code attrs} and {@code fh} only for READDIRPLUS, and null when not sent. */
    public record Entry(long fileId, String name, long cookie, Fattr3 attrs, byte[] fh) {
    }

    public record Readdir(int status, Fattr3 dirAttrs, long cookieVerifier, List<Entry> entries, boolean eof) {
    }

    public record Fsstat(int status, Fattr3 attrs, long totalBytes, long freeBytes, long availableBytes,
                         long totalFiles, long freeFiles, long availableFiles, long invarsec) {
    }

    public record Fsinfo(int status, Fattr3 attrs, long rtmax, long rtpref, long rtmult, long wtmax, long wtpref,
                         long wtmult, long dtpref, long maxFileSize, NfsTime timeDelta, int properties) {
    }

    public record Pathconf(int status, Fattr3 attrs, long linkMax, long nameMax, boolean noTrunc,
                           boolean chownRestricted, boolean caseInsensitive, boolean casePreserving) {
    }

    public record Commit(int status, Wcc3 wcc, long verifier) {
    }

    public void nullCall() throws IOException {
        call(Nfs3.NULL, new byte[0]).success().end();
    }

    public Getattr getattr(byte[] fh) throws IOException {
        XdrReader in = call(Nfs3.GETATTR, new XdrWriter().writeOpaque(fh).toByteArray()).success();
        int status = in.readInt();
        Fattr3 attrs = status == Nfs3.OK ? Fattr3.read(in) : null;
        in.end();
        return new Getattr(status, attrs);
    }

    /** SETATTR; {@code guardCtime} null sends no guard. */
    public WccResult setattr(byte[] fh, Sattr3 set, NfsTime guardCtime) throws IOException {
        XdrWriter w = new XdrWriter().writeOpaque(fh);
        set.write(w);
        w.writeBool(guardCtime != null);
        if (guardCtime != null) {
            guardCtime.write(w);
        }
        return wccResult(call(Nfs3.SETATTR, w.toByteArray()));
    }

    public Lookup lookup(byte[] dir, String name) throws IOException {
        XdrReader in = call(Nfs3.LOOKUP, dirop(dir, name).toByteArray()).success();
        int status = in.readInt();
        if (status != Nfs3.OK) {
            Fattr3 dirAttrs = Fattr3.readPostOp(in);
            in.end();
            return new Lookup(status, null, null, dirAttrs);
        }
        byte[] fh = in.readOpaque();
        Fattr3 attrs = Fattr3.readPostOp(in);
        Fattr3 dirAttrs = Fattr3.readPostOp(in);
        in.end();
        return new Lookup(status, fh, attrs, dirAttrs);
    }

    public Access access(byte[] fh, int bits) throws IOException {
        XdrReader in = call(Nfs3.ACCESS, new XdrWriter().writeOpaque(fh).writeInt(bits).toByteArray()).success();
        int status = in.readInt();
        Fattr3 attrs = Fattr3.readPostOp(in);
        int granted = status == Nfs3.OK ? in.readInt() : 0;
        in.end();
        return new Access(status, attrs, granted);
    }

    public Readlink readlink(byte[] fh) throws IOException {
        XdrReader in = call(Nfs3.READLINK, new XdrWriter().writeOpaque(fh).toByteArray()).success();
        int status = in.readInt();
        Fattr3 attrs = Fattr3.readPostOp(in);
        String target = status == Nfs3.OK ? in.readString() : null;
        in.end();
        return new Readlink(status, attrs, target);
    }

    public Read read(byte[] fh, long offset, int count) throws IOException {
        return Read.read(call(Nfs3.READ, readArgs(fh, offset, count)).success());
    }

    /** The arguments of READ, for hand-made pipelined calls. */
    public static byte[] readArgs(byte[] fh, long offset, int count) {
        return new XdrWriter().writeOpaque(fh).writeHyper(offset).writeInt(count).toByteArray();
    }

    public Write write(byte[] fh, long offset, byte[] data, int stable) throws IOException {
        byte[] args = new XdrWriter().writeOpaque(fh).writeHyper(offset).writeInt(data.length).writeInt(stable)
                .writeOpaque(data).toByteArray();
        XdrReader in = call(Nfs3.WRITE, args).success();
        int status = in.readInt();
        Wcc3 wcc = Wcc3.read(in);
        if (status != Nfs3.OK) {
            in.end();
            return new Write(status, wcc, 0, -1, 0);
        }
        int count = in.readInt();
        int committed = in.readInt();
        long verifier = in.readHyper();
        in.end();
        return new Write(status, wcc, count, committed, verifier);
    }

    /** CREATE UNCHECKED or GUARDED with {@code attrs}. */
    public Created create(byte[] dir, String name, int how, Sattr3 attrs) throws IOException {
        return created(call(Nfs3.CREATE, createArgs(dir, name, how, attrs)));
    }

    /** The arguments of CREATE UNCHECKED or GUARDED, for a hand-made retransmission. */
    public static byte[] createArgs(byte[] dir, String name, int how, Sattr3 attrs) {
        XdrWriter w = dirop(dir, name).writeInt(how);
        attrs.write(w);
        return w.toByteArray();
    }

    public Created createExclusive(byte[] dir, String name, long verifier) throws IOException {
        return created(call(Nfs3.CREATE, dirop(dir, name).writeInt(Nfs3.EXCLUSIVE).writeHyper(verifier).toByteArray()));
    }

    public Created mkdir(byte[] dir, String name, Sattr3 attrs) throws IOException {
        XdrWriter w = dirop(dir, name);
        attrs.write(w);
        return created(call(Nfs3.MKDIR, w.toByteArray()));
    }

    public Created symlink(byte[] dir, String name, Sattr3 attrs, String target) throws IOException {
        XdrWriter w = dirop(dir, name);
        attrs.write(w);
        w.writeString(target);
        return created(call(Nfs3.SYMLINK, w.toByteArray()));
    }

    /** MKNOD of a socket or FIFO; any other type is sent with no further arguments (the void arm). */
    public Created mknod(byte[] dir, String name, int type, Sattr3 attrs) throws IOException {
        XdrWriter w = dirop(dir, name).writeInt(type);
        if (type == Fattr3.NF3SOCK || type == Fattr3.NF3FIFO) {
            attrs.write(w);
        }
        return created(call(Nfs3.MKNOD, w.toByteArray()));
    }

    /** MKNOD of a character or block device. */
    public Created mknodDevice(byte[] dir, String name, int type, Sattr3 attrs, int major, int minor) throws IOException {
        XdrWriter w = dirop(dir, name).writeInt(type);
        attrs.write(w);
        w.writeInt(major).writeInt(minor);
        return created(call(Nfs3.MKNOD, w.toByteArray()));
    }

    public WccResult remove(byte[] dir, String name) throws IOException {
        return wccResult(call(Nfs3.REMOVE, dirop(dir, name).toByteArray()));
    }

    public WccResult rmdir(byte[] dir, String name) throws IOException {
        return wccResult(call(Nfs3.RMDIR, dirop(dir, name).toByteArray()));
    }

    public Rename rename(byte[] fromDir, String from, byte[] toDir, String to) throws IOException {
        XdrWriter w = dirop(fromDir, from).writeOpaque(toDir).writeString(to);
        XdrReader in = call(Nfs3.RENAME, w.toByteArray()).success();
        int status = in.readInt();
        Wcc3 fromWcc = Wcc3.read(in);
        Wcc3 toWcc = Wcc3.read(in);
        in.end();
        return new Rename(status, fromWcc, toWcc);
    }

    public Link link(byte[] file, byte[] dir, String name) throws IOException {
        XdrWriter w = new XdrWriter().writeOpaque(file).writeOpaque(dir).writeString(name);
        XdrReader in = call(Nfs3.LINK, w.toByteArray()).success();
        int status = in.readInt();
        Fattr3 attrs = Fattr3.readPostOp(in);
        Wcc3 dirWcc = Wcc3.read(in);
        in.end();
        return new Link(status, attrs, dirWcc);
    }

    public Readdir readdir(byte[] dir, long cookie, long cookieVerifier, int count) throws IOException {
        XdrWriter w = new XdrWriter().writeOpaque(dir).writeHyper(cookie).writeHyper(cookieVerifier).writeInt(count);
        return readdirReply(call(Nfs3.READDIR, w.toByteArray()).success(), false);
    }

    public Readdir readdirplus(byte[] dir, long cookie, long cookieVerifier, int dirCount, int maxCount) throws IOException {
        XdrWriter w = new XdrWriter().writeOpaque(dir).writeHyper(cookie).writeHyper(cookieVerifier)
                .writeInt(dirCount).writeInt(maxCount);
        return readdirReply(call(Nfs3.READDIRPLUS, w.toByteArray()).success(), true);
    }

    public Fsstat fsstat(byte[] fh) throws IOException {
        XdrReader in = call(Nfs3.FSSTAT, new XdrWriter().writeOpaque(fh).toByteArray()).success();
        int status = in.readInt();
        Fattr3 attrs = Fattr3.readPostOp(in);
        if (status != Nfs3.OK) {
            in.end();
            return new Fsstat(status, attrs, 0, 0, 0, 0, 0, 0, 0);
        }
        Fsstat r = new Fsstat(status, attrs, in.readHyper(), in.readHyper(), in.readHyper(), in.readHyper(),
                in.readHyper(), in.readHyper(), in.readUnsignedInt());
        in.end();
        return r;
    }

    public Fsinfo fsinfo(byte[] fh) throws IOException {
        XdrReader in = call(Nfs3.FSINFO, new XdrWriter().writeOpaque(fh).toByteArray()).success();
        int status = in.readInt();
        Fattr3 attrs = Fattr3.readPostOp(in);
        if (status != Nfs3.OK) {
            in.end();
            return new Fsinfo(status, attrs, 0, 0, 0, 0, 0, 0, 0, 0, null, 0);
        }
        Fsinfo r = new Fsinfo(status, attrs, in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(),
                in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readUnsignedInt(), in.readHyper(),
                NfsTime.read(in), in.readInt());
        in.end();
        return r;
    }

    public Pathconf pathconf(byte[] fh) throws IOException {
        XdrReader in = call(Nfs3.PATHCONF, new XdrWriter().writeOpaque(fh).toByteArray()).success();
        int status = in.readInt();
        Fattr3 attrs = Fattr3.readPostOp(in);
        if (status != Nfs3.OK) {
            in.end();
            return new Pathconf(status, attrs, 0, 0, false, false, false, false);
        }
        Pathconf r = new Pathconf(status, attrs, in.readUnsignedInt(), in.readUnsignedInt(), in.readBool(),
                in.readBool(), in.readBool(), in.readBool());
        in.end();
        return r;
    }

    public Commit commit(byte[] fh, long offset, int count) throws IOException {
        XdrReader in = call(Nfs3.COMMIT, new XdrWriter().writeOpaque(fh).writeHyper(offset).writeInt(count).toByteArray())
                .success();
        int status = in.readInt();
        Wcc3 wcc = Wcc3.read(in);
        long verifier = status == Nfs3.OK ? in.readHyper() : 0;
        in.end();
        return new Commit(status, wcc, verifier);
    }

    private static XdrWriter dirop(byte[] dir, String name) {
        return new XdrWriter().writeOpaque(dir).writeString(name);
    }

    private static Created created(RpcReply reply) {
        return Created.read(reply.success());
    }

    private static WccResult wccResult(RpcReply reply) {
        XdrReader in = reply.success();
        int status = in.readInt();
        Wcc3 wcc = Wcc3.read(in);
        in.end();
        return new WccResult(status, wcc);
    }

    private static Readdir readdirReply(XdrReader in, boolean plus) {
        int status = in.readInt();
        Fattr3 dirAttrs = Fattr3.readPostOp(in);
        if (status != Nfs3.OK) {
            in.end();
            return new Readdir(status, dirAttrs, 0, List.of(), false);
        }
        long verifier = in.readHyper();
        List<Entry> entries = new ArrayList<>();
        while (in.readBool()) {
            long fileId = in.readHyper();
            String name = in.readString();
            long cookie = in.readHyper();
            Fattr3 attrs = null;
            byte[] fh = null;
            if (plus) {
                attrs = Fattr3.readPostOp(in);
                fh = in.readBool() ? in.readOpaque() : null;
            }
            entries.add(new Entry(fileId, name, cookie, attrs, fh));
        }
        boolean eof = in.readBool();
        in.end();
        return new Readdir(status, dirAttrs, verifier, List.copyOf(entries), eof);
    }
}
