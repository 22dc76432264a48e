package io.manticore.vfs.linux.internal;

import static org.junit.Assert.assertEquals;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.MountId;
import io.manticore.vfs.linux.internal.sys.Errno;
import io.manticore.vfs.linux.internal.sys.Flags;
import io.manticore.vfs.linux.internal.sys.Libc;

/** The bounded cache of descriptors behind the handles. */
public class HandlesTest {

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private Path folder;
    private Handles handles;

    @Before
    public void openFolder() throws Exception {
        folder = tmp.newFolder("served").toPath();
        for (String name : new String[] {"a", "b", "c"}) {
            Files.write(folder.resolve(name), name.getBytes());
        }
        try (Arena arena = Arena.ofConfined()) {
            int mountFd = Errno.check(Libc.openat(Flags.AT_FDCWD, arena.allocateFrom(folder.toString()),
                    Flags.O_RDONLY | Flags.directory() | Flags.O_CLOEXEC, 0), "open");
            handles = new Handles(MountId.forName("t"), mountFd, 2);
        }
    }

    @After
    public void close() {
        handles.close();
    }

    private FileHandle handle(String name) {
        return handles.handleOf(handles.mountFd(), name);
    }

    @Test
    public void theCacheKeepsNoMoreThanItsBound() {
        for (String name : new String[] {"a", "b", "c", "a", "c"}) {
            try (Handles.Ref ref = handles.acquire(handle(name))) {
                assertEquals(1, LinuxFs.stat(ref.fd()).size());
            }
        }
        assertEquals(2, handles.cached());
    }

    @Test
    public void aDescriptorInUseIsNeverClosedByTheBoundOrAnEviction() {
        FileHandle a = handle("a");
        try (Handles.Ref held = handles.acquire(a)) {
            handles.acquire(handle("b")).close();
            handles.acquire(handle("c")).close();
            assertEquals("the least recently used free one went, not the held one", 2, handles.cached());
            handles.evict(a);
            assertEquals(1, handles.cached());
            assertEquals(1, LinuxFs.stat(held.fd()).size());
        }
    }

    @Test
    public void aLookedUpDescriptorIsOfferedToTheCache() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            int fd = Errno.check(Libc.openat(handles.mountFd(), arena.allocateFrom("b"), Flags.O_PATH | Flags.O_CLOEXEC, 0), "open");
            FileHandle b = handle("b");
            handles.offer(b, fd);
            assertEquals(1, handles.cached());
            try (Handles.Ref ref = handles.acquire(b)) {
                assertEquals(fd, ref.fd());
            }
        }
    }
}
