package io.manticore.vfs.linux.internal;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.vfs.linux.internal.sys.Libc;

/**
 * Runs a call as its caller on the calling thread: the thread's filesystem user and group and
 * its supplementary groups become the caller's, so the kernel checks permissions and new files
 * get the caller as owner; {@link As#close()} makes the thread root again. Only when the process
 * runs as root; otherwise calls run as the process and core checks permissions.
 */
final class Identity {

    /** The groups a caller may name: NGROUPS_MAX is 65536, AUTH_SYS carries 16, SMB and S3 users a few. */
    static final int MAX_GROUPS = 1024;

    private final boolean switching;

    private Identity(boolean switching) {
        this.switching = switching;
    }

    /** Switches identities when the process runs as root. */
    static Identity forProcess() {
        return new Identity(Libc.geteuid() == 0);
    }

    /** Never switches: every call runs as the process. */
    static Identity fixed() {
        return new Identity(false);
    }

    /** True when the kernel checks each caller's permissions. */
    boolean enforces() {
        return switching;
    }

    /** Makes this thread {@code cred} until the returned scope closes. */
    As as(Cred cred) {
        if (!switching || cred.isRoot() && cred.groups().length == 0) {
            return As.NOTHING;
        }
        int[] groups = cred.groups();
        if (groups.length > MAX_GROUPS) {
            throw new VfsException(VfsError.INVAL, "a caller with " + groups.length + " groups");
        }
        setGroups(groups);
        Libc.setfsgid(cred.gid());
        Libc.setfsuid(cred.uid());
        return As.RESTORE;
    }

    private static void setGroups(int[] groups) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment list = arena.allocate(JAVA_INT, Math.max(1, groups.length));
            for (int i = 0; i < groups.length; i++) {
                list.setAtIndex(JAVA_INT, i, groups[i]);
            }
            long result = Libc.setgroupsThisThread(groups.length, list);
            if (result < 0) {
                throw new VfsException(VfsError.PERM, "setgroups failed: errno " + -result);
            }
        }
    }

    /** The scope of an identity: closing it makes the thread root again. */
    enum As implements AutoCloseable {
        NOTHING {
            @Override
            public void close() {
            }
        },
        RESTORE {
            @Override
            public void close() {
                Libc.setfsuid(0);
                Libc.setfsgid(0);
                setGroups(new int[0]);
            }
        };

        @Override
        public abstract void close();
    }
}
