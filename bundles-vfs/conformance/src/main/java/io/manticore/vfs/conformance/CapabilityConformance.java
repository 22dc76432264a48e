package io.manticore.vfs.conformance;

import static io.manticore.vfs.conformance.Stages.assertFails;
import static io.manticore.vfs.conformance.Stages.join;
import static org.junit.Assert.assertEquals;

import java.util.EnumSet;
import java.util.Set;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.XattrMode;
import org.junit.Test;

/** What the backend declares, and what it answers for the optional operations it does not declare. */
public class CapabilityConformance extends ConformanceCase {

    public CapabilityConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    public void theMountDeclaresExactlyTheExpectedCapabilities() {
        assertEquals(asEnumSet(backend.capabilities()), asEnumSet(mount.capabilities()));
    }

    @Test
    public void theRootIsADirectoryThatIsItsOwnParent() {
        assertEquals(FileType.DIRECTORY, fs.attrs(root).type());
        assertEquals(root, join(mount.getParent(cred, root, AttrMask.ALL)).fh());
    }

    @Test
    public void withoutXattrEveryXattrCallFailsNotsupp() {
        requiresNo(Capability.XATTR);
        FileHandle file = fs.createFile(root, "f");
        assertFails(VfsError.NOTSUPP, mount.setXattr(cred, file, "user.a", new byte[] {1}, XattrMode.EITHER));
        assertFails(VfsError.NOTSUPP, mount.getXattr(cred, file, "user.a"));
        assertFails(VfsError.NOTSUPP, mount.listXattrs(cred, file));
        assertFails(VfsError.NOTSUPP, mount.removeXattr(cred, file, "user.a"));
    }

    @Test
    public void withoutCloneCloneRangeFailsNotsupp() {
        requiresNo(Capability.CLONE);
        FileHandle src = fs.createFile(root, "src", new byte[65536]);
        FileHandle dst = fs.createFile(root, "dst");
        assertFails(VfsError.NOTSUPP, mount.cloneRange(cred, src, 0, dst, 0, 65536));
    }

    private static EnumSet<Capability> asEnumSet(Set<Capability> capabilities) {
        return capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities);
    }
}
