package io.manticore.protocol.s3.internal.client;

/** What one connection reports to its client's counters. */
public final class ConnectionStats {

    private final S3Clients.Client client;
    private final Runnable onClose;

    ConnectionStats(S3Clients.Client client, Runnable onClose) {
        this.client = client;
        this.onClose = onClose;
    }

    public void opened() {
        client.connections.incrementAndGet();
    }

    public void closed() {
        client.connections.decrementAndGet();
        onClose.run();
    }

    /** A request authenticated as {@code user} (null: anonymous). */
    public void request(String user) {
        client.calls.incrementAndGet();
        client.auth = user == null ? "anonymous" : "sigv4";
        if (user != null) {
            client.user = user;
        }
    }
}
