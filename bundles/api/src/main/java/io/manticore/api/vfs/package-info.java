/** The asynchronous virtual file system: what core offers protocols ({@link io.manticore.api.vfs.Vfs}) and what a backend implements ({@link io.manticore.api.vfs.VfsModule}, {@link io.manticore.api.vfs.VfsMount}). */
@Export
@Version("0.1.0")
package io.manticore.api.vfs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
