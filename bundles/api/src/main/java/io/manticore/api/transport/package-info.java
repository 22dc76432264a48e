/** Transports: bind listeners and hand each accepted channel to a protocol. */
@Export
@Version("0.1.0")
package io.manticore.api.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
