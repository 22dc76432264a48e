package io.manticore.protocol.smb.internal.command;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.api.config.ShareConfig;
import io.manticore.api.vfs.FileHandle;
import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.session.Access;
import io.manticore.protocol.smb.internal.session.Session;
import io.manticore.protocol.smb.internal.session.TreeConnect;
import io.manticore.protocol.smb.internal.wire.Message;
import io.manticore.protocol.smb.internal.wire.NtStatus;
import io.netty.buffer.ByteBuf;

/** TREE_CONNECT (MS-SMB2 3.3.5.7): a configured share, found ignoring case, or IPC$ for the named pipes. */
public final class TreeConnectCommand implements SmbCommand {

    private static final Logger LOG = LoggerFactory.getLogger(TreeConnectCommand.class);
    private static final int STRUCTURE_SIZE = 9;
    private static final int SHARE_TYPE_DISK = 0x01;
    private static final int SHARE_TYPE_PIPE = 0x02;
    private static final int SHAREFLAG_ENCRYPT_DATA = 0x00008000;
    private static final int MAX_PATH_BYTES = 1024;
    public static final String IPC = "IPC$";

    @Override
    public Needs needs() {
        return Needs.SESSION;
    }

    @Override
    public CompletionStage<Reply> handle(Exchange exchange) {
        Message request = exchange.message();
        request.expectStructure(STRUCTURE_SIZE);
        int length = request.u16(6);
        if (length > MAX_PATH_BYTES) {
            throw new SmbStatusException(NtStatus.BAD_NETWORK_NAME, "share path of " + length + " bytes");
        }
        String path = request.utf16(request.u16(4), length);
        String name = shareName(path);
        Session session = exchange.session();
        if (name.equalsIgnoreCase(IPC)) {
            return CompletableFuture.completedFuture(connected(exchange, session, IPC, null, false, false));
        }
        Map.Entry<String, ShareConfig> share = find(exchange, name);
        if (share == null) {
            LOG.debug("SMB tree connect from {} to unknown share {}", exchange.connection().remote(), name);
            throw new SmbStatusException(NtStatus.BAD_NETWORK_NAME, "no share " + name);
        }
        return exchange.server().vfs().resolve(session.cred(), share.getValue().path()).handle((found, failure) -> {
            if (failure != null || !found.attrs().isDirectory()) {
                LOG.warn("SMB share {} unavailable: {} is not a reachable folder", share.getKey(), share.getValue().path());
                throw new SmbStatusException(NtStatus.BAD_NETWORK_NAME, "share folder unavailable");
            }
            return connected(exchange, session, share.getKey(), found.fh(), share.getValue().readOnly(),
                    share.getValue().encrypt());
        });
    }

    private static Reply connected(Exchange exchange, Session session, String share, FileHandle root, boolean readOnly,
                                   boolean shareEncrypts) {
        if (shareEncrypts && session.transformer() == null) {
            // MS-SMB2 3.3.5.7: an encrypted share refuses a connection that cannot encrypt (RejectUnencryptedAccess).
            LOG.warn("SMB share {} refused to {}: it requires encryption, which the connection did not negotiate", share,
                    exchange.connection().remote());
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "share " + share + " requires encryption");
        }
        int maximal = readOnly ? Access.READ_ONLY_MAXIMAL : Access.FULL;
        TreeConnect tree = session.connect(id -> new TreeConnect(id, share, root, readOnly,
                session.encrypt() || shareEncrypts, maximal, new AtomicLong()));
        if (tree == null) {
            throw new SmbStatusException(NtStatus.INSUFFICIENT_RESOURCES, "too many tree connects");
        }
        exchange.tree(tree);
        ByteBuf body = exchange.alloc().buffer(16);
        body.writeShortLE(16);
        body.writeByte(root == null ? SHARE_TYPE_PIPE : SHARE_TYPE_DISK);
        body.writeByte(0);
        body.writeIntLE(tree.encrypt() ? SHAREFLAG_ENCRYPT_DATA : 0);
        body.writeIntLE(0);
        body.writeIntLE(maximal);
        return Reply.ok(body);
    }

    /** The share of {@code \\server\share}; the name alone is accepted too. */
    private static String shareName(String path) {
        String trimmed = path.startsWith("\\\\") ? path.substring(2) : path;
        int slash = trimmed.indexOf('\\');
        return slash < 0 ? trimmed : trimmed.substring(slash + 1);
    }

    private static Map.Entry<String, ShareConfig> find(Exchange exchange, String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, ShareConfig> share : exchange.server().config().current().shares().entrySet()) {
            if (share.getKey().toLowerCase(Locale.ROOT).equals(wanted)) {
                return share;
            }
        }
        return null;
    }
}
