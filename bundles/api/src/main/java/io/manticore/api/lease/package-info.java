/**
 * The lease manager: byte-range locks, share reservations and caching leases (NFSv4
 * delegations, SMB leases and oplocks) held by the clients of every protocol on a
 * {@link io.manticore.api.vfs.FileHandle}, through one {@link io.manticore.api.lease.LeaseManager}
 * service implemented by core.
 */
@Export
@Version("0.2.0")
package io.manticore.api.lease;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
