package io.manticore.protocol.smb.internal.session;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.Opened;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.core.internal.vfs.TestVfs;
import io.manticore.testkit.LeakCheck;

public class ResolverTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final TestVfs fs = new TestVfs();
    private final FoldedNames folded = new FoldedNames();
    private final Resolver resolver = new Resolver(fs.vfs(), true, folded);
    private final FileHandle dir = fs.mkdirs(Cred.ROOT, "/mem/d");

    @After
    public void tearDown() {
        fs.close();
    }

    @Test
    public void aNameIsFoundUnderAnotherCaseAndReportedUnderItsOwn() {
        fs.write(Cred.ROOT, "/mem/d/Report.TXT", new byte[3]);
        Resolver.Entry found = TestVfs.await(resolver.entry(Cred.ROOT, dir, "report.txt"));
        assertEquals("Report.TXT", found.name());
        assertEquals(3, found.lookup().attrs().size());
        assertNull(TestVfs.await(resolver.entry(Cred.ROOT, dir, "other.txt")));
    }

    @Test
    public void aFileAddedByAnotherProtocolAfterTheIndexWasMadeIsFound() {
        assertNull("indexes the folder", TestVfs.await(resolver.entry(Cred.ROOT, dir, "late.txt")));
        fs.write(Cred.ROOT, "/mem/d/LATE.txt", new byte[1]);
        assertEquals("LATE.txt", TestVfs.await(resolver.entry(Cred.ROOT, dir, "late.TXT")).name());
    }

    @Test
    public void theServersOwnCreationKeepsTheIndexAndIsFound() {
        assertNull(TestVfs.await(resolver.entry(Cred.ROOT, dir, "mine.txt")));
        long before = TestVfs.await(fs.vfs().getattr(Cred.ROOT, dir, AttrMask.ALL)).change();
        Opened made = TestVfs.await(fs.vfs().openAt(Cred.ROOT, dir, "Mine.txt", OpenFlags.create(CreateMode.CREATE_NEW),
                SetAttrs.mode(0644), AttrMask.ALL));
        folded.added(dir, made.dir(), "Mine.txt");
        long after = TestVfs.await(fs.vfs().getattr(Cred.ROOT, dir, AttrMask.ALL)).change();
        assertEquals("the index moved along with the folder", "Mine.txt", folded.find(dir, after, "MINE.TXT"));
        assertNull("and no longer holds the old counter", folded.find(dir, before, "MINE.TXT"));
        assertEquals("Mine.txt", TestVfs.await(resolver.entry(Cred.ROOT, dir, "mine.TXT")).name());
    }

    @Test
    public void namesFoldAsEqualsIgnoreCaseCompares() {
        assertEquals(FoldedNames.fold("Straße.TXT"), FoldedNames.fold("STRASSE.txt".replace("SS", "ß")));
        assertEquals(FoldedNames.fold("ÉTÉ"), FoldedNames.fold("été"));
    }
}
