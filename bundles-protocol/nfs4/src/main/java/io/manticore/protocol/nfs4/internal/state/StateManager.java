package io.manticore.protocol.nfs4.internal.state;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import io.manticore.api.lease.LeaseManager;
import io.manticore.api.lease.LockInfo;
import io.manticore.api.lease.LockRange;
import io.manticore.api.lease.LockResult;
import io.manticore.api.lease.ShareMode;
import io.manticore.api.lease.ShareResult;
import io.manticore.api.vfs.FileHandle;
import io.manticore.protocol.nfs4.internal.Nfs4Settings;
import io.manticore.protocol.nfs4.internal.fh.CurrentFh;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every client's NFSv4 state: client records, leases, sessions, open- and lock-owners, opens and
 * lock stateids. One lock guards it all, held only for map updates, never across I/O. Share
 * reservations and byte-range locks are kept in core's lease manager, so that other protocols'
 * opens and locks (SMB, NLM) and this bundle's see each other.
 *
 * <p>Client ids carry the server instance's epoch in their high 32 bits, so an id (or a stateid,
 * which carries its client id) from an earlier instance is told apart as stale.
 */
public final class StateManager {

    static final String PROTOCOL = "nfs4";
    /** How many expired client ids are remembered, so their use answers EXPIRED rather than STALE. */
    private static final int EXPIRED_REMEMBERED = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(StateManager.class);

