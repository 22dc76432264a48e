package io.manticore.bench.s3;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection over a blocking socket: far cheaper per request than a
 * general client, so a 2-core box spends its CPU on the server under test.
 */
final class HttpConnection implements AutoCloseable {

    /** Receives a response body in pieces; the array is reused after the call returns. */
    interface BodySink {
        void accept(byte[] data, int offset, int length);
    }

    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    // Bodies up to this size go out in the same write as the headers: one segment per small PUT.
    private static final int INLINE_BODY = 64 * 1024;

    private final InetSocketAddress address;
    private final byte[] scratch = new byte[256 * 1024];
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    HttpConnection(InetSocketAddress address) {
        this.address = address;
    }

    /**
     * Sends one request and reads its response. The body goes to {@code sink} when it is not
     * null (the response then carries an empty body), else into the response.
     */
    Response exchange(String method, String target, Map<String, String> headers, byte[] body, int offset, int length,
                      BodySink sink) throws IOException {
        connectIfClosed();
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null || method.equals("PUT") || method.equals("POST")) {
            head.append("Content-Length: ").append(body == null ? 0 : length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        if (body != null && length <= INLINE_BODY) {
            byte[] whole = new byte[headBytes.length + length];
            System.arraycopy(headBytes, 0, whole, 0, headBytes.length);
            System.arraycopy(body, offset, whole, headBytes.length, length);
            out.write(whole);
        } else {
            out.write(headBytes);
            if (body != null) {
                out.write(body, offset, length);
            }
        }
        out.flush();
        return readResponse(method.equals("HEAD"), sink);
    }

    private Response readResponse(boolean head, BodySink sink) throws IOException {
        String statusLine = readLine();
        while (statusLine.startsWith("HTTP/1.1 100")) {
            readHeaders();
            statusLine = readLine();
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("bad status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = readHeaders();
        ByteArrayOutputStream collected = sink == null ? new ByteArrayOutputStream() : null;
        BodySink target = sink != null ? sink : collected::write;
        boolean noBody = head || status == 204 || status == 304;
        if (!noBody) {
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                readChunked(target);
            } else if (headers.containsKey("content-length")) {
                readFixed(Long.parseLong(headers.get("content-length")), target);
            } else {
                readFixed(Long.MAX_VALUE, target);
                close();
            }
        }
        if ("close".equalsIgnoreCase(headers.get("connection"))) {
            close();
        }
        return new Response(status, headers, collected == null ? new byte[0] : collected.toByteArray());
    }

    private void readFixed(long length, BodySink sink) throws IOException {
        long left = length;
        while (left > 0) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (n < 0) {
                if (length == Long.MAX_VALUE) {
                    return;
                }
                throw new IOException("connection closed with " + left + " body bytes missing");
            }
            sink.accept(scratch, 0, n);
            left -= n;
        }
    }

    private void readChunked(BodySink sink) throws IOException {
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                readHeaders();
                return;
            }
            readFixed(size, sink);
            readLine();
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private void connectIfClosed() throws IOException {
        if (socket != null) {
            return;
        }
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 10_000);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Nothing to do for a socket that cannot close: it is dropped either way.
            }
            socket = null;
        }
    }
}
