package io.manticore.protocol.nfs4.internal.op;

import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.Wcc;
import io.manticore.protocol.nfs4.internal.attr.Bitmap;
import io.manticore.protocol.nfs4.internal.attr.Fattr;
import io.manticore.protocol.nfs4.internal.attr.SettableAttrs;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.fh.PseudoFh;
import io.manticore.protocol.nfs4.internal.state.NfsClient;
import io.manticore.protocol.nfs4.internal.state.OpenOwner;
import io.manticore.protocol.nfs4.internal.state.OpenState;
import io.manticore.protocol.nfs4.internal.state.StateManager;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;

/**
 * OPEN (RFC 7530 16.16, RFC 8881 18.16) of a name in the current directory (CLAIM_NULL) or, in
 * 4.1, of the current file (CLAIM_FH), creating it as UNCHECKED4, GUARDED4, EXCLUSIVE4 or
 * EXCLUSIVE4_1 ask. The file is opened (and made) first, then the share reservation is taken in
 * core's lease manager, and only then is an existing file truncated, so a denied open changes
 * no data. Reclaims answer NO_GRACE (no grace period is kept yet); delegation claims NOTSUPP.
 * No delegation is ever granted.
 */
final class Open implements Operation<Open.Args> {

    static final int ACCESS_READ = 1;
    static final int ACCESS_WRITE = 2;
    /** RFC 8881 18.16.3: the 4.1 want and signal bits beside the share access. */
    static final int WANT_BITS = 0xFF00 | 0x30000;
    static final int CLAIM_NULL = 0;
    static final int CLAIM_PREVIOUS = 1;
    static final int CLAIM_DELEGATE_CUR = 2;
    static final int CLAIM_DELEGATE_PREV = 3;
    static final int CLAIM_FH = 4;
    static final int CLAIM_DELEG_CUR_FH = 5;
    static final int CLAIM_DELEG_PREV_FH = 6;
    static final int UNCHECKED4 = 0;
    static final int GUARDED4 = 1;
    static final int EXCLUSIVE4 = 2;
    static final int EXCLUSIVE4_1 = 3;
    static final int RESULT_CONFIRM = 0x2;
    static final int RESULT_LOCKTYPE_POSIX = 0x4;
    private static final int OPEN_DELEGATE_NONE = 0;

    /** createhow4: the mode, its attributes (UNCHECKED4, GUARDED4, EXCLUSIVE4_1) and verifier (EXCLUSIVE4, EXCLUSIVE4_1). */
    record Create(int mode, SettableAttrs.Raw attrs, long verifier) {
    }

    /**
     * OPEN4args.
     *
     * @param create null for OPEN4_NOCREATE
     * @param name   the file of CLAIM_NULL, CLAIM_DELEGATE_CUR and CLAIM_DELEGATE_PREV, else null
     */
    record Args(int seqid, int access, int deny, long clientId, byte[] owner, Create create, int claim, byte[] name) {
    }

    @Override
    public int opcode() {
        return Opcodes.OPEN;
    }

