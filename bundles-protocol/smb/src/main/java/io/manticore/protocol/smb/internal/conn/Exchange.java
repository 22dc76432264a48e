package io.manticore.protocol.smb.internal.conn;

import java.util.function.Consumer;

import io.manticore.protocol.smb.internal.SmbServer;
import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.session.FileId;
import io.manticore.protocol.smb.internal.session.Open;
import io.manticore.protocol.smb.internal.session.Session;
import io.manticore.protocol.smb.internal.session.TreeConnect;
import io.manticore.protocol.smb.internal.wire.Message;
import io.manticore.protocol.smb.internal.wire.NtStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One request on its way through a command: the message, the session and tree it runs in, the
 * file of the previous request of a related compound, and what the command sets for the response
 * header (a new session or tree id, the file a related request uses next).
 */
public final class Exchange {

    private final SmbConnection connection;
    private final Message message;
    private final boolean encrypted;
    private final FileId relatedFile;
    private Session session;
    private TreeConnect tree;
    private FileId file;
    private boolean signResponse;
    private Consumer<ByteBuf> responseHook;

    public Exchange(SmbConnection connection, Message message, boolean encrypted, Session session, TreeConnect tree,
                    FileId relatedFile) {
        this.connection = connection;
        this.message = message;
        this.encrypted = encrypted;
        this.session = session;
        this.tree = tree;
        this.relatedFile = relatedFile;
    }

    public SmbConnection connection() {
        return connection;
    }

    public SmbServer server() {
        return connection.server();
    }

    public Message message() {
        return message;
    }

    public ByteBufAllocator alloc() {
        return connection.channel().alloc();
    }

    public boolean encrypted() {
        return encrypted;
    }

    /** The request's session; null for NEGOTIATE and the first leg of SESSION_SETUP. */
    public Session session() {
        return session;
    }

    /** Sets the session the response names (SESSION_SETUP's new session). */
    public void session(Session newSession) {
        session = newSession;
    }

    public TreeConnect tree() {
        return tree;
    }

    /** Sets the tree the response names (TREE_CONNECT's new tree). */
    public void tree(TreeConnect newTree) {
        tree = newTree;
    }

    /**
     * The open a request's FileId names: the previous request's file when the id is the related
     * sentinel in a related compound (MS-SMB2 3.3.5.2.7.2).
     *
     * @throws SmbStatusException FILE_CLOSED when there is no such open
     */
    public Open open(FileId id) {
        FileId wanted = id.isRelated() && relatedFile != null ? relatedFile : id;
        Open open = session == null ? null : session.open(wanted);
        if (open == null || tree == null || open.tree() != tree) {
            throw new SmbStatusException(NtStatus.FILE_CLOSED, "no open " + wanted);
        }
        file = open.id();
        return open;
    }

    /** The file later requests of a related compound use. */
    public FileId file() {
        return file;
    }

    public void file(FileId opened) {
        file = opened;
    }

    /** True when the response must be signed whatever the request was (the final SESSION_SETUP). */
    public boolean signResponse() {
        return signResponse;
    }

    public void signResponse(boolean sign) {
        signResponse = sign;
    }

    /** Called with the encoded response message, before it is sent (the pre-authentication hash). */
    public Consumer<ByteBuf> responseHook() {
        return responseHook;
    }

    public void responseHook(Consumer<ByteBuf> hook) {
        responseHook = hook;
    }
}
