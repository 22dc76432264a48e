/** What the shell and tests read of the running server and steer in it. */
@Export
@Version("0.2.0")
package io.manticore.api.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
