package io.manticore.core.internal.vfs;

import static io.manticore.core.internal.vfs.PosixPermissions.EXECUTE;
import static io.manticore.core.internal.vfs.PosixPermissions.READ;
import static io.manticore.core.internal.vfs.PosixPermissions.WRITE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.fail;

import java.util.List;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.TimeSpec;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import org.junit.Test;

public class PosixPermissionsTest {

    private static final Cred ROOT = Cred.ROOT;
    private static final Cred OWNER = new Cred(1000, 1000, new int[0]);
    private static final Cred MEMBER = new Cred(2000, 2000, new int[] {50});
    private static final Cred OTHER = new Cred(3000, 3000, new int[0]);
    private static final Cred PRIMARY_MEMBER = new Cred(4000, 50, new int[0]);

    /** A file of OWNER in group 50. */
    private static Attrs file(int mode) {
        return new Attrs(FileType.REGULAR, mode, 1, 1000, 50, 0, 0, 0, 7, 0, 0, 0, 0, 1);
    }

    private static Attrs dir(int mode) {
        return new Attrs(FileType.DIRECTORY, mode, 2, 1000, 50, 0, 0, 0, 8, 0, 0, 0, 0, 1);
    }

    private record AccessCase(String what, Cred cred, Attrs attrs, int access, boolean allowed) {
    }

    @Test
    public void accessFollowsOwnerThenGroupThenOtherBitsAndRootBypassesAllButExecute() {
        List<AccessCase> cases = List.of(
                new AccessCase("owner reads rw-", OWNER, file(0600), READ, true),
                new AccessCase("owner writes rw-", OWNER, file(0600), WRITE, true),
                new AccessCase("owner executes rw-", OWNER, file(0600), EXECUTE, false),
                new AccessCase("owner reads and writes rw-", OWNER, file(0600), READ | WRITE, true),
                new AccessCase("owner reads r--", OWNER, file(0400), READ | WRITE, false),
                new AccessCase("owner bits win over wider group bits", OWNER, file(0070), READ, false),
                new AccessCase("owner bits win over wider other bits", OWNER, file(0007), READ, false),
                new AccessCase("supplementary group member reads r", MEMBER, file(0640), READ, true),
                new AccessCase("supplementary group member writes r", MEMBER, file(0640), WRITE, false),
                new AccessCase("primary group member writes rw", PRIMARY_MEMBER, file(0660), WRITE, true),
                new AccessCase("group bits win over wider other bits", MEMBER, file(0607), READ, false),
                new AccessCase("other reads r", OTHER, file(0604), READ, true),
                new AccessCase("other writes r", OTHER, file(0604), WRITE, false),
                new AccessCase("other reads nothing", OTHER, file(0660), READ, false),
                new AccessCase("other executes x", OTHER, file(0001), EXECUTE, true),
                new AccessCase("root reads 000", ROOT, file(0000), READ, true),
                new AccessCase("root writes 000", ROOT, file(0000), WRITE, true),
                new AccessCase("root reads and writes 000", ROOT, file(0000), READ | WRITE, true),
                new AccessCase("root executes a file without x", ROOT, file(0644), EXECUTE, false),
                new AccessCase("root executes a file with owner x", ROOT, file(0100), EXECUTE, true),
                new AccessCase("root executes a file with other x only", ROOT, file(0001), EXECUTE, true),
                new AccessCase("root searches a 000 directory", ROOT, dir(0000), EXECUTE, true),
                new AccessCase("owner searches a 600 directory", OWNER, dir(0600), EXECUTE, false),
                new AccessCase("owner writes and searches 700", OWNER, dir(0700), WRITE | EXECUTE, true),
                new AccessCase("other writes and searches 755", OTHER, dir(0755), WRITE | EXECUTE, false),
                new AccessCase("other writes and searches 1777", OTHER, dir(01777), WRITE | EXECUTE, true),
                new AccessCase("nothing asked is allowed", OTHER, file(0000), 0, true));
        for (AccessCase c : cases) {
            assertEquals(c.what, c.allowed, PosixPermissions.allows(c.cred, c.attrs, c.access));
        }
    }

    @Test
    public void requireFailsAccesAndRequireDirectoryFailsNotdirFirst() {
        assertError(VfsError.ACCES, () -> PosixPermissions.require(OTHER, file(0600), READ));
        assertError(VfsError.NOTDIR, () -> PosixPermissions.requireDirectory(ROOT, file(0777), EXECUTE));
        assertError(VfsError.ACCES, () -> PosixPermissions.requireDirectory(OTHER, dir(0700), EXECUTE));
        PosixPermissions.requireDirectory(OWNER, dir(0700), READ | WRITE | EXECUTE);
    }

    private record StickyCase(String what, Cred cred, Attrs dir, int entryOwner, boolean allowed) {
    }

    @Test
    public void inAStickyDirectoryOnlyOwnersAndRootMayDelete() {
        Attrs sticky = dir(01777);
        List<StickyCase> cases = List.of(
                new StickyCase("the entry's owner", OTHER, sticky, 3000, true),
                new StickyCase("the directory's owner", OWNER, sticky, 3000, true),
                new StickyCase("root", ROOT, sticky, 3000, true),
                new StickyCase("someone else", MEMBER, sticky, 3000, false),
                new StickyCase("someone else without sticky", MEMBER, dir(0777), 3000, true));
        for (StickyCase c : cases) {
            Attrs entry = new Attrs(FileType.REGULAR, 0644, 1, c.entryOwner, 0, 0, 0, 0, 9, 0, 0, 0, 0, 1);
            try {
                PosixPermissions.requireMayDelete(c.cred, c.dir, entry);
                assertEquals(c.what, true, c.allowed);
            } catch (VfsException e) {
                assertEquals(c.what, false, c.allowed);
                assertEquals(c.what, VfsError.PERM, e.error());
            }
        }
    }

