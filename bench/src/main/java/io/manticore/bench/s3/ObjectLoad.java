package io.manticore.bench.s3;

import java.io.IOException;
import java.util.List;
import java.util.Random;

/**
 * PUT or GET of same-sized objects by every client in a loop: each client cycles over keys of its
 * own, so the data set stays bounded however fast the server is. One client first writes each
 * client's first key, so the folders exist before the clock starts and the figures measure object
 * writes, not folder creation. GET writes all its keys first and checks every byte during the
 * warm-up; the timed phase checks only the length.
 */
final class ObjectLoad {

    private static final long DATA_SET_PER_CLIENT = 64L << 20;

    private final boolean get;
    private final int size;
    private final int keysPerClient;
    private final String prefix;
    private final double warmupSeconds;
    private final double seconds;
    private final List<S3Client> clients;
    private final byte[] payload;

    ObjectLoad(Options options, List<S3Client> clients) {
        this.get = options.workload().equals("get");
        this.size = Math.toIntExact(options.size("size", 4096));
        this.keysPerClient = options.integer("keys", Math.clamp(DATA_SET_PER_CLIENT / Math.max(size, 1), 1, 1000));
        this.prefix = options.text("prefix", options.workload() + size);
        this.warmupSeconds = options.seconds("warmup", 5);
        this.seconds = options.seconds("seconds", 10);
        this.clients = clients;
        this.payload = new byte[size];
        new Random(size).nextBytes(payload);
    }

    /** Operations per second, all clients together. */
    double run() throws IOException, InterruptedException {
        ClientLoop loop = new ClientLoop(clients);
        for (int clientIndex = 0; clientIndex < clients.size(); clientIndex++) {
            clients.getFirst().put(key(clientIndex, 0), payload, 0, size);
        }
        if (get) {
            double took = loop.runEach(clients.size() * keysPerClient,
                    (client, clientIndex, item) -> client.put(key((int) (item % clients.size()),
                            item / clients.size()), payload, 0, size));
            loop.checkNoErrors("writing the objects to read");
            S3Load.progress("wrote " + clients.size() * keysPerClient + " objects of " + size + " bytes in "
                    + String.format("%.1f", took) + " s");
        }
        loop.run(warmupSeconds, get ? this::getChecked : this::put);
        loop.checkNoErrors("warm-up");
        double rate = loop.run(seconds, get ? this::getCounted : this::put);
        loop.checkNoErrors("measured phase");
        S3Load.progress((get ? "GET " : "PUT ") + size + " B with " + clients.size() + " clients: "
                + S3Load.format(rate) + " ops/s");
        return rate;
    }

    private void put(S3Client client, int clientIndex, long iteration) throws IOException {
        client.put(key(clientIndex, iteration % keysPerClient), payload, 0, size);
    }

    private void getChecked(S3Client client, int clientIndex, long iteration) throws IOException {
        String key = key(clientIndex, iteration % keysPerClient);
        ExpectedBytes expected = new ExpectedBytes(payload, 0, size);
        client.get(key, -1, -1, expected);
        if (!expected.matched()) {
            throw new IOException("GET " + key + " returned other bytes than were written");
        }
    }

    private void getCounted(S3Client client, int clientIndex, long iteration) throws IOException {
        String key = key(clientIndex, iteration % keysPerClient);
        CountingSink counter = new CountingSink();
        client.get(key, -1, -1, counter);
        if (counter.count() != size) {
            throw new IOException("GET " + key + " returned " + counter.count() + " bytes, not " + size);
        }
    }

    private String key(int clientIndex, long keyIndex) {
        return prefix + "/c" + clientIndex + "/k" + keyIndex;
    }
}
