package io.manticore.protocol.nfs3.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import io.manticore.api.config.ConfigService;
import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.nfs3.internal.client.Clients;
import io.manticore.protocol.nfs3.internal.export.Exports;
import io.manticore.protocol.nfs3.internal.handle.HandleKey;
import io.manticore.protocol.nfs3.internal.handle.WireHandles;
import io.manticore.protocol.nfs3.internal.mount.MountProgram;
import io.manticore.protocol.nfs3.internal.nfs.Nfs3Program;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The NFSv3 service: registers the protocols "nfs3" (NFS program 100003 v3) and "mount"
 * (MOUNT 100005 v1–3), which share the export table, the handle key and the client records.
 */
@Component(immediate = true)
public final class Nfs3Component {

    private final List<ServiceRegistration<ProtocolHandler>> registrations = new ArrayList<>();
    private final List<RpcProtocol> protocols = new ArrayList<>();

    @Activate
    public Nfs3Component(BundleContext context, @Reference Vfs vfs, @Reference ConfigService config) {
        byte[] key;
        try {
            key = HandleKey.load(config.varDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the NFS handle key under " + config.varDirectory(), e);
        }
        NfsServer server = new NfsServer(vfs, new Exports(config), new WireHandles(key), new Clients());
        register(context, new RpcProtocol("nfs3", server, c -> List.of(new Nfs3Program(server, c))),
                Nfs3Program.PROGRAM + ":" + Nfs3Program.VERSION);
        register(context, new RpcProtocol("mount", server, c -> List.of(new MountProgram(server, c))),
                MountProgram.PROGRAM + ":1", MountProgram.PROGRAM + ":2", MountProgram.PROGRAM + ":3");
    }

    private void register(BundleContext context, RpcProtocol handler, String... programs) {
        protocols.add(handler);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ProtocolHandler.PROTOCOL_PROPERTY, handler.name());
        props.put(ProtocolHandler.RPC_PROGRAMS_PROPERTY, programs);
        registrations.add(context.registerService(ProtocolHandler.class, handler, props));
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<ProtocolHandler> r : registrations) {
            r.unregister();
        }
        registrations.clear();
        protocols.forEach(RpcProtocol::close);
    }
}
