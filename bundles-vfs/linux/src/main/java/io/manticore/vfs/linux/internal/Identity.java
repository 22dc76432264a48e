package io.manticore.vfs.linux.internal;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.vfs.linux.internal.sys.Libc;

/**
 * Runs a call as its caller on the calling thread: the thread's filesystem user and group and
 * its supplementary groups become the caller's, so the kernel checks permissions and new files
 * get the caller as owner; {@link As#close()} gives the thread filesystem uid 0 again. Only when
 * the process may change its identity (euid 0, or CAP_SETUID and CAP_SETGID); otherwise calls
 * run as the process and core checks permissions.
 */
final class Identity {

    /** The groups a caller may name: NGROUPS_MAX is 65536, AUTH_SYS carries 16, SMB and S3 users a few. */
    static final int MAX_GROUPS = 1024;
    private static final int CAP_SETGID = 6;
    private static final int CAP_SETUID = 7;

    private final boolean switching;

    private Identity(boolean switching) {
        this.switching = switching;
    }

    /** Switches identities when the process may. */
    static Identity forProcess() {
        return new Identity(Libc.geteuid() == 0 || hasSetIdCapabilities(Path.of("/proc/self/status")));
    }

    /** Whether the effective capabilities ("CapEff:" of proc(5) status, in hex) hold CAP_SETUID and CAP_SETGID. */
    static boolean hasSetIdCapabilities(Path status) {
        List<String> lines;
        try {
            lines = Files.readAllLines(status);
        } catch (IOException e) {
            return false;
        }
        for (String line : lines) {
            if (line.startsWith("CapEff:")) {
                long effective = Long.parseUnsignedLong(line.substring("CapEff:".length()).trim(), 16);
                return (effective & (1L << CAP_SETUID)) != 0 && (effective & (1L << CAP_SETGID)) != 0;
            }
        }
        return false;
    }

    /** True when the kernel checks each caller's permissions. */
    boolean enforces() {
        return switching;
    }

    /** Makes this thread {@code cred} until the returned scope closes. */
    As as(Cred cred) {
        int[] groups = cred.groups();
        if (!switching || cred.uid() == 0 && cred.gid() == 0 && groups.length == 0) {
            return As.NOTHING;
        }
        if (groups.length > MAX_GROUPS) {
            throw new VfsException(VfsError.INVAL, "a caller with " + groups.length + " groups");
        }
        setGroups(groups);
        Libc.setfsgid(cred.gid());
        if (Libc.setfsuid(cred.uid()) != 0) {
            // The kernel drops the filesystem capabilities only on leaving fsuid 0: a thread's first switch in a non-root server.
            Libc.setfsuid(0);
            Libc.setfsuid(cred.uid());
        }
        if (Libc.setfsuid(-1) != cred.uid() || Libc.setfsgid(-1) != cred.gid()) {
            As.RESTORE.close();
            throw new VfsException(VfsError.PERM, "the thread could not take the identity " + cred);
        }
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

    /** The scope of an identity: closing it gives the thread filesystem uid and gid 0 and no groups again. */
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
