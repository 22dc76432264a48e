package io.manticore.core.internal.vfs;

import java.util.concurrent.CopyOnWriteArrayList;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.VfsChange;
import io.manticore.api.vfs.VfsChangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells every {@link VfsChangeListener} of each completed mutation (DESIGN.md section 5). */
final class ChangePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ChangePublisher.class);

    private final CopyOnWriteArrayList<VfsChangeListener> listeners = new CopyOnWriteArrayList<>();

    void add(VfsChangeListener listener) {
        listeners.add(listener);
    }

    void remove(VfsChangeListener listener) {
        listeners.remove(listener);
    }

    /** A change to the entry {@code name} of {@code dir}, which names {@code fh} (null when unknown). */
    void entry(FileHandle dir, String name, FileHandle fh, VfsChange.Kind kind) {
        publish(new VfsChange(dir.mountId(), dir, name, fh, kind));
    }

    /** A change to the data or attributes of {@code fh}. */
    void file(FileHandle fh, VfsChange.Kind kind) {
        publish(new VfsChange(fh.mountId(), null, null, fh, kind));
    }

    private void publish(VfsChange change) {
        for (VfsChangeListener listener : listeners) {
            try {
                listener.changed(change);
            } catch (RuntimeException e) {
                LOG.error("Change listener {} failed on {}", listener, change, e);
            }
        }
    }
}
