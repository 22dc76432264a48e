/**
 * The lease manager: byte-range locks held by the clients of every protocol on a
 * {@link io.manticore.api.vfs.FileHandle}, through one {@link io.manticore.api.lease.LeaseManager}
 * service implemented by core. Share reservations and caching leases (delegations, SMB leases
 * and oplocks) will join it in later versions of this package.
 */
@Export
@Version("0.1.0")
package io.manticore.api.lease;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
