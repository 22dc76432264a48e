package io.manticore.protocol.smb.internal.command;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.lease.Lease;
import io.manticore.api.lease.LeaseState;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.ShareMode;
import io.manticore.api.lease.ShareResult;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.smb.internal.SmbServer;
import io.manticore.protocol.smb.internal.conn.BreakNotices;
import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.info.FileAttributes;
import io.manticore.protocol.smb.internal.rpc.NamedPipe;
import io.manticore.protocol.smb.internal.rpc.Pipes;
import io.manticore.protocol.smb.internal.session.Access;
import io.manticore.protocol.smb.internal.session.Caching;
import io.manticore.protocol.smb.internal.session.CachingGrant;
import io.manticore.protocol.smb.internal.session.Closer;
import io.manticore.protocol.smb.internal.session.FileId;
import io.manticore.protocol.smb.internal.session.Open;
import io.manticore.protocol.smb.internal.session.Resolver;
import io.manticore.protocol.smb.internal.session.Session;
import io.manticore.protocol.smb.internal.session.SmbNames;
import io.manticore.protocol.smb.internal.session.TreeConnect;
import io.manticore.protocol.smb.internal.wire.Dialect;
import io.manticore.protocol.smb.internal.wire.NtStatus;

/**
 * CREATE (MS-SMB2 3.3.5.9): opens or makes a file or folder by every disposition, checks the
 * access asked against the mode bits, and takes a share reservation in core's lease manager so
 * that deny modes hold against every protocol.
 */
public final class Create implements SmbCommand {

    private static final int FILE_MODE = 0644;
    private static final String LEASE_CONTEXT = "RqLs";
    private static final int LEASE_V1_LENGTH = 32;
    private static final int LEASE_V2_LENGTH = 52;
    /** Rights that neither read nor write data: an open asking only for them breaks no oplock (MS-FSA 2.1.5.1.2.1). */
    private static final int STAT_RIGHTS = Access.READ_ATTRIBUTES | Access.WRITE_ATTRIBUTES | Access.SYNCHRONIZE
            | Access.READ_CONTROL;
    /** What other clients' caching keeps when a file is opened: reads and handles, not writes. */
    private static final LeaseState FOR_OPEN = new LeaseState(LeaseState.READ | LeaseState.HANDLE);
    private static final int DIR_MODE = 0755;

    @Override
    public Needs needs() {
        return Needs.TREE;
    }

