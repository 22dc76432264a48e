package io.manticore.api.vfs;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A file a backend holds open. Only the backend that returned it may be given it back;
 * core keeps these in its open-file cache and closes them when idle.
 */
@ConsumerType
public interface OpenFile {

    FileHandle handle();
}
