package io.manticore.api.admin;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/** Whiteboard service: a protocol bundle's clients, which {@code nas:clients} lists beside other protocols'. */
@ConsumerType
public interface ClientSource {

    /** The clients the protocol knows now. */
    List<ClientInfo> clients();
}
