package io.manticore.shell.internal.command;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.manticore.api.admin.MountAdmin;
import io.manticore.api.admin.MountInfo;
import io.manticore.api.lease.LeaseInfo;
import io.manticore.api.lease.LeaseManager;
import io.manticore.api.lease.LockInfo;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.ShareInfo;
import io.manticore.api.vfs.FileHandle;

/**
 * {@code nas:locks}: the byte-range locks held, the requests waiting for one, the share
 * reservations and the caching leases, over every protocol.
 */
@Component(immediate = true, service = LocksCommand.class,
        property = {"osgi.command.scope=nas", "osgi.command.function=locks"})
public final class LocksCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LeaseManager leaseManager;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MountAdmin mountAdmin;

    public LocksCommand() {
    }

    /** For tests: the command over {@code leaseManager}, naming mounts from {@code mountAdmin}, without OSGi. */
    LocksCommand(LeaseManager leaseManager, MountAdmin mountAdmin) {
        this.leaseManager = leaseManager;
        this.mountAdmin = mountAdmin;
    }

    @Descriptor("lists byte-range locks, held and waiting, share reservations and leases: mount:handle, protocol, client, owner, range, type")
    public Rows<LockInfo> locks() {
        LeaseManager leases = CoreServices.require(leaseManager);
        List<LockInfo> locks = leases.locks();
        Map<String, String> mountNames = mountNamesById();
        Table table = new Table().text("FILE").text("PROTOCOL").text("CLIENT").text("OWNER").text("RANGE")
                .text("TYPE").text("STATE");
        for (LockInfo l : locks) {
            LockOwner owner = l.owner();
            table.row(file(l.file(), mountNames), owner.protocol(), owner.clientId(), Cells.hex(owner.id()), l.range(),
                    l.exclusive() ? "write" : "read", l.waiting() ? "waiting" : "held");
        }
        for (ShareInfo share : leases.shares()) {
            LockOwner owner = share.owner();
            table.row(file(share.file(), mountNames), owner.protocol(), owner.clientId(), Cells.hex(owner.id()), "whole file",
                    "share " + share.mode(), "held");
        }
        for (LeaseInfo lease : leases.leases()) {
            LockOwner key = lease.key();
            table.row(file(lease.file(), mountNames), key.protocol(), key.clientId(), Cells.hex(key.id()), "whole file",
                    "lease " + lease.state(), lease.breakingTo() == null ? "held" : "breaking to " + lease.breakingTo());
        }
        table.print();
        return new Rows<>(locks);
    }

    private Map<String, String> mountNamesById() {
        MountAdmin admin = mountAdmin;
        Map<String, String> names = new HashMap<>();
        if (admin != null) {
            for (MountInfo m : admin.mounts()) {
                names.put(m.mountId(), m.name());
            }
        }
        return names;
    }

    /** {@code <mount name>:<fragment hex>}; a mount no longer in the table shows its id instead of its name. */
    private static String file(FileHandle file, Map<String, String> mountNames) {
        String mountId = file.mountId().toString();
        return mountNames.getOrDefault(mountId, mountId) + ":" + Cells.hex(file.fragment());
    }
}
