package io.manticore.core.internal.vfs;

import static io.manticore.core.internal.vfs.VfsFixture.ROOT;
import static io.manticore.core.internal.vfs.VfsFixture.bytes;
import static io.manticore.core.internal.vfs.VfsFixture.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import io.manticore.api.admin.ModuleInfo;
import io.manticore.api.config.S3Settings;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.VfsModule;
import io.manticore.core.internal.lease.CoreLeaseManager;
import io.manticore.core.internal.runtime.CoreScheduler;
import io.manticore.testkit.LeakCheck;
import io.manticore.vfs.memfs.internal.MemfsModule;
import io.netty.buffer.ByteBufUtil;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/** The DS component wired by hand as Declarative Services would: references in, services out. */
public class CoreVfsTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final CoreScheduler scheduler = new CoreScheduler();
    private final CoreLeaseManager leases = new CoreLeaseManager();
    private final CoreVfs component = new CoreVfs(scheduler, leases);

    @After
    public void deactivate() {
        component.deactivate();
        leases.close();
        scheduler.close();
    }

    @SuppressWarnings("unchecked")
    private static ServiceReference<VfsModule> referenceFrom(String bundleName, Version version) {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(CoreVfsTest.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> bundleName;
                    case "getVersion" -> version;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ServiceReference<VfsModule>) Proxy.newProxyInstance(CoreVfsTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getBundle" -> bundle;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    public void servesTheConfiguredMountsOfTheBoundModules() {
        MemfsModule memfs = new MemfsModule();
        component.bindModule(memfs, referenceFrom("io.manticore.vfs.memfs", new Version(1, 2, 3)));
        component.configApplied(new ServerConfig(VfsCore.DEFAULT_SETTINGS, List.of(),
                Map.of("mem", VfsFixture.memfs("memfs")), Map.of(), Map.of(), Map.of(), List.of(), List.of(), S3Settings.DEFAULTS, null));

        List<ModuleInfo> modules = component.modules();
        assertEquals(List.of(new ModuleInfo("memfs", "io.manticore.vfs.memfs", "1.2.3", memfs.capabilities(), 1)), modules);

        FileHandle root = component.root("mem");
        join(component.setattr(ROOT, root, SetAttrs.mode(0777), Guard.NONE));
        FileHandle fh = join(component.openAt(ROOT, root, "f", OpenFlags.create(CreateMode.CREATE_NEW), SetAttrs.NONE,
                AttrMask.ALL)).file().handle();
        join(component.write(ROOT, fh, 0, VfsFixture.buffer(bytes("via DS")), Stability.FILE_SYNC));
        assertEquals(root, join(component.resolve(ROOT, "/mem")).fh());

        component.unbindModule(memfs);
        assertEquals("SUSPENDED", component.mounts().get(0).state());
        component.bindModule(new MemfsModule(), referenceFrom("io.manticore.vfs.memfs", new Version(1, 2, 4)));
        ReadResult read = join(component.read(ROOT, fh, 0, 6));
        try {
            assertArrayEquals(bytes("via DS"), ByteBufUtil.getBytes(read.data()));
        } finally {
            read.data().release();
        }
        assertEquals("1.2.4", component.modules().get(0).version());
    }
}