    private final LeaseManager leases;
    private final Nfs4Settings settings;
    private final LongSupplier nanoClock;
    private final int epoch;
    private final SecureRandom random = new SecureRandom();
    private int nextClient = 1;
    private final Map<Long, NfsClient> confirmed = new HashMap<>();
    private final Map<Long, NfsClient> unconfirmed = new HashMap<>();
    private final Map<OwnerKey, NfsClient> confirmedByOwner = new HashMap<>();
    private final Map<OwnerKey, NfsClient> unconfirmedByOwner = new HashMap<>();
    private final Map<OwnerKey, Session> sessions = new HashMap<>();
    private final Map<Long, Boolean> expired = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > EXPIRED_REMEMBERED;
        }
    };

    /** {@code epoch}: the server instance's number (its start in seconds), in every client id it gives. */
    public StateManager(LeaseManager leases, Nfs4Settings settings, LongSupplier nanoClock, int epoch) {
        this.leases = leases;
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.epoch = epoch;
    }

    public Nfs4Settings settings() {
        return settings;
    }

    // --- NFSv4.0 client ids (RFC 7530 16.33, 16.34, 16.30)

    /** What SETCLIENTID gives: the client id and the verifier SETCLIENTID_CONFIRM must echo. */
    public record ClientIdGrant(long clientId, long confirmVerifier) {
    }

    /**
     * SETCLIENTID (RFC 7530 16.33.5): records an unconfirmed client, keeping the id of a
     * confirmed one with the same verifier and principal (a callback update), giving a new id
     * otherwise. CLID_INUSE, with the holder's callback address, when a confirmed record of
     * another principal still holds state.
     */
    public synchronized ClientIdGrant setClientId(byte[] owner, long verifier, String principal, String callbackNetid,
                                                  String callbackAddress) {
        OwnerKey key = new OwnerKey(owner);
        NfsClient current = confirmedByOwner.get(key);
        if (current != null && !current.principal().equals(principal)) {
            if (current.holdsState() && !leaseExpired(current)) {
                throw new ClientInUse(current.callbackNetid, current.callbackAddress);
            }
            destroy(current);
            current = null;
        }
        NfsClient pending = unconfirmedByOwner.get(key);
        if (pending != null) {
            forgetUnconfirmed(pending);
        }
        boolean update = current != null && current.verifier() == verifier;
        long id = update ? current.id() : newClientId();
        NfsClient fresh = new NfsClient(id, owner, verifier, principal, 0, now());
        fresh.confirmVerifier = randomNonZero();
        fresh.callbackNetid = callbackNetid;
        fresh.callbackAddress = callbackAddress;
        unconfirmed.put(id, fresh);
        unconfirmedByOwner.put(key, fresh);
        return new ClientIdGrant(id, fresh.confirmVerifier);
    }

    /**
     * SETCLIENTID_CONFIRM (RFC 7530 16.34.4): confirms the unconfirmed record with this id and
     * verifier, replacing an earlier confirmed record of the same client (whose state goes when
     * the id changed: a client restart); a repeat of a confirmation already done succeeds.
     */
    public synchronized void confirmClientId(long clientId, long confirmVerifier, String principal) {
        NfsClient pending = unconfirmed.get(clientId);
        if (pending != null && pending.confirmVerifier == confirmVerifier) {
            requirePrincipal(pending, principal);
            forgetUnconfirmed(pending);
            NfsClient previous = confirmedByOwner.get(pending.ownerKey());
            if (previous != null && previous.id() == clientId) {
                previous.confirmVerifier = confirmVerifier;
                previous.callbackNetid = pending.callbackNetid;
                previous.callbackAddress = pending.callbackAddress;
                previous.renewedNanos = now();
                return;
            }
            if (previous != null) {
                destroy(previous);
            }
            pending.confirmed = true;
            pending.renewedNanos = now();
            confirmed.put(clientId, pending);
            confirmedByOwner.put(pending.ownerKey(), pending);
            return;
        }
        NfsClient done = confirmed.get(clientId);
        if (done != null && done.confirmVerifier == confirmVerifier) {
            requirePrincipal(done, principal);
            done.renewedNanos = now();
            return;
        }
        throw new Nfs4Exception(Nfs4Status.STALE_CLIENTID, "no client " + Long.toHexString(clientId) + " to confirm");
    }

    /** RENEW (RFC 7530 16.30), and the implicit renewal of every operation naming a client id: the confirmed client. */
    public synchronized NfsClient renew(long clientId) {
        NfsClient client = confirmed.get(clientId);
        if (client == null) {
            throw unknownClient(clientId);
        }
        client.renewedNanos = now();
        return client;
    }

    // --- NFSv4.1 client ids and sessions (RFC 8881 18.35, 18.36, 18.37, 18.50)

    /** What EXCHANGE_ID gives: the client id, the sequence id of its next CREATE_SESSION, and whether it is confirmed. */
    public record Exchange(long clientId, int sequenceId, boolean confirmed) {
    }

    /**
     * EXCHANGE_ID (RFC 8881 18.35.5): the confirmed record of the same owner, verifier and
     * principal as it is; otherwise a new unconfirmed record that CREATE_SESSION confirms.
     */
    public synchronized Exchange exchangeId(byte[] owner, long verifier, String principal, boolean update,
                                            int minorVersion) {
        OwnerKey key = new OwnerKey(owner);
        NfsClient current = confirmedByOwner.get(key);
        if (update) {
            if (current == null) {
                throw new Nfs4Exception(Nfs4Status.NOENT, "no confirmed client to update");
            }
            if (!current.principal().equals(principal)) {
                throw new Nfs4Exception(Nfs4Status.PERM, "update by another principal");
            }
            if (current.verifier() != verifier) {
                throw new Nfs4Exception(Nfs4Status.NOT_SAME, "update with another verifier");
            }
            return new Exchange(current.id(), current.createSessionSeq, true);
        }
        if (current != null && current.principal().equals(principal) && current.verifier() == verifier) {
            return new Exchange(current.id(), current.createSessionSeq, true);
        }
        if (current != null && !current.principal().equals(principal)) {
            if (current.holdsState() && !leaseExpired(current)) {
                throw new Nfs4Exception(Nfs4Status.CLID_INUSE, "client owner in use by another principal");
            }
            destroy(current);
        }
        NfsClient pending = unconfirmedByOwner.get(key);
        if (pending != null) {
            forgetUnconfirmed(pending);
        }
        NfsClient fresh = new NfsClient(newClientId(), owner, verifier, principal, minorVersion, now());
        unconfirmed.put(fresh.id(), fresh);
        unconfirmedByOwner.put(key, fresh);
        return new Exchange(fresh.id(), fresh.createSessionSeq, false);
    }

    /** What CREATE_SESSION decides: a new session, or the result of the previous one for a retry. */
    public sealed interface SessionGrant permits NewSession, RepeatedSession {
    }

    public record NewSession(Session session, int sequence) implements SessionGrant {
    }

    public record RepeatedSession(OpResult result) implements SessionGrant {
    }

    /**
     * CREATE_SESSION (RFC 8881 18.36.4): checks the client's create-session sequence id (the
     * previous one is a retry, answered with its result), confirms an unconfirmed client
     * (dropping an earlier record of the same owner and its state) and makes a session.
     */
    public synchronized SessionGrant createSession(long clientId, int sequence, String principal, ChannelAttrs fore,
                                                   ChannelAttrs back) {
        NfsClient client = unconfirmed.get(clientId);
        if (client == null) {
            client = confirmed.get(clientId);
        }
        if (client == null) {
            throw unknownClient(clientId);
        }
        requirePrincipal(client, principal);
        if (sequence == client.createSessionSeq - 1 && client.lastCreateSession != null) {
            return new RepeatedSession(client.lastCreateSession);
        }
        if (sequence != client.createSessionSeq) {
            throw new Nfs4Exception(Nfs4Status.SEQ_MISORDERED, "create session sequence " + Integer.toUnsignedString(sequence)
                    + ", expected " + Integer.toUnsignedString(client.createSessionSeq));
        }
        if (client.sessions.size() >= settings.maxSessionsPerClient()) {
            throw new Nfs4Exception(Nfs4Status.NOSPC, "client holds " + client.sessions.size() + " sessions");
        }
        if (!client.confirmed) {
            forgetUnconfirmed(client);
            NfsClient previous = confirmedByOwner.get(client.ownerKey());
            if (previous != null) {
                destroy(previous);
            }
            client.confirmed = true;
            confirmed.put(clientId, client);
            confirmedByOwner.put(client.ownerKey(), client);
        }
        byte[] id = new byte[Session.ID_BYTES];
        random.nextBytes(id);
        for (int i = 0; i < 8; i++) {
            id[i] = (byte) (clientId >>> (56 - 8 * i));
        }
        Session session = new Session(id, client, fore, back);
        client.sessions.add(session);
        sessions.put(new OwnerKey(id), session);
        client.renewedNanos = now();
        int granted = client.createSessionSeq;
        client.createSessionSeq++;
        return new NewSession(session, granted);
    }

    /** Keeps a CREATE_SESSION's result for a retry of it. */
    public synchronized void createSessionAnswered(NfsClient client, OpResult result) {
        client.lastCreateSession = result;
    }

    /** The session {@code id}: BADSESSION when there is none. */
    public synchronized Session session(byte[] id) {
        Session session = sessions.get(new OwnerKey(id));
        if (session == null) {
            throw new Nfs4Exception(Nfs4Status.BADSESSION, "no session " + HexFormat.of().formatHex(id));
        }
        return session;
    }

    /** DESTROY_SESSION (RFC 8881 18.37). */
    public synchronized void destroySession(byte[] id) {
        Session session = sessions.remove(new OwnerKey(id));
        if (session == null) {
            throw new Nfs4Exception(Nfs4Status.BADSESSION, "no session " + HexFormat.of().formatHex(id));
        }
        session.client().sessions.remove(session);
    }

    /** DESTROY_CLIENTID (RFC 8881 18.50.3): CLIENTID_BUSY while it has sessions. */
    public synchronized void destroyClientId(long clientId) {
        NfsClient client = confirmed.get(clientId);
        if (client == null) {
            client = unconfirmed.get(clientId);
        }
        if (client == null) {
            throw new Nfs4Exception(Nfs4Status.STALE_CLIENTID, "no client " + Long.toHexString(clientId));
        }
        if (!client.sessions.isEmpty()) {
            throw new Nfs4Exception(Nfs4Status.CLIENTID_BUSY, "client has " + client.sessions.size() + " sessions");
        }
        destroy(client);
    }

    /** RECLAIM_COMPLETE (RFC 8881 18.51.3) for the whole client: COMPLETE_ALREADY the second time. */
    public synchronized void reclaimComplete(NfsClient client) {
        if (client.reclaimComplete) {
            throw new Nfs4Exception(Nfs4Status.COMPLETE_ALREADY, "reclaim already complete");
        }
        client.reclaimComplete = true;
    }

    /** What SEQUENCE found in its slot. */
    public sealed interface SlotUse permits NewRequest, Retry {
    }

    /** A new request: run it. */
    public record NewRequest() implements SlotUse {
    }

    /** A retry of the slot's last request: its whole reply, or null when it was not kept. */
    public record Retry(byte[] reply) implements SlotUse {
    }

    /**
     * SEQUENCE's slot rules (RFC 8881 2.10.6.1, 18.46.3): BADSLOT past the table, the next
     * sequence id is a new request (the slot is then busy until {@link #slotDone}), the same one
     * a retry (DELAY while it still runs), anything else SEQ_MISORDERED. Renews the lease.
     */
    public synchronized SlotUse useSlot(Session session, int slotId, int sequence) {
        if (slotId < 0 || slotId >= session.slots.length) {
            throw new Nfs4Exception(Nfs4Status.BADSLOT, "slot " + Integer.toUnsignedString(slotId) + " of "
                    + session.slots.length);
        }
        Slot slot = session.slots[slotId];
        session.client().renewedNanos = now();
        if (sequence == slot.seqid + 1) {
            if (slot.inUse) {
                throw new Nfs4Exception(Nfs4Status.DELAY, "slot " + slotId + " is busy");
            }
            slot.seqid = sequence;
            slot.inUse = true;
            slot.reply = null;
            return new NewRequest();
        }
        if (sequence == slot.seqid) {
            if (slot.inUse) {
                throw new Nfs4Exception(Nfs4Status.DELAY, "slot " + slotId + " is still running its request");
            }
            return new Retry(slot.reply);
        }
        throw new Nfs4Exception(Nfs4Status.SEQ_MISORDERED, "slot " + slotId + " sequence " + Integer.toUnsignedString(sequence)
                + " after " + Integer.toUnsignedString(slot.seqid));
    }

    /** Frees a slot after its request, keeping {@code reply} (null: not kept) for a retry. */
    public synchronized void slotDone(Session session, int slotId, byte[] reply) {
        Slot slot = session.slots[slotId];
        slot.inUse = false;
        slot.reply = reply;
    }

    // --- open-owners and opens (RFC 7530 9.1.5-9.1.7, 16.16)

    /** The open-owner {@code owner} of {@code client}, made when it is new. RESOURCE past the client's bound. */
    public synchronized OpenOwner openOwner(NfsClient client, byte[] owner, int minorVersion) {
        OwnerKey key = new OwnerKey(owner);
        OpenOwner found = client.owners.get(key);
        if (found != null) {
            return found;
        }
        if (client.owners.size() >= settings.maxOwnersPerClient()) {
            client.owners.values().removeIf(o -> {
                boolean idle = o.opens.isEmpty() && !o.busy;
                if (idle && o.lastClosed != null) {
                    client.states.remove(o.lastClosed.index());
                }
                return idle;
            });
            if (client.owners.size() >= settings.maxOwnersPerClient()) {
                throw new Nfs4Exception(resource(minorVersion), "client has " + client.owners.size() + " open-owners");
            }
        }
        // RFC 8881 9.1.5: NFSv4.1 has no OPEN_CONFIRM, so its owners start confirmed.
        OpenOwner created = new OpenOwner(client, owner, minorVersion > 0);
        client.owners.put(key, created);
        return created;
    }

    /** The last reply of an open-owner, for a retransmitted seqid-bearing operation. */
    public record Replay(OpResult result, CurrentFh fh) {
    }

    /**
     * Checks an NFSv4.0 seqid (RFC 7530 9.1.7): the next one starts the operation (the owner is
     * busy until {@link #endSeqid}) and returns null; the last one is a retransmission, answered
     * with the reply kept; anything else BAD_SEQID. An owner that never had a seqid takes any.
     */
    public synchronized Replay beginSeqid(SeqidOwner owner, int seqid) {
        if (owner.busy) {
            throw new Nfs4Exception(Nfs4Status.DELAY, "open-owner is busy");
        }
        if (owner.sequenced && seqid == owner.seqid) {
            if (owner.lastResult == null) {
                throw new Nfs4Exception(Nfs4Status.BAD_SEQID, "seqid " + seqid + " repeated with no reply kept");
            }
            return new Replay(owner.lastResult, owner.lastFh);
        }
        if (owner.sequenced && seqid != owner.seqid + 1) {
            throw new Nfs4Exception(Nfs4Status.BAD_SEQID, "seqid " + Integer.toUnsignedString(seqid) + " after "
                    + Integer.toUnsignedString(owner.seqid));
        }
        owner.busy = true;
        return null;
    }

    /**
     * Ends an operation begun by {@link #beginSeqid}. The seqid advances, and the reply is kept,
     * unless the status is one RFC 7530 9.1.7 exempts (the request never reached the owner).
     */
    public synchronized void endSeqid(SeqidOwner owner, int seqid, OpResult result, CurrentFh fh) {
        owner.busy = false;
        if (!advancesSeqid(result.status())) {
            return;
        }
        owner.sequenced = true;
        owner.seqid = seqid;
        owner.lastResult = result;
        owner.lastFh = fh;
    }

    /** RFC 7530 9.1.7: the errors after which the seqid does not advance. */
    static boolean advancesSeqid(int status) {
        return switch (status) {
            case Nfs4Status.STALE_CLIENTID, Nfs4Status.STALE_STATEID, Nfs4Status.BAD_STATEID, Nfs4Status.BAD_SEQID,
                 Nfs4Status.BADXDR, Nfs4Status.RESOURCE, Nfs4Status.NOFILEHANDLE, Nfs4Status.DELAY -> false;
            default -> true;
        };
    }

    /** An open made or widened, and whether it is new. */
    public record Opening(OpenState state, boolean fresh) {
    }

    /**
     * Opens {@code file} for {@code owner} with share access and deny bits, or widens the owner's
     * open of it (RFC 7530 16.16.5: the same stateid, its seqid advanced). The reservation is
     * taken in core's lease manager first: SHARE_DENIED when another owner's conflicts.
     */
    public synchronized Opening open(OpenOwner owner, ExportFh file, int access, int deny, int minorVersion) {
        NfsClient client = owner.client();
        OpenState existing = owner.opens.get(file.fh());
        if (existing == null && client.states.size() >= settings.maxOpensPerClient()) {
            throw new Nfs4Exception(resource(minorVersion), "client holds " + client.states.size() + " opens");
        }
        int newAccess = access | (existing == null ? 0 : existing.access);
        int newDeny = deny | (existing == null ? 0 : existing.deny);
        reserve(owner, file.fh(), newAccess, newDeny, minorVersion);
        if (existing != null) {
            existing.access = newAccess;
            existing.deny = newDeny;
            existing.seqid = nextSeqid(existing.seqid);
            return new Opening(existing, false);
        }
        OpenState state = new OpenState(client.nextIndex++, owner, file, newAccess, newDeny);
        owner.opens.put(file.fh(), state);
        client.states.put(state.index(), state);
        return new Opening(state, true);
    }

    /** The stateid of {@code state} as it is now. */
    public synchronized Stateid stateidOf(OpenState state) {
        return state.stateid();
    }

    /** Drops a new owner that got no open (its first OPEN failed), so it leaves no record. */
    public synchronized void forgetIfIdle(OpenOwner owner) {
        if (owner.opens.isEmpty() && !owner.busy && !owner.sequenced) {
            owner.client().owners.remove(owner.key());
        }
    }

    /** OPEN_CONFIRM (RFC 7530 16.18): the owner is confirmed and the stateid's seqid advances. */
    public synchronized Stateid confirmOpen(OpenState state) {
        if (state.owner().confirmed) {
            throw new Nfs4Exception(Nfs4Status.BAD_STATEID, "open-owner is already confirmed");
        }
        state.owner().confirmed = true;
        state.seqid = nextSeqid(state.seqid);
        return state.stateid();
    }

    /**
     * OPEN_DOWNGRADE (RFC 7530 16.19.4): keeps only {@code access} and {@code deny}, which must be
     * within what the open holds (INVAL otherwise); the stateid's seqid advances.
     */
    public synchronized Stateid downgrade(OpenState state, int access, int deny, int minorVersion) {
        if ((access & ~state.access) != 0 || (deny & ~state.deny) != 0 || access == 0) {
            throw new Nfs4Exception(Nfs4Status.INVAL, "downgrade to access " + access + " deny " + deny
                    + " from access " + state.access + " deny " + state.deny);
        }
        reserve(state.owner(), state.file().fh(), access, deny, minorVersion);
        state.access = access;
        state.deny = deny;
        state.seqid = nextSeqid(state.seqid);
        return state.stateid();
    }

    /** CLOSE: drops the open and its share reservation; returns the stateid with its seqid advanced. */
    public synchronized Stateid close(OpenState state) {
        List<LockState> locks = lockStatesOf(state);
        for (LockState lock : locks) {
            if (holdsLocks(lock)) {
                throw new Nfs4Exception(Nfs4Status.LOCKS_HELD, "locks are held under this open");
            }
        }
        locks.forEach(this::dropLock);
        state.seqid = nextSeqid(state.seqid);
        drop(state);
        return state.stateid();
    }

    /**
     * The open a stateid names for an operation on {@code file} (RFC 8881 8.2.2): STALE_STATEID
     * for an earlier server instance's, EXPIRED for an expired client's, BAD_STATEID when unknown
     * or for another file or an unconfirmed owner, OLD_STATEID for an outdated seqid (NFSv4.1's
     * seqid 0 means the current one). Renews the client's lease.
     */
    public synchronized OpenState openState(Stateid stateid, FileHandle file, int minorVersion) {
        if (!(usable(lookup(stateid, minorVersion), file) instanceof OpenState state)) {
            throw new Nfs4Exception(Nfs4Status.BAD_STATEID, "not an open stateid");
        }
        return state;
    }

    /** A state usable for an operation on {@code file}: BAD_STATEID for another file's or an unconfirmed owner's. */
    private static HeldState usable(HeldState state, FileHandle file) {
        if (!state.file().fh().equals(file)) {
            throw new Nfs4Exception(Nfs4Status.BAD_STATEID, "stateid of another file");
        }
        if (!state.open().owner().confirmed) {
            throw new Nfs4Exception(Nfs4Status.BAD_STATEID, "open-owner not confirmed");
        }
        return state;
    }

    /** As {@link #openState}, for OPEN_CONFIRM, which takes the stateid of an unconfirmed owner. */
    public synchronized OpenState unconfirmedOpenState(Stateid stateid, FileHandle file) {
        if (!(lookup(stateid, 0) instanceof OpenState state)) {
            throw new Nfs4Exception(Nfs4Status.BAD_STATEID, "not an open stateid");
        }
        if (!state.file().fh().equals(file)) {
            throw new Nfs4Exception(Nfs4Status.BAD_STATEID, "stateid of another file");
        }
        return state;
    }

    /**
     * Whether I/O under {@code stateid} may touch {@code file} (RFC 7530 9.1.4.3, 9.1.4.4): an
     * open of the file, WRITE only with write access (OPENMODE); the anonymous stateid (and the
     * bypass one for writes) only when no open of this bundle denies that access (LOCKED); the
     * bypass stateid reads regardless. Returns the client of the open, null for a special stateid.
     */
    public synchronized NfsClient checkIo(Stateid stateid, ExportFh file, boolean write, int minorVersion) {
        if (stateid.isBypass() && !write) {
            return null;
        }
        if (stateid.isAnonymous() || stateid.isBypass()) {
            int denied = write ? ShareMode.WRITE : ShareMode.READ;
            for (NfsClient client : confirmed.values()) {
                for (HeldState held : client.states.values()) {
                    if (held instanceof OpenState open && !open.closed && open.file().fh().equals(file.fh())
                            && (open.deny & denied) != 0) {
                        throw new Nfs4Exception(Nfs4Status.LOCKED, "an open denies " + (write ? "writes" : "reads"));
                    }
                }
            }
            return null;
        }
        OpenState state = usable(lookup(stateid, minorVersion), file.fh()).open();
        if (write && (state.access & ShareMode.WRITE) == 0) {
            throw new Nfs4Exception(Nfs4Status.OPENMODE, "open for reading only");
        }
        return state.owner().client();
    }

    /** TEST_STATEID (RFC 8881 18.48.3): the status of one stateid, which must be {@code client}'s. */
    public synchronized int test(Stateid stateid, NfsClient client) {
        if (stateid.isSpecial()) {
            return Nfs4Status.BAD_STATEID;
        }
        try {
            HeldState state = lookup(stateid, client.minorVersion());
            return state.open().owner().client() == client ? Nfs4Status.OK : Nfs4Status.BAD_STATEID;
        } catch (Nfs4Exception e) {
            return e.status();
        }
    }

    /** FREE_STATEID (RFC 8881 18.38.3): an open is freed by CLOSE, so a live one answers LOCKS_HELD. */
    public synchronized void free(Stateid stateid, NfsClient client) {
        int status = test(stateid, client);
        if (status != Nfs4Status.OK) {
            throw new Nfs4Exception(status, "stateid " + stateid);
        }
        if (lookup(stateid, client.minorVersion()) instanceof LockState lock && !holdsLocks(lock)) {
            dropLock(lock);
            return;
        }
        throw new Nfs4Exception(Nfs4Status.LOCKS_HELD, "stateid " + stateid + " still holds state");
    }

    // --- lock-owners and byte-range locks (RFC 7530 9.1.5, 16.10-16.12, 16.37)

    /** The lock-owner {@code owner} of {@code client}, made when it is new. RESOURCE past the client's bound. */
    public synchronized LockOwnerState lockOwner(NfsClient client, byte[] owner, int minorVersion) {
        OwnerKey key = new OwnerKey(owner);
        LockOwnerState found = client.lockOwners.get(key);
        if (found != null) {
            return found;
        }
        if (client.lockOwners.size() >= settings.maxOwnersPerClient()) {
            throw new Nfs4Exception(resource(minorVersion), "client has " + client.lockOwners.size() + " lock-owners");
        }
        LockOwnerState created = new LockOwnerState(client, owner);
        client.lockOwners.put(key, created);
        return created;
    }

    /**
     * The first seqid of a lock-owner that LOCK made under an open-owner's seqid (RFC 7530
     * 16.10.4, open_to_lock_owner4): from now on the lock-owner's own seqids follow it.
     */
    public synchronized void startLockSeqid(LockOwnerState owner, int seqid, OpResult result) {
        if (!owner.sequenced && advancesSeqid(result.status())) {
            owner.sequenced = true;
            owner.seqid = seqid;
            owner.lastResult = result;
        }
    }

    /** The lock stateid of {@code owner} on the file of {@code open}, made when it is new. */
    public synchronized LockState lockState(LockOwnerState owner, OpenState open, int minorVersion) {
        LockState existing = owner.locks.get(open.file().fh());
        if (existing != null) {
            return existing;
        }
        NfsClient client = owner.client();
        if (client.states.size() >= settings.maxOpensPerClient()) {
            throw new Nfs4Exception(resource(minorVersion), "client holds " + client.states.size() + " stateids");
        }
        LockState created = new LockState(client.nextIndex++, owner, open);
        owner.locks.put(open.file().fh(), created);
        client.states.put(created.index(), created);
        return created;
    }

    /** The lock stateid {@code stateid} names for {@code file}, as {@link #openState} checks it. */
    public synchronized LockState lockState(Stateid stateid, FileHandle file, int minorVersion) {
        if (!(usable(lookup(stateid, minorVersion), file) instanceof LockState state)) {
            throw new Nfs4Exception(Nfs4Status.BAD_STATEID, "not a lock stateid");
        }
        return state;
    }

    /** What LOCK got: the lock, with its stateid, or the held lock it conflicts with. */
    public sealed interface LockAnswer permits Locked, Conflict {
    }

    public record Locked(Stateid stateid) implements LockAnswer {
    }

    public record Conflict(LockInfo held) implements LockAnswer {
    }

    /**
     * Takes {@code range} for the lock-owner of {@code state} in core's lease manager, without
     * waiting (a client polls for a blocking lock); the stateid's seqid advances when granted.
     */
    public synchronized LockAnswer lock(LockState state, LockRange range, boolean exclusive, int minorVersion) {
        LockResult result = leases.lock(state.file().fh(), state.owner().leaseOwner(), range, exclusive, false);
        return switch (result.status()) {
            case GRANTED -> {
                state.seqid = nextSeqid(state.seqid);
                yield new Locked(state.stateid());
            }
            case NO_LOCKS -> throw new Nfs4Exception(resource(minorVersion), "no more locks for this client");
            default -> new Conflict(result.conflict());
        };
    }

    /** Releases {@code range} of the lock-owner of {@code state}; the stateid's seqid advances. */
    public synchronized Stateid unlock(LockState state, LockRange range, int minorVersion) {
        if (!leases.unlock(state.file().fh(), state.owner().leaseOwner(), range)) {
            throw new Nfs4Exception(resource(minorVersion), "the unlock would split past this client's bound");
        }
        state.seqid = nextSeqid(state.seqid);
        return state.stateid();
    }

    /** LOCKT: the held lock a lock by {@code owner} of {@code client} on {@code range} would conflict with. */
    public synchronized Optional<LockInfo> testLock(NfsClient client, byte[] owner, FileHandle file, LockRange range,
                                                    boolean exclusive) {
        LockOwnerState known = client.lockOwners.get(new OwnerKey(owner));
        LockOwnerState asking = known != null ? known : new LockOwnerState(client, owner);
        return leases.testLock(file, asking.leaseOwner(), range, exclusive);
    }

    /** RELEASE_LOCKOWNER (RFC 7530 16.37.4): forgets a lock-owner; LOCKS_HELD while it holds any lock. */
    public synchronized void releaseLockOwner(NfsClient client, byte[] owner) {
        LockOwnerState found = client.lockOwners.get(new OwnerKey(owner));
        if (found == null) {
            return;
        }
        for (LockState lock : found.locks.values()) {
            if (holdsLocks(lock)) {
                throw new Nfs4Exception(Nfs4Status.LOCKS_HELD, "the lock-owner holds locks");
            }
        }
        new ArrayList<>(found.locks.values()).forEach(this::dropLock);
        client.lockOwners.remove(found.key());
    }

    // --- leases

    /**
     * Expires the clients whose lease ran out: their opens and reservations are released, their
     * sessions destroyed, and their ids remembered so that their use answers EXPIRED. Unconfirmed
     * records older than a lease go silently. Returns how many confirmed clients expired.
     */
    public synchronized int expireLeases() {
        int count = 0;
        for (NfsClient client : new ArrayList<>(confirmed.values())) {
            if (leaseExpired(client)) {
                LOG.info("NFSv4 client {} ({}) expired", client.key(), client.ownerText());
                destroy(client);
                expired.put(client.id(), Boolean.TRUE);
                count++;
            }
        }
        for (NfsClient client : new ArrayList<>(unconfirmed.values())) {
            if (leaseExpired(client)) {
                forgetUnconfirmed(client);
            }
        }
        return count;
    }

    /** Releases every client's state, for a server that stops. */
    public synchronized void releaseAll() {
        for (NfsClient client : new ArrayList<>(confirmed.values())) {
            destroy(client);
        }
        unconfirmed.clear();
        unconfirmedByOwner.clear();
    }

    // --- the shell

    /** One client as the shell shows it. */
    public record ClientView(NfsClient client, int sessions, int opens, int owners) {
    }

    /** The confirmed clients, by id. */
    public synchronized List<ClientView> clients() {
        List<ClientView> views = new ArrayList<>();
        confirmed.values().stream().sorted((a, b) -> Long.compareUnsigned(a.id(), b.id())).forEach(c ->
                views.add(new ClientView(c, c.sessions.size(),
                        (int) c.states.values().stream().filter(h -> h instanceof OpenState o && !o.closed).count(),
                        c.owners.size())));
        return views;
    }

    // --- internals

    private HeldState lookup(Stateid stateid, int minorVersion) {
        HeldState state = find(stateid);
        if (state instanceof OpenState open && open.closed) {
            throw new Nfs4Exception(Nfs4Status.BAD_STATEID, "stateid of a closed open");
        }
        int seqid = stateid.seqid();
        int current = state.stateid().seqid();
        // RFC 8881 8.2.2: seqid 0 in NFSv4.1 means "the current one".
        if (!(seqid == 0 && minorVersion > 0)) {
            if (Integer.compareUnsigned(seqid, current) > 0) {
                throw new Nfs4Exception(Nfs4Status.BAD_STATEID, "stateid seqid from the future");
            }
            if (seqid != current) {
                throw new Nfs4Exception(Nfs4Status.OLD_STATEID, "stateid seqid " + Integer.toUnsignedString(seqid)
                        + ", now " + Integer.toUnsignedString(current));
            }
        }
        state.open().owner().client().renewedNanos = now();
        return state;
    }

    /**
     * The state a stateid names whatever its seqid, even an open just closed: a seqid-bearing
     * operation finds its owner this way, so that a retransmission is told by its owner seqid
     * (RFC 7530 9.1.7) before its stateid, which the first transmission made old, is checked.
     */
    public synchronized HeldState owning(Stateid stateid) {
        return find(stateid);
    }

    private HeldState find(Stateid stateid) {
        if (stateid.isSpecial()) {
            throw new Nfs4Exception(Nfs4Status.BAD_STATEID, "special stateid " + stateid + " names no state");
        }
        long clientId = stateid.clientId();
        if ((int) (clientId >>> 32) != epoch) {
            throw new Nfs4Exception(Nfs4Status.STALE_STATEID, "stateid of an earlier server instance");
        }
        NfsClient client = confirmed.get(clientId);
        if (client == null) {
            throw new Nfs4Exception(expired.containsKey(clientId) ? Nfs4Status.EXPIRED : Nfs4Status.BAD_STATEID,
                    "stateid of no client");
        }
        HeldState state = client.states.get(stateid.index());
        if (state == null) {
            throw new Nfs4Exception(Nfs4Status.BAD_STATEID, "no state " + stateid);
        }
        return state;
    }

    /** OPEN4_SHARE_ACCESS_* and OPEN4_SHARE_DENY_* are ShareMode's READ and WRITE bits. */
    private void reserve(OpenOwner owner, FileHandle file, int access, int deny, int minorVersion) {
        ShareResult result = leases.share(file, owner.leaseOwner(), new ShareMode(access, deny));
        switch (result.status()) {
            case GRANTED -> { }
            case DENIED -> throw new Nfs4Exception(Nfs4Status.SHARE_DENIED, "share reservation conflicts with "
                    + result.conflict().owner());
            default -> throw new Nfs4Exception(resource(minorVersion), "no more share reservations for this client");
        }
    }

    private List<LockState> lockStatesOf(OpenState open) {
        List<LockState> locks = new ArrayList<>();
        for (HeldState held : open.owner().client().states.values()) {
            if (held instanceof LockState lock && lock.open() == open) {
                locks.add(lock);
            }
        }
        return locks;
    }

    private boolean holdsLocks(LockState lock) {
        for (LockInfo info : leases.locks(lock.file().fh())) {
            if (info.owner().equals(lock.owner().leaseOwner())) {
                return true;
            }
        }
        return false;
    }

    private void dropLock(LockState lock) {
        lock.owner().locks.remove(lock.file().fh());
        lock.owner().client().states.remove(lock.index());
    }

    /**
     * Drops an open. An NFSv4.0 owner's last closed open stays findable (as closed) until its next
     * close, so that a retransmitted CLOSE finds its owner and gets its reply again.
     */
    private void drop(OpenState state) {
        OpenOwner owner = state.owner();
        owner.opens.remove(state.file().fh());
        leases.unshare(state.file().fh(), owner.leaseOwner());
        NfsClient client = owner.client();
        if (owner.lastClosed != null) {
            client.states.remove(owner.lastClosed.index());
            owner.lastClosed = null;
        }
        if (client.minorVersion() == 0) {
            state.closed = true;
            owner.lastClosed = state;
        } else {
            client.states.remove(state.index());
        }
    }

    private void destroy(NfsClient client) {
        confirmed.remove(client.id());
        confirmedByOwner.remove(client.ownerKey(), client);
        for (Session s : client.sessions) {
            sessions.remove(new OwnerKey(s.id()));
        }
        client.sessions.clear();
        client.states.clear();
        client.owners.clear();
        client.lockOwners.clear();
        leases.releaseClient(PROTOCOL, client.key());
    }

    private void forgetUnconfirmed(NfsClient client) {
        unconfirmed.remove(client.id(), client);
        unconfirmedByOwner.remove(client.ownerKey(), client);
    }

    private Nfs4Exception unknownClient(long clientId) {
        if ((int) (clientId >>> 32) == epoch && expired.containsKey(clientId)) {
            return new Nfs4Exception(Nfs4Status.EXPIRED, "client " + Long.toHexString(clientId) + " expired");
        }
        return new Nfs4Exception(Nfs4Status.STALE_CLIENTID, "no client " + Long.toHexString(clientId));
    }

    private static void requirePrincipal(NfsClient client, String principal) {
        if (!client.principal().equals(principal)) {
            throw new Nfs4Exception(Nfs4Status.CLID_INUSE, "client id used by another principal");
        }
    }

    private boolean leaseExpired(NfsClient client) {
        return now() - client.renewedNanos > settings.lease().toNanos();
    }

    private long newClientId() {
        if (confirmed.size() + unconfirmed.size() >= settings.maxClients()) {
            throw new Nfs4Exception(Nfs4Status.RESOURCE, "too many clients");
        }
        return (long) epoch << 32 | (nextClient++ & 0xffffffffL);
    }

    private long randomNonZero() {
        long value;
        do {
            value = random.nextLong();
        } while (value == 0);
        return value;
    }

    private long now() {
        return nanoClock.getAsLong();
    }

    /** RFC 8881 8.2.2: a stateid's seqid wraps from 0xffffffff to 1, never 0. */
    private static int nextSeqid(int seqid) {
        return seqid == -1 ? 1 : seqid + 1;
    }

    private static int resource(int minorVersion) {
        // RFC 8881 15.1.1.2: NFS4ERR_RESOURCE is not a 4.1 error; its sessions answer DELAY instead.
        return minorVersion == 0 ? Nfs4Status.RESOURCE : Nfs4Status.DELAY;
    }

    /** SETCLIENTID's CLID_INUSE, with the address of the client that holds the id (clientaddr4). */
    public static final class ClientInUse extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String netid;
        private final String address;

        ClientInUse(String netid, String address) {
            super("client id in use", null, false, false);
            this.netid = netid;
            this.address = address;
        }

        public String netid() {
            return netid;
        }

        public String address() {
            return address;
        }
    }

    @Override
    public String toString() {
        return "StateManager[epoch=" + epoch + ", clients=" + confirmed.size() + "]";
    }

    /** The server instance's epoch, as client ids carry it. */
    public int epoch() {
        return epoch;
    }
}