    private record SetattrCase(String what, Cred cred, Attrs current, SetAttrs set, VfsError error) {
    }

    @Test
    public void setattrChecksOwnershipForModeOwnerGroupAndTimesAndWriteAccessForSize() {
        TimeSpec explicit = TimeSpec.of(123);
        List<SetattrCase> cases = List.of(
                new SetattrCase("owner chmod", OWNER, file(0644), SetAttrs.mode(0600), null),
                new SetattrCase("root chmod", ROOT, file(0644), SetAttrs.mode(0600), null),
                new SetattrCase("group member chmod", MEMBER, file(0666), SetAttrs.mode(0600), VfsError.PERM),
                new SetattrCase("other chmod", OTHER, file(0666), SetAttrs.mode(0600), VfsError.PERM),
                new SetattrCase("root chown", ROOT, file(0644), SetAttrs.NONE.withOwner(5, null), null),
                new SetattrCase("owner chown away", OWNER, file(0644), SetAttrs.NONE.withOwner(5, null), VfsError.PERM),
                new SetattrCase("owner chown to itself", OWNER, file(0644), SetAttrs.NONE.withOwner(1000, null), null),
                new SetattrCase("other chown to the owner", OTHER, file(0644), SetAttrs.NONE.withOwner(1000, null), VfsError.PERM),
                new SetattrCase("owner chgrp to its group", OWNER, file(0644), SetAttrs.NONE.withOwner(null, 1000), null),
                new SetattrCase("owner chgrp to the same group", OWNER, file(0644), SetAttrs.NONE.withOwner(null, 50), null),
                new SetattrCase("owner chgrp to a foreign group", OWNER, file(0644), SetAttrs.NONE.withOwner(null, 77), VfsError.PERM),
                new SetattrCase("member chgrp", MEMBER, file(0666), SetAttrs.NONE.withOwner(null, 50), VfsError.PERM),
                new SetattrCase("root chgrp", ROOT, file(0644), SetAttrs.NONE.withOwner(null, 77), null),
                new SetattrCase("truncate with write access", MEMBER, file(0660), SetAttrs.NONE.withSize(0), null),
                new SetattrCase("truncate without write access", MEMBER, file(0640), SetAttrs.NONE.withSize(0), VfsError.ACCES),
                new SetattrCase("owner truncates r--", OWNER, file(0444), SetAttrs.NONE.withSize(0), VfsError.ACCES),
                new SetattrCase("root truncates 000", ROOT, file(0000), SetAttrs.NONE.withSize(0), null),
                new SetattrCase("owner sets explicit times", OWNER, file(0444), SetAttrs.NONE.withTimes(explicit, explicit), null),
                new SetattrCase("writer sets explicit times", MEMBER, file(0666), SetAttrs.NONE.withTimes(explicit, null), VfsError.PERM),
                new SetattrCase("writer touches with server time", MEMBER, file(0666),
                        SetAttrs.NONE.withTimes(TimeSpec.SERVER_TIME, TimeSpec.SERVER_TIME), null),
                new SetattrCase("reader touches with server time", MEMBER, file(0644),
                        SetAttrs.NONE.withTimes(null, TimeSpec.SERVER_TIME), VfsError.ACCES),
                new SetattrCase("owner touches r-- with server time", OWNER, file(0444),
                        SetAttrs.NONE.withTimes(TimeSpec.SERVER_TIME, null), null),
                new SetattrCase("root sets explicit times", ROOT, file(0000), SetAttrs.NONE.withTimes(explicit, explicit), null),
                new SetattrCase("other sets birthtime", MEMBER, file(0666), SetAttrs.NONE.withBirthtime(5), VfsError.PERM),
                new SetattrCase("owner sets birthtime", OWNER, file(0600), SetAttrs.NONE.withBirthtime(5), null));
        for (SetattrCase c : cases) {
            try {
                PosixPermissions.authorizeSetattr(c.cred, c.current, c.set);
                assertEquals(c.what + " should have failed", c.error, null);
            } catch (VfsException e) {
                assertEquals(c.what, c.error, e.error());
            }
        }
    }

    @Test
    public void setgidIsClearedWhenTheCallerIsOutsideTheFilesGroup() {
        Cred ownerOutsideGroup = OWNER;
        assertEquals(Integer.valueOf(0755), PosixPermissions.authorizeSetattr(ownerOutsideGroup, file(0644),
                SetAttrs.mode(02755)).mode());
        Cred ownerInGroup = new Cred(1000, 1000, new int[] {50});
        assertEquals(Integer.valueOf(02755), PosixPermissions.authorizeSetattr(ownerInGroup, file(0644),
                SetAttrs.mode(02755)).mode());
        assertEquals(Integer.valueOf(02755), PosixPermissions.authorizeSetattr(ROOT, file(0644),
                SetAttrs.mode(02755)).mode());
        assertEquals(Integer.valueOf(02755), PosixPermissions.authorizeSetattr(ownerOutsideGroup, dir(0755),
                SetAttrs.mode(02755)).mode());
        // The group that counts is the new one when the same call changes it.
        assertEquals(Integer.valueOf(02755), PosixPermissions.authorizeSetattr(ownerOutsideGroup, file(0644),
                SetAttrs.mode(02755).withOwner(null, 1000)).mode());
        SetAttrs unchanged = SetAttrs.mode(04755);
        assertSame(unchanged, PosixPermissions.authorizeSetattr(ownerOutsideGroup, file(0644), unchanged));
    }

    private static void assertError(VfsError expected, Runnable check) {
        try {
            check.run();
            fail("expected " + expected);
        } catch (VfsException e) {
            assertEquals(expected, e.error());
        }
    }
}
