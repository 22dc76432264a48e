/** Who is asking: the credential every VFS call carries. */
@Export
@Version("0.2.0")
package io.manticore.api.cred;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
