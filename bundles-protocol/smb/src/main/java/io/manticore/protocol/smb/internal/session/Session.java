package io.manticore.protocol.smb.internal.session;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.manticore.api.cred.Cred;
import io.manticore.protocol.smb.internal.auth.SpnegoAcceptor;
import io.manticore.protocol.smb.internal.crypto.PreauthHash;
import io.manticore.protocol.smb.internal.crypto.Signer;
import io.manticore.protocol.smb.internal.crypto.Transformer;

/**
 * An SMB session (MS-SMB2 3.3.1.8): in progress while SESSION_SETUP legs run, then valid with a
 * user, the identity its requests run as, its keys, its tree connects and its opens.
 */
public final class Session {

    /** The most tree connects and opens one session may hold: bounds what a client can grow. */
    public static final int MAX_TREES = 1024;
    public static final int MAX_OPENS = 16384;

    private final long id;
    private final Map<Integer, TreeConnect> trees = new ConcurrentHashMap<>();
    private final Map<Long, Open> opens = new ConcurrentHashMap<>();
    private final AtomicInteger nextTreeId = new AtomicInteger(1);
    private final AtomicLong nextVolatileId = new AtomicLong(1);
    private final long createdNanos = System.nanoTime();
    private volatile SpnegoAcceptor acceptor;
    private volatile PreauthHash preauth;
    private volatile Identity identity;
    private volatile Signer signer;
    private volatile Transformer transformer;
    private volatile boolean signingRequired;
    private volatile boolean encrypt;

    public Session(long id) {
        this.id = id;
    }

    public long id() {
        return id;
    }

    /** The acceptor of the authentication in progress, or null when none is. */
    public SpnegoAcceptor acceptor() {
        return acceptor;
    }

    public void acceptor(SpnegoAcceptor newAcceptor) {
        acceptor = newAcceptor;
    }

    /** The session's 3.1.1 pre-authentication hash while it authenticates, or null. */
    public PreauthHash preauth() {
        return preauth;
    }

    public void preauth(PreauthHash hash) {
        preauth = hash;
    }

    /** Who the session is, null until the first authentication completes. */
    public Identity identity() {
        return identity;
    }

    public boolean isValid() {
        return identity != null;
    }

    public Cred cred() {
        return identity.cred();
    }

    /** Makes the session valid (or re-authenticates it) with its identity and keys. */
    public void established(Identity who, Signer newSigner, Transformer newTransformer, boolean signingNeeded,
                            boolean encryptAll) {
        identity = who;
        signer = newSigner;
        transformer = newTransformer;
        signingRequired = signingNeeded;
        encrypt = encryptAll;
        acceptor = null;
        preauth = null;
    }

    /** The signer of this session's messages, null for guest and anonymous sessions. */
    public Signer signer() {
        return signer;
    }

    /** The cipher of this session's messages, null when encryption was not negotiated. */
    public Transformer transformer() {
        return transformer;
    }

    public boolean signingRequired() {
        return signingRequired;
    }

    /** True when every message of the session must be encrypted (SMB2_SESSION_FLAG_ENCRYPT_DATA). */
    public boolean encrypt() {
        return encrypt;
    }

    public long ageNanos() {
        return System.nanoTime() - createdNanos;
    }

    /** Adds a tree connect with a fresh id; null when the session holds {@value #MAX_TREES} already. */
    public TreeConnect connect(java.util.function.IntFunction<TreeConnect> make) {
        if (trees.size() >= MAX_TREES) {
            return null;
        }
        TreeConnect tree = make.apply(nextTreeId.getAndIncrement());
        trees.put(tree.id(), tree);
        return tree;
    }

    public TreeConnect tree(int treeId) {
        return trees.get(treeId);
    }

    public TreeConnect disconnect(int treeId) {
        return trees.remove(treeId);
    }

    public Collection<TreeConnect> trees() {
        return trees.values();
    }

    /** A fresh file id for an open of this session. */
    public FileId nextFileId() {
        long v = nextVolatileId.getAndIncrement();
        return new FileId(v, v);
    }

    /** Registers {@code open}; false when the session holds {@value #MAX_OPENS} opens already. */
    public boolean add(Open open) {
        if (opens.size() >= MAX_OPENS) {
            return false;
        }
        opens.put(open.id().volatileId(), open);
        open.tree().opens().incrementAndGet();
        return true;
    }

    /** The open with {@code id}, or null when there is none or the persistent half does not match. */
    public Open open(FileId fileId) {
        Open open = opens.get(fileId.volatileId());
        return open != null && open.id().persistent() == fileId.persistent() ? open : null;
    }

    public Open remove(FileId fileId) {
        Open open = opens.remove(fileId.volatileId());
        if (open != null) {
            open.tree().opens().decrementAndGet();
        }
        return open;
    }

    public Collection<Open> opens() {
        return opens.values();
    }
}
