package io.manticore.itest.rpc;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A blocking ONC RPC client over TCP (RFC 5531): builds CALL messages, frames them with record
 * marking (section 11), and reads one reply per call. Each connection starts its xids at a
 * random value, as real clients do, so that calls of two connections are never taken for
 * retransmissions of each other.
 */
public final class RpcClient implements Closeable {

    public static final int CALL = 0;
    public static final int RPC_VERSION = 2;
    public static final int LAST_FRAGMENT = 0x8000_0000;
    private static final int TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int nextXid = ThreadLocalRandom.current().nextInt();
    private byte[] lastCall;

    public RpcClient(int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        in = new DataInputStream(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /** Calls {@code procedure} and returns its reply, whose xid must match. */
    public RpcReply call(int program, int version, int procedure, Auth auth, byte[] args) throws IOException {
        return call(nextXid++, program, version, procedure, auth, args);
    }

    public RpcReply call(int xid, int program, int version, int procedure, Auth auth, byte[] args) throws IOException {
        byte[] message = callMessage(xid, program, version, procedure, auth, args);
        sendRecord(message);
        lastCall = message;
        return expectReply(xid);
    }

    /** Sends the previous call again, same xid and bytes (a retransmission), and returns its reply. */
    public RpcReply retransmitLast() throws IOException {
        if (lastCall == null) {
            throw new IllegalStateException("no call made yet");
        }
        sendRecord(lastCall);
        return expectReply(new XdrReader(lastCall).readInt());
    }

    /** The bytes of the last call made, without record marking. */
    public byte[] lastCall() {
        return lastCall.clone();
    }

    /** A CALL message (RFC 5531 9) with an AUTH_NONE verifier. */
    public static byte[] callMessage(int xid, int program, int version, int procedure, Auth auth, byte[] args) {
        XdrWriter w = new XdrWriter()
                .writeInt(xid)
                .writeInt(CALL)
                .writeInt(RPC_VERSION)
                .writeInt(program)
                .writeInt(version)
                .writeInt(procedure);
        auth.write(w);
        Auth.NONE.write(w);
        w.writeRaw(args);
        return w.toByteArray();
    }

    public int nextXid() {
        return nextXid++;
    }

    /** Sends {@code message} as one record of one fragment. */
    public void sendRecord(byte[] message) throws IOException {
        writeFragment(message, 0, message.length, true);
        out.flush();
    }

    /** Sends {@code message} as one record split in {@code fragments} fragments of about equal size. */
    public void sendRecordInFragments(byte[] message, int fragments) throws IOException {
        int size = Math.max(1, (message.length + fragments - 1) / fragments);
        for (int off = 0; off < message.length; off += size) {
            int n = Math.min(size, message.length - off);
            writeFragment(message, off, n, off + n == message.length);
        }
        out.flush();
    }

    /** Sends {@code bytes} as they are: for hand-made record marks. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one record, reassembling its fragments. */
    public byte[] readRecord() throws IOException {
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        boolean last;
        do {
            int mark = in.readInt();
            last = (mark & LAST_FRAGMENT) != 0;
            int length = mark & ~LAST_FRAGMENT;
            byte[] fragment = new byte[length];
            in.readFully(fragment);
            record.writeBytes(fragment);
        } while (!last);
        return record.toByteArray();
    }

    /** Reads the next reply, which must carry {@code xid}. */
    public RpcReply expectReply(int xid) throws IOException {
        RpcReply reply = RpcReply.parse(readRecord());
        if (reply.xid() != xid) {
            throw new AssertionError("reply to xid " + Integer.toUnsignedString(reply.xid()) + " where xid "
                    + Integer.toUnsignedString(xid) + " was expected");
        }
        return reply;
    }

    /**
     * Whether the server closes the connection within {@code timeoutMillis}: true on end of
     * stream or a reset, false if the connection is still open then. Bytes received meanwhile
     * fail the test.
     */
    public boolean closedByPeerWithin(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            int b = in.read();
            if (b != -1) {
                throw new AssertionError("the server sent data where it should have closed the connection");
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException | EOFException e) {
            return true;
        } finally {
            socket.setSoTimeout(TIMEOUT_MS);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void writeFragment(byte[] message, int offset, int length, boolean last) throws IOException {
        int mark = length | (last ? LAST_FRAGMENT : 0);
        out.write(new byte[] {(byte) (mark >>> 24), (byte) (mark >>> 16), (byte) (mark >>> 8), (byte) mark});
        out.write(message, offset, length);
    }
}
