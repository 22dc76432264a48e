package io.manticore.itest.rpc;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The RPC services of an NLM client host, as a lock server calls them back over TCP, on one
 * loopback port: its portmapper (PMAP GETPORT, RFC 1833 3.2) answers that NLM version 4 and
 * NSM version 1 over TCP are on this same port; NLM4_GRANTED (XNFS NLM v4) is accepted with
 * nlm4_res LCK_GRANTED and SM_NOTIFY (XNFS NSM) with its void result. Every call is kept, in
 * order of arrival, for the test to check byte for byte.
 */
public final class FakeLockClientHost implements Closeable {

    /** A call received: its program, version, procedure, credential flavour and argument bytes. */
    public record Call(int program, int version, int procedure, int credentialFlavor, byte[] args) {

        public Call {
            args = args.clone();
        }

        @Override
        public byte[] args() {
            return args.clone();
        }

        @Override
        public String toString() {
            return "Call[" + program + " v" + version + " proc " + procedure + ", cred " + credentialFlavor + ", "
                    + args.length + " argument bytes]";
        }
    }

    private static final int PORTMAP = 100000;
    private static final int LAST_FRAGMENT = 0x8000_0000;
    private static final int MAX_RECORD = 64 * 1024;

    private final ServerSocket server;
    private final LinkedBlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    /** Listens on 127.0.0.1:{@code port} at once. */
    public FakeLockClientHost(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread acceptor = new Thread(this::acceptLoop, "fake-lock-client-host-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The next call received, waiting at most {@code millis}; null when none came. */
    public Call nextCall(long millis) throws InterruptedException {
        return calls.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** What went wrong serving calls (a malformed call, an I/O error): empty when all went well. */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.add(socket);
                Thread reader = new Thread(() -> serve(socket), "fake-lock-client-host-connection");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    failures.add(e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                byte[] record = readRecord(in);
                if (record == null) {
                    return;
                }
                byte[] reply = answer(record);
                out.write(new XdrWriter().writeInt(LAST_FRAGMENT | reply.length).writeRaw(reply).toByteArray());
                out.flush();
            }
        } catch (SocketException e) {
            if (!server.isClosed()) {
                failures.add(e);
            }
        } catch (IOException | RuntimeException | AssertionError e) {
            failures.add(e);
        }
    }

    /** Decodes a CALL (RFC 5531 9), keeps it, and builds its reply. */
    private byte[] answer(byte[] record) {
        XdrReader in = new XdrReader(record);
        int xid = in.readInt();
        if (in.readInt() != RpcClient.CALL || in.readInt() != RpcClient.RPC_VERSION) {
            throw new AssertionError("not an RPC version 2 CALL");
        }
        int program = in.readInt();
        int version = in.readInt();
        int procedure = in.readInt();
        int flavor = in.readInt();
        in.readOpaque();
        in.readInt();
        in.readOpaque();
        byte[] args = in.readFixedOpaque(in.remaining());
        calls.add(new Call(program, version, procedure, flavor, args));
        XdrWriter reply = new XdrWriter().writeInt(xid).writeInt(1).writeInt(RpcReply.MSG_ACCEPTED)
                .writeInt(Auth.AUTH_NONE).writeOpaque(new byte[0]);
        if (program == PORTMAP && version == PortmapClient.PMAP_VERSION && procedure == PortmapClient.GETPORT) {
            XdrReader mapping = new XdrReader(args);
            int wantedProgram = mapping.readInt();
            int wantedVersion = mapping.readInt();
            boolean served = (wantedProgram == NlmClient.PROGRAM && wantedVersion == NlmClient.VERSION
                    || wantedProgram == NsmClient.PROGRAM && wantedVersion == NsmClient.VERSION)
                    && mapping.readInt() == PortmapClient.IPPROTO_TCP;
            return reply.writeInt(RpcReply.SUCCESS).writeInt(served ? port() : 0).toByteArray();
        }
        if (program == NsmClient.PROGRAM && version == NsmClient.VERSION && procedure == NsmClient.SM_NOTIFY) {
            return reply.writeInt(RpcReply.SUCCESS).toByteArray();
        }
        if (program == NlmClient.PROGRAM && version == NlmClient.VERSION && procedure == NlmClient.GRANTED) {
            byte[] cookie = new XdrReader(args).readOpaque();
            return reply.writeInt(RpcReply.SUCCESS).writeOpaque(cookie).writeInt(NlmClient.LCK_GRANTED).toByteArray();
        }
        return reply.writeInt(RpcReply.PROG_UNAVAIL).toByteArray();
    }

    /** One record (RFC 5531 11), its fragments joined; null at a clean end of stream. */
    private static byte[] readRecord(DataInputStream in) throws IOException {
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        boolean last;
        do {
            int mark;
            try {
                mark = in.readInt();
            } catch (EOFException e) {
                if (record.size() == 0) {
                    return null;
                }
                throw e;
            }
            last = (mark & LAST_FRAGMENT) != 0;
            int length = mark & ~LAST_FRAGMENT;
            if (record.size() + length > MAX_RECORD) {
                throw new IOException("a record of more than " + MAX_RECORD + " bytes");
            }
            byte[] fragment = new byte[length];
            in.readFully(fragment);
            record.writeBytes(fragment);
        } while (!last);
        return record.toByteArray();
    }
}
