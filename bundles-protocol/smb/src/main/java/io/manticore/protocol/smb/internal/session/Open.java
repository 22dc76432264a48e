package io.manticore.protocol.smb.internal.session;

import io.manticore.api.cred.Cred;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.vfs.FileHandle;
import io.manticore.protocol.smb.internal.rpc.NamedPipe;

/**
 * An open of a file, a folder or a named pipe (MS-SMB2 3.3.1.10). The name and parent change when
 * the file is renamed through this open; {@code path} is share-relative with backslashes.
 */
public final class Open {

    private final FileId id;
    private final TreeConnect tree;
    private final FileHandle handle;
    private final boolean directory;
    private final int access;
    private final int shareAccess;
    private final LockOwner owner;
    private final ByteRangeLocks byteLocks;
    private final NamedPipe pipe;
    private volatile FileHandle parent;
    private volatile String name;
    private volatile String path;
    private volatile boolean deleteOnClose;
    private volatile long position;
    private volatile int mode;
    private DirectoryScan scan;
    private volatile CachingGrant caching;

    public Open(FileId id, TreeConnect tree, FileHandle handle, FileHandle parent, String name, String path,
                boolean directory, int access, int shareAccess, LockOwner owner, NamedPipe pipe) {
        this.id = id;
        this.tree = tree;
        this.handle = handle;
        this.parent = parent;
        this.name = name;
        this.path = path;
        this.directory = directory;
        this.access = access;
        this.shareAccess = shareAccess;
        this.owner = owner;
        this.byteLocks = owner == null ? null : new ByteRangeLocks(owner);
        this.pipe = pipe;
    }

    public FileId id() {
        return id;
    }

    public TreeConnect tree() {
        return tree;
    }

    public FileHandle handle() {
        return handle;
    }

    public FileHandle parent() {
        return parent;
    }

    public String name() {
        return name;
    }

    public String path() {
        return path;
    }

    /** Records a rename done through this open. */
    public void movedTo(FileHandle newParent, String newName, String newPath) {
        parent = newParent;
        name = newName;
        path = newPath;
    }

    public boolean isDirectory() {
        return directory;
    }

    public int access() {
        return access;
    }

    /** True when every bit of {@code wanted} was granted at open. */
    public boolean granted(int wanted) {
        return (access & wanted) == wanted;
    }

    public int shareAccess() {
        return shareAccess;
    }

    /** The owner of this open's share reservation in the lease manager. */
    public LockOwner owner() {
        return owner;
    }

    /** The oplock or lease this open holds, or null. */
    public CachingGrant caching() {
        return caching;
    }

    public void caching(CachingGrant grant) {
        caching = grant;
    }

    /** The session's identity with this open's lease key, so the open's own I/O breaks none of its caching. */
    public Cred cred(Cred sessionCred) {
        CachingGrant held = caching;
        return held == null ? sessionCred : sessionCred.withLeaseKey(held.key());
    }

    /** This open's byte-range locks (null for a pipe). */
    public ByteRangeLocks byteLocks() {
        return byteLocks;
    }

    /** The pipe of an open on IPC$, or null. */
    public NamedPipe pipe() {
        return pipe;
    }

    public boolean deleteOnClose() {
        return deleteOnClose;
    }

    public void deleteOnClose(boolean delete) {
        deleteOnClose = delete;
    }

    /** FilePositionInformation: kept for the client, not used by reads and writes, which carry offsets. */
    public long position() {
        return position;
    }

    public void position(long newPosition) {
        position = newPosition;
    }

    /** FileModeInformation. */
    public int mode() {
        return mode;
    }

    public void mode(int newMode) {
        mode = newMode;
    }

    /** The directory enumeration of QUERY_DIRECTORY, made on first use; callers hold this open's monitor. */
    public synchronized DirectoryScan scan() {
        if (scan == null) {
            scan = new DirectoryScan();
        }
        return scan;
    }
}
