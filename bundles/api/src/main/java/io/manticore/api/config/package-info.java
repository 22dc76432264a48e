/** The server's configuration as read from etc/manticore.json. */
@Export
@Version("0.3.0")
package io.manticore.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
