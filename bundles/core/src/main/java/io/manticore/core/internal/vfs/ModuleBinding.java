package io.manticore.core.internal.vfs;

import io.manticore.api.vfs.VfsModule;

/** A VFS module service present now, with the bundle that registered it. */
record ModuleBinding(VfsModule module, String name, String bundle, String version) {
}
