package io.manticore.api.admin;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: a protocol bundle's sessions, which {@code nas:sessions} lists and
 * {@code nas:shares} counts connections from.
 */
@ConsumerType
public interface SessionSource {

    /** The sessions the protocol has now. */
    List<SessionInfo> sessions();
}
