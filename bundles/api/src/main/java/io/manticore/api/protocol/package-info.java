/** Protocols: set up a channel's pipeline for the listener that accepted it. */
@Export
@Version("0.1.0")
package io.manticore.api.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
