/** Shared runtime services: timers. */
@Export
@Version("0.2.0")
package io.manticore.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