    @Override
    public CompletionStage<Reply> handle(Exchange exchange) {
        CreateRequest request = CreateRequest.read(exchange.message());
        TreeConnect tree = exchange.tree();
        if (tree.isIpc()) {
            return CompletableFuture.completedFuture(openPipe(exchange, request));
        }
        if (request.has(CreateRequest.OPEN_BY_FILE_ID)) {
            throw new SmbStatusException(NtStatus.NOT_SUPPORTED, "open by file id");
        }
        if (request.has(CreateRequest.DIRECTORY_FILE) && request.has(CreateRequest.NON_DIRECTORY_FILE)) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "both directory and non-directory");
        }
        int desired = Access.mapGeneric(request.desiredAccess());
        if (request.has(CreateRequest.DELETE_ON_CLOSE) && (desired & (Access.DELETE | Access.MAXIMUM_ALLOWED)) == 0) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "delete-on-close without DELETE access");
        }
        List<String> components = SmbNames.split(request.name());
        SmbServer server = exchange.server();
        Cred cred = exchange.session().cred();
        Resolver resolver = new Resolver(server.vfs(), server.options().caseInsensitive(), server.folded());
        if (components.isEmpty()) {
            return server.vfs().getattr(cred, tree.root(), AttrMask.ALL).thenCompose(attrs ->
                    opened(exchange, request, desired, new Lookup(tree.root(), attrs, null), null, "", "", false));
        }
        String name = components.get(components.size() - 1);
        String path = SmbNames.join(components);
        return resolver.parent(cred, tree.root(), components).thenCompose(parent ->
                resolver.entry(cred, parent.fh(), name).thenCompose(entry -> entry == null
                        ? create(exchange, request, desired, parent.fh(), name, path)
                        : existing(exchange, request, desired, parent.fh(), entry.lookup(), entry.name(), path)));
    }

    /** Opens the entry {@code name} (its name in the folder, whatever the case the client asked for). */
    private static CompletionStage<Reply> existing(Exchange exchange, CreateRequest request, int desired,
                                                   FileHandle parent, Lookup existing, String name, String path) {
        boolean dir = existing.attrs().isDirectory();
        switch (request.disposition()) {
            case CreateRequest.CREATE -> throw new SmbStatusException(NtStatus.OBJECT_NAME_COLLISION, path);
            case CreateRequest.OVERWRITE, CreateRequest.OVERWRITE_IF, CreateRequest.SUPERSEDE -> {
                if (dir) {
                    throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "overwrite of a folder");
                }
            }
            default -> { }
        }
        if (request.has(CreateRequest.DIRECTORY_FILE) && !dir) {
            throw new SmbStatusException(NtStatus.NOT_A_DIRECTORY, path);
        }
        if (request.has(CreateRequest.NON_DIRECTORY_FILE) && dir) {
            throw new SmbStatusException(NtStatus.FILE_IS_A_DIRECTORY, path);
        }
        boolean truncate = request.disposition() == CreateRequest.OVERWRITE
                || request.disposition() == CreateRequest.OVERWRITE_IF || request.disposition() == CreateRequest.SUPERSEDE;
        return breakOthers(exchange, request, desired, existing).thenCompose(broken ->
                opened(exchange, request, desired | (truncate ? Access.WRITE_DATA : 0), existing, parent, name, path,
                false)).thenCompose(reply -> {
                    if (!truncate || reply.isError()) {
                        return CompletableFuture.completedFuture(reply);
                    }
                    SmbServer server = exchange.server();
                    Session session = exchange.session();
                    return server.vfs().setattr(session.cred(), existing.fh(), SetAttrs.NONE.withSize(0), Guard.NONE)
                            .handle((wcc, failure) -> {
                                if (failure != null) {
                                    reply.body().release();
                                    Closer.close(server.vfs(), server.leases(), session, session.open(exchange.file()));
                                    throw failure instanceof RuntimeException e ? e : new CompletionException(failure);
                                }
                                return CreateResponse.overwritten(reply);
                            });
                });
    }

    private static CompletionStage<Reply> create(Exchange exchange, CreateRequest request, int desired,
                                                 FileHandle parent, String name, String path) {
        int disposition = request.disposition();
        if (disposition == CreateRequest.OPEN || disposition == CreateRequest.OVERWRITE) {
            throw new SmbStatusException(NtStatus.OBJECT_NAME_NOT_FOUND, path);
        }
        SmbNames.check(name);
        if (exchange.tree().readOnly()) {
            throw new SmbStatusException(NtStatus.MEDIA_WRITE_PROTECTED, "read-only share");
        }
        Vfs vfs = exchange.server().vfs();
        Cred cred = exchange.session().cred();
        boolean readOnly = (request.fileAttributes() & FileAttributes.READONLY) != 0;
        if (request.has(CreateRequest.DIRECTORY_FILE)) {
            return vfs.mkdir(cred, parent, name, SetAttrs.mode(DIR_MODE)).thenCompose(made -> {
                exchange.server().folded().added(parent, made.dir(), name);
                return opened(exchange, request, desired, new Lookup(made.fh(), made.attrs(), null), parent, name, path, true);
            });
        }
        SetAttrs attrs = SetAttrs.mode(readOnly ? FILE_MODE & ~0222 : FILE_MODE);
        return vfs.openAt(cred, parent, name, OpenFlags.create(CreateMode.CREATE_NEW), attrs, AttrMask.ALL)
                .thenCompose(made -> {
                    exchange.server().folded().added(parent, made.dir(), name);
                    return opened(exchange, request, desired, new Lookup(made.file().handle(), made.attrs(), null), parent,
                            name, path, true);
                });
    }

    /** Checks access and sharing, registers the open and answers; a creator gets what it asked. */
    private static CompletionStage<Reply> opened(Exchange exchange, CreateRequest request, int desired, Lookup file,
                                                 FileHandle parent, String name, String path, boolean created) {
        TreeConnect tree = exchange.tree();
        Session session = exchange.session();
        Attrs attrs = file.attrs();
        int maximal = created ? Access.FULL & (tree.readOnly() ? ~Access.MODIFYING : ~0)
                : Access.maximal(session.cred(), attrs, tree.readOnly());
        int granted = (desired & Access.MAXIMUM_ALLOWED) != 0 ? maximal | (desired & ~Access.MAXIMUM_ALLOWED) : desired;
        if ((granted & ~maximal & ~Access.ACCESS_SYSTEM_SECURITY) != 0) {
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "access " + Integer.toHexString(granted) + " beyond "
                    + Integer.toHexString(maximal));
        }
        if (parent == null && request.has(CreateRequest.DELETE_ON_CLOSE)) {
            throw new SmbStatusException(NtStatus.CANNOT_DELETE, "the share root");
        }
        FileId id = session.nextFileId();
        LockOwner owner = openOwner(exchange, session, id);
        ShareMode mode = shareMode(granted, request.shareAccess());
        if (mode.access() != 0) {
            ShareResult shared = exchange.server().leases().share(file.fh(), owner, mode);
            if (!shared.isGranted()) {
                throw new SmbStatusException(NtStatus.SHARING_VIOLATION, path);
            }
        }
        Open open = new Open(id, tree, file.fh(), parent, name, path, attrs.isDirectory(), granted,
                request.shareAccess(), owner, null);
        open.deleteOnClose(request.has(CreateRequest.DELETE_ON_CLOSE));
        if (!session.add(open)) {
            exchange.server().leases().releaseOwner(owner);
            throw new SmbStatusException(NtStatus.TOO_MANY_OPENED_FILES, "open limit");
        }
        exchange.file(id);
        int oplock = grantCaching(exchange, request, open, attrs);
        return CompletableFuture.completedFuture(CreateResponse.reply(exchange, request, open, attrs, maximal,
                created ? CreateResponse.CREATED : CreateResponse.OPENED, oplock));
    }

    /**
     * Breaks other clients' oplocks and leases on {@code file} down to what lets this open proceed
     * (MS-FSA 2.1.5.1.2: no one else caches writes; handles stay cached), unless the open only
     * reads or writes attributes. Completes when they have acknowledged, or been revoked.
     */
    private static CompletionStage<Void> breakOthers(Exchange exchange, CreateRequest request, int desired, Lookup file) {
        if ((desired & ~STAT_RIGHTS) == 0 || file.attrs().isDirectory()) {
            return CompletableFuture.completedFuture(null);
        }
        byte[] leaseKey = requestedLeaseKey(exchange, request);
        LockOwner requester = leaseKey == null ? null : leaseOwner(exchange.connection().negotiated().clientGuid(), leaseKey);
        return exchange.server().leases().breakLeases(file.fh(), requester, FOR_OPEN);
    }

    /** Grants the oplock or lease the request asks for, as far as other opens allow; returns the response's OplockLevel. */
    private static int grantCaching(Exchange exchange, CreateRequest request, Open open, Attrs attrs) {
        if (attrs.isDirectory() || open.handle() == null) {
            return Caching.OPLOCK_NONE;
        }
        SmbServer server = exchange.server();
        byte[] leaseKey = requestedLeaseKey(exchange, request);
        CachingGrant grant;
        LeaseState wanted;
        if (leaseKey != null) {
            byte[] data = request.contexts().get(LEASE_CONTEXT);
            int version = data.length >= LEASE_V2_LENGTH && Dialect.isSmb3(exchange.connection().dialect()) ? 2 : 1;
            LockOwner key = leaseOwner(exchange.connection().negotiated().clientGuid(), leaseKey);
            grant = server.leaseGrants().join(key, () -> CachingGrant.lease(key, open.handle(), leaseKey, version,
                    BreakNotices.to(exchange.connection(), exchange.session(), open.tree().encrypt()), server.leaseGrants()));
            if (!grant.file().equals(open.handle())) {
                server.leaseGrants().leave(grant);
                throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "lease key reused for another file");
            }
            wanted = Caching.ofLease(intLE(data, 16));
        } else {
            wanted = Caching.ofOplock(request.oplock());
            if (wanted.isNone()) {
                return Caching.OPLOCK_NONE;
            }
            // The open's own owner: an oplock is the open's, and its share reservation must not count against it.
            grant = CachingGrant.oplock(open.owner(), open.handle(),
                    BreakNotices.to(exchange.connection(), exchange.session(), open.tree().encrypt()));
            grant.oplockFile(open.id());
        }
        Lease lease = server.leases().acquireLease(open.handle(), grant.key(), wanted, grant);
        grant.lease(lease);
        open.caching(grant);
        return grant.isLease() ? Caching.OPLOCK_LEASE : Caching.oplockOf(lease.state());
    }

    /** The lease key of the request's RqLs context when it asks for a lease and the dialect has them, else null. */
    private static byte[] requestedLeaseKey(Exchange exchange, CreateRequest request) {
        byte[] data = request.contexts().get(LEASE_CONTEXT);
        if (request.oplock() != Caching.OPLOCK_LEASE || data == null || data.length < LEASE_V1_LENGTH
                || exchange.connection().dialect() < Dialect.SMB_2_1) {
            return null;
        }
        return Arrays.copyOf(data, 16);
    }

    /**
     * The key a client's lease is held under in core's lease manager: the lease key, within the
     * client named by its ClientGuid, as its opens' share reservations are (so they leave it W).
     */
    static LockOwner leaseOwner(byte[] clientGuid, byte[] leaseKey) {
        return LockOwner.of("smb", HexFormat.of().formatHex(clientGuid), leaseKey);
    }

    /** An open's owner of share reservations, byte-range locks and oplock: the session and file id, within the client. */
    private static LockOwner openOwner(Exchange exchange, Session session, FileId id) {
        byte[] file = id.toBytes();
        byte[] own = new byte[Long.BYTES + file.length];
        ByteBuffer.wrap(own).putLong(session.id()).put(file);
        byte[] guid = exchange.connection().negotiated().clientGuid();
        // SMB 2.0.2 clients send no ClientGuid: each session is then a client of its own.
        String client = Arrays.equals(guid, new byte[guid.length]) ? "session-" + Long.toHexString(session.id())
                : HexFormat.of().formatHex(guid);
        return LockOwner.of("smb", client, own);
    }

    private static int intLE(byte[] data, int at) {
        return (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16 | (data[at + 3] & 0xff) << 24;
    }

    private static Reply openPipe(Exchange exchange, CreateRequest request) {
        String name = request.name();
        NamedPipe pipe = Pipes.open(name, exchange.server());
        if (pipe == null) {
            throw new SmbStatusException(NtStatus.OBJECT_NAME_NOT_FOUND, "pipe " + name);
        }
        Session session = exchange.session();
        FileId id = session.nextFileId();
        Open open = new Open(id, exchange.tree(), null, null, name, name, false, Access.FULL, 7, null, pipe);
        if (!session.add(open)) {
            throw new SmbStatusException(NtStatus.TOO_MANY_OPENED_FILES, "open limit");
        }
        exchange.file(id);
        return CreateResponse.pipe(exchange, open);
    }

    /** The share reservation of an open: what it reads, writes or deletes, and what it denies others. */
    private static ShareMode shareMode(int granted, int shareAccess) {
        int access = ((granted & (Access.READ_DATA | Access.EXECUTE)) != 0 ? ShareMode.READ : 0)
                | ((granted & (Access.WRITE_DATA | Access.APPEND_DATA)) != 0 ? ShareMode.WRITE : 0)
                | ((granted & Access.DELETE) != 0 ? ShareMode.DELETE : 0);
        return new ShareMode(access, ~shareAccess & ShareMode.ALL);
    }
}