    @Override
    public Args decode(XdrDecoder in) {
        int seqid = in.readInt();
        int access = in.readInt();
        int deny = in.readInt();
        long clientId = in.readHyper();
        byte[] owner = in.readOpaqueBytes(Nfs4Xdr.OPAQUE_LIMIT);
        Create create = null;
        int openType = in.readEnum();
        if (openType == 1) {
            int mode = in.readEnum();
            create = switch (mode) {
                case UNCHECKED4, GUARDED4 -> new Create(mode, SettableAttrs.Raw.decode(in), 0);
                case EXCLUSIVE4 -> new Create(mode, null, Nfs4Xdr.readVerifier(in));
                case EXCLUSIVE4_1 -> {
                    long verifier = Nfs4Xdr.readVerifier(in);
                    yield new Create(mode, SettableAttrs.Raw.decode(in), verifier);
                }
                default -> throw new XdrException("createmode4 " + mode);
            };
        } else if (openType != 0) {
            throw new XdrException("opentype4 " + openType);
        }
        int claim = in.readEnum();
        byte[] name = null;
        switch (claim) {
            case CLAIM_NULL, CLAIM_DELEGATE_PREV -> name = Nfs4Xdr.readComponent(in);
            case CLAIM_PREVIOUS -> in.readEnum();
            case CLAIM_DELEGATE_CUR -> {
                Stateid.decode(in);
                name = Nfs4Xdr.readComponent(in);
            }
            case CLAIM_DELEG_CUR_FH -> Stateid.decode(in);
            case CLAIM_FH, CLAIM_DELEG_PREV_FH -> { }
            default -> throw new XdrException("open_claim_type4 " + claim);
        }
        return new Args(seqid, access, deny, clientId, owner, create, claim, name);
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Args args) {
        int minor = c.minorVersion();
        int access = args.access() & ~(minor > 0 ? WANT_BITS : 0);
        if (access == 0 || (access & ~(ACCESS_READ | ACCESS_WRITE)) != 0 || (args.deny() & ~3) != 0) {
            throw new Nfs4Exception(Nfs4Status.INVAL, "share access " + args.access() + ", deny " + args.deny());
        }
        switch (args.claim()) {
            case CLAIM_NULL -> { }
            case CLAIM_FH -> {
                if (minor == 0 || args.create() != null) {
                    throw new Nfs4Exception(Nfs4Status.INVAL, "CLAIM_FH is 4.1's, and opens no new file");
                }
            }
            case CLAIM_PREVIOUS -> throw new Nfs4Exception(Nfs4Status.NO_GRACE, "no grace period: nothing to reclaim");
            default -> throw new Nfs4Exception(Nfs4Status.NOTSUPP, "delegation claims need delegations");
        }
        if (args.create() != null && args.create().mode() == EXCLUSIVE4_1 && minor == 0) {
            throw new Nfs4Exception(Nfs4Status.INVAL, "EXCLUSIVE4_1 is 4.1's");
        }
        NfsClient client = minor == 0 ? c.state().renew(args.clientId()) : c.sessionClient();
        c.touch(client);
        OpenOwner owner = c.state().openOwner(client, args.owner(), minor);
        return SeqidGate.run(c, this, owner, args.seqid(), () -> open(c, args, owner, access))
                .whenComplete((r, failure) -> c.state().forgetIfIdle(owner));
    }

    private CompletionStage<OpResult> open(Compound c, Args args, OpenOwner owner, int access) {
        if (args.claim() == CLAIM_FH) {
            return openByHandle(c, args, owner, access);
        }
        String name = Nfs4Xdr.name(args.name());
        if (c.fh() instanceof PseudoFh) {
            if (args.create() != null) {
                throw new VfsException(VfsError.ROFS, "the pseudo file system is read-only");
            }
            // Everything in the pseudo file system is a directory.
            return Namespace.child(c, c.fh(), name).thenApply(found -> {
                throw new Nfs4Exception(Nfs4Status.ISDIR, name + " is a directory");
            });
        }
        ExportFh dir = c.exportFh(Nfs4Status.ISDIR);
        if (args.create() != null || (access & ACCESS_WRITE) != 0) {
            Ops.writable(dir);
        }
        Request request = request(c, args, access);
        Cred cred = c.cred(dir);
        return c.vfs().openAt(cred, dir.fh(), name, request.flags(), request.attrs(), AttrMask.ALL).thenCompose(opened -> {
            requireRegular(opened.attrs(), c.minorVersion());
            ExportFh file = new ExportFh(dir.export(), opened.file().handle());
            StateManager.Opening opening = c.state().open(owner, file, access, args.deny(), c.minorVersion());
            OpenState state = opening.state();
            Long size = request.size();
            boolean resize = size != null && !(opened.created() && size == 0);
            BitSet set = opened.created() ? request.given() : resize ? Bitmap.of(Fattr.SIZE) : new BitSet();
            CompletionStage<Void> sized = !resize ? CompletableFuture.completedFuture(null)
                    : c.vfs().setattr(cred, file.fh(), SetAttrs.NONE.withSize(size), Guard.NONE).thenApply(w -> null);
            return sized.handle((done, failure) -> {
                if (failure != null) {
                    if (opening.fresh()) {
                        c.state().close(state);
                    }
                    throw new CompletionException(failure);
                }
                return opened(c, file, state, opened.dir(), set);
            });
        });
    }

