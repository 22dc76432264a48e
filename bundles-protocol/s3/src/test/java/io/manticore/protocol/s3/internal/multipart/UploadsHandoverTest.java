package io.manticore.protocol.s3.internal.multipart;

import static io.manticore.core.internal.vfs.TestVfs.await;
import static io.manticore.core.internal.vfs.TestVfs.failure;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.core.internal.vfs.TestVfs;
import io.manticore.protocol.s3.internal.meta.ObjectMeta;
import io.manticore.testkit.LeakCheck;

public class UploadsHandoverTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static final Cred ALICE = new Cred(1000, 1000, new int[] {7});

    private final TestVfs fx = new TestVfs();

    @After
    public void close() {
        fx.close();
    }

    private FileHandle unlinked() {
        return await(fx.vfs().createUnlinked(Cred.ROOT, fx.vfs().root(TestVfs.MOUNT), SetAttrs.mode(0600))).fh();
    }

    @Test
    public void uploadsHandedOverComeBackWithTheirMetadataAndTheSameParts() {
        Uploads old = new Uploads(fx.vfs());
        ObjectMeta meta = new ObjectMeta(Map.of("content-type", "text/plain"), Map.of("color", "blue"), null, Map.of(), 0, -1);
        Upload upload = old.start("mem", "a/b", "alice", ALICE, meta, 42);
        FileHandle part1 = unlinked();
        FileHandle part2 = unlinked();
        upload.parts().put(1, new Part(1, part1, 5_242_880, "e1", new byte[] {1, 2}, 7));
        upload.parts().put(2, new Part(2, part2, 11, "e2", new byte[] {3}, 8));
        old.start("other", "k", "bob", Cred.ROOT, ObjectMeta.NONE, 43);

        List<Upload> handedOver = old.handOver();
        assertEquals(List.of(), old.of("mem", "alice"));
        Uploads next = new Uploads(fx.vfs());
        next.adopt(UploadsHandover.restore(UploadsHandover.export(handedOver)));

        Upload back = next.get(upload.id(), "mem", "a/b", "alice");
        assertEquals(ALICE, back.cred());
        assertEquals(meta, back.meta());
        assertEquals(42, back.initiatedNanos());
        assertEquals(List.of(1, 2), List.copyOf(back.parts().keySet()));
        Part p1 = back.parts().get(1);
        assertEquals(part1, p1.file());
        assertEquals(5_242_880, p1.size());
        assertEquals("e1", p1.etag());
        assertArrayEquals(new byte[] {1, 2}, p1.md5());
        assertEquals(7, p1.lastModifiedNanos());
        assertEquals(1, next.of("other", "bob").size());

        next.remove(back);
        assertEquals("the parts' files are freed", VfsError.STALE,
                ((VfsException) failure(fx.vfs().discardUnlinked(Cred.ROOT, part1))).error());
    }

    @Test
    public void uploadsNoOneTakesHaveTheirPartsFreed() {
        Uploads old = new Uploads(fx.vfs());
        Upload upload = old.start("mem", "k", "alice", ALICE, ObjectMeta.NONE, 1);
        FileHandle part = unlinked();
        upload.parts().put(1, new Part(1, part, 1, "e", new byte[0], 1));
        Uploads.discardAll(fx.vfs(), old.handOver());
        assertEquals("freed", VfsError.STALE, ((VfsException) failure(fx.vfs().discardUnlinked(Cred.ROOT, part))).error());
    }

    @Test
    public void aStateOfAnotherFormatIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> UploadsHandover.restore(Map.of("format", 2, "uploads", List.of())));
        assertThrows(IllegalArgumentException.class, () -> UploadsHandover.restore("not a map"));
        assertThrows(IllegalArgumentException.class, () -> UploadsHandover.restore(Map.of("format", 1,
                "uploads", List.of(Map.of("id", 5)))));
    }
}
