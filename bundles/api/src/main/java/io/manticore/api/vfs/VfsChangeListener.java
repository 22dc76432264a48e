package io.manticore.api.vfs;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: core calls every registered listener after each completed mutation,
 * on the thread that completed it. Listeners must return quickly and never block.
 */
@ConsumerType
public interface VfsChangeListener {

    void changed(VfsChange change);
}