    /** RFC 8881 18.16.3 CLAIM_FH: the current file, which must be a regular file the caller may open so. */
    private CompletionStage<OpResult> openByHandle(Compound c, Args args, OpenOwner owner, int access) {
        ExportFh file = c.exportFh(Nfs4Status.ISDIR);
        if ((access & ACCESS_WRITE) != 0) {
            Ops.writable(file);
        }
        Cred cred = c.cred(file);
        return c.vfs().getattr(cred, file.fh(), AttrMask.ALL).thenApply(attrs -> {
            requireRegular(attrs, c.minorVersion());
            int rights = attrs.permissionsFor(cred);
            if (((access & ACCESS_READ) != 0 && (rights & 4) == 0) || ((access & ACCESS_WRITE) != 0 && (rights & 2) == 0)) {
                throw new VfsException(VfsError.ACCES, "mode does not grant the access asked");
            }
            OpenState state = c.state().open(owner, file, access, args.deny(), c.minorVersion()).state();
            return opened(c, file, state, null, new BitSet());
        });
    }

    private OpResult opened(Compound c, ExportFh file, OpenState state, Wcc dir, BitSet attrsSet) {
        Stateid stateid = c.state().stateidOf(state);
        int flags = RESULT_LOCKTYPE_POSIX | (state.owner().confirmed() ? 0 : RESULT_CONFIRM);
        c.fh(file);
        c.currentStateid(stateid);
        return OpResult.ok(out -> {
            stateid.encode(out);
            Nfs4Xdr.changeInfo(out, dir);
            out.writeInt(flags);
            Bitmap.write(out, attrsSet);
            out.writeInt(OPEN_DELEGATE_NONE);
        });
    }

    /** The VFS request an OPEN makes: create mode, attributes of a new file, and the size to set after. */
    private record Request(OpenFlags flags, SetAttrs attrs, Long size, BitSet given) {
    }

    private static Request request(Compound c, Args args, int access) {
        boolean read = (access & ACCESS_READ) != 0;
        boolean write = (access & ACCESS_WRITE) != 0;
        Create create = args.create();
        if (create == null) {
            return new Request(new OpenFlags(read, write, CreateMode.OPEN_EXISTING, false, 0), SetAttrs.NONE, null, new BitSet());
        }
        SettableAttrs attrs = create.attrs() == null ? SettableAttrs.NONE
                : SettableAttrs.of(create.attrs(), c.minorVersion(), c.server().owners());
        if (create.mode() == EXCLUSIVE4_1) {
            BitSet beyond = attrs.given();
            beyond.andNot(Fattr.exclusiveCreate());
            if (!beyond.isEmpty()) {
                throw new Nfs4Exception(Nfs4Status.INVAL, "attributes " + beyond + " cannot be set by an exclusive create");
            }
        }
        CreateMode mode = switch (create.mode()) {
            case UNCHECKED4 -> CreateMode.OPEN_OR_CREATE;
            case GUARDED4 -> CreateMode.CREATE_NEW;
            default -> CreateMode.EXCLUSIVE;
        };
        SetAttrs set = attrs.set();
        // The size is applied once the reservation is held: a new file is empty already.
        SetAttrs withoutSize = new SetAttrs(set.mode(), set.uid(), set.gid(), null, set.atime(), set.mtime(), set.birthtime());
        return new Request(new OpenFlags(read, write, mode, false, create.verifier()), withoutSize, set.size(), attrs.given());
    }

    /** RFC 8881 18.16.3: only regular files open; a directory is ISDIR, a symlink SYMLINK, others INVAL (4.0) or WRONG_TYPE. */
    private static void requireRegular(Attrs attrs, int minorVersion) {
        if (attrs.type() == FileType.REGULAR) {
            return;
        }
        int status = switch (attrs.type()) {
            case DIRECTORY -> Nfs4Status.ISDIR;
            case SYMLINK -> Nfs4Status.SYMLINK;
            default -> minorVersion == 0 ? Nfs4Status.INVAL : Nfs4Status.WRONG_TYPE;
        };
        throw new Nfs4Exception(status, "not a regular file");
    }
}
