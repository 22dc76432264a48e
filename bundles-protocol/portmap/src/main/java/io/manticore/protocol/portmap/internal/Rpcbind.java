package io.manticore.protocol.portmap.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The binder's table (RFC 1833): Manticore's own programs, read live from the directory, then
 * what other local servers registered. A registration never shadows a program version that a
 * Manticore protocol declares, and only a loopback caller changes the table. Shared by every
 * connection.
 */
final class Rpcbind {

    private static final Logger LOG = LoggerFactory.getLogger(Rpcbind.class);

    private final RpcProgramDirectory own;
    private final Registrations registered;
    private final Clock clock;

    Rpcbind(RpcProgramDirectory own, Registrations registered, Clock clock) {
        this.own = own;
        this.registered = registered;
        this.clock = clock;
    }

    /** Every mapping: Manticore's first, then the registered ones in the order they came. */
    List<Mapping> mappings() {
        List<Mapping> all = new ArrayList<>(own.mappings());
        for (Mapping m : registered.all()) {
            if (!own.declares(m.program(), m.version())) {
                all.add(m);
            }
        }
        return all;
    }

    /** The first mapping of exactly this program version on {@code netid}, or null. */
    Mapping find(int program, int version, Netid netid) {
        for (Mapping m : mappings()) {
            if (m.is(program, version) && m.netid() == netid) {
                return m;
            }
        }
        return null;
    }

    /**
     * The mapping GETPORT and GETADDR answer with (RFC 1833 2.2.1, 3.2 speak of the program): this
     * version on {@code netid}, else another version of the program there, whose server then
     * tells the caller which versions it serves (PROG_MISMATCH); null when the program is not
     * on {@code netid}.
     */
    Mapping findProgram(int program, int version, Netid netid) {
        Mapping otherVersion = null;
        for (Mapping m : mappings()) {
            if (m.program() != program || m.netid() != netid) {
                continue;
            }
            if (m.version() == version) {
                return m;
            }
            if (otherVersion == null) {
                otherVersion = m;
            }
        }
        return otherVersion;
    }

    /** The mappings of exactly this program version, on every netid. */
    List<Mapping> find(int program, int version) {
        List<Mapping> found = new ArrayList<>();
        for (Mapping m : mappings()) {
            if (m.is(program, version)) {
                found.add(m);
            }
        }
        return found;
    }

    /** SET: false unless the caller is local, the program version is not Manticore's, and the table takes it. */
    boolean set(Caller caller, Mapping mapping) {
        if (!caller.fromLoopback() || own.declares(mapping.program(), mapping.version())) {
            return false;
        }
        boolean added = registered.add(mapping);
        if (added) {
            LOG.debug("Registered {}", mapping);
        }
        return added;
    }

    /** UNSET of this program version on {@code netid}, or on every netid when null: false unless the caller is local and a mapping went. */
    boolean unset(Caller caller, int program, int version, Netid netid) {
        if (!caller.fromLoopback()) {
            return false;
        }
        boolean removed = registered.remove(program, version, n -> netid == null || n == netid);
        if (removed) {
            LOG.debug("Unregistered program {} version {} on {}", Integer.toUnsignedString(program),
                    Integer.toUnsignedString(version), netid == null ? "every netid" : netid.wireName());
        }
        return removed;
    }

    /** GETTIME (RFC 1833 2.2.1): seconds since the epoch. */
    long time() {
        return clock.instant().getEpochSecond();
    }
}
