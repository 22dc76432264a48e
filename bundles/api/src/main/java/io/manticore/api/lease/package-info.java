/**
 * The lease manager: byte-range locks and share reservations held by the clients of every
 * protocol on a {@link io.manticore.api.vfs.FileHandle}, through one
 * {@link io.manticore.api.lease.LeaseManager} service implemented by core. Caching leases
 * (delegations, SMB leases and oplocks) will join it in a later version of this package.
 */
@Export
@Version("0.2.0")
package io.manticore.api.lease;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
