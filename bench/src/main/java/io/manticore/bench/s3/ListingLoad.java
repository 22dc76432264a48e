package io.manticore.bench.s3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Full listings of a bucket holding {@code count} keys, page after page of ListObjectsV2 on one
 * connection; every listing is checked key for key. All clients write the keys first, untimed.
 * The bucket must hold nothing else.
 */
final class ListingLoad {

    private final int count;
    private final int page;
    private final double warmupSeconds;
    private final double seconds;
    private final List<S3Client> clients;
    private final S3Client client;
    private final List<String> expected;

    ListingLoad(Options options, List<S3Client> clients) {
        this.count = options.integer("count", 10_000);
        this.page = options.integer("page", 1000);
        this.warmupSeconds = options.seconds("warmup", 5);
        this.seconds = options.seconds("seconds", 10);
        this.clients = clients;
        this.client = clients.getFirst();
        this.expected = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            expected.add(String.format("key-%05d", i));
        }
    }

    /** Complete listings per second. */
    double run() throws IOException, InterruptedException {
        byte[] body = new byte[100];
        ClientLoop writers = new ClientLoop(clients);
        double took = writers.runEach(count,
                (writer, clientIndex, item) -> writer.put(expected.get((int) item), body, 0, body.length));
        writers.checkNoErrors("writing the keys to list");
        S3Load.progress("wrote " + count + " keys in " + String.format("%.1f", took) + " s");
        listFor(warmupSeconds);
        double rate = listFor(seconds);
        S3Load.progress("LIST " + count + " keys in pages of " + page + ": " + S3Load.format(rate) + " listings/s");
        return rate;
    }

    private double listFor(double duration) throws IOException {
        long start = System.nanoTime();
        long deadline = start + (long) (duration * 1e9);
        int listings = 0;
        do {
            listOnce();
            listings++;
        } while (System.nanoTime() < deadline);
        return listings * 1e9 / (System.nanoTime() - start);
    }

    private void listOnce() throws IOException {
        List<String> seen = new ArrayList<>(count);
        int pages = 0;
        String token = null;
        do {
            S3Client.Page result = client.list(page, token);
            if (result.keys().size() > page) {
                throw new IOException("a page of " + result.keys().size() + " keys; max-keys was " + page);
            }
            seen.addAll(result.keys());
            token = result.nextToken();
            pages++;
        } while (token != null && pages <= count / page + 1);
        if (!seen.equals(expected)) {
            throw new IOException("the listing has " + seen.size() + " keys in " + pages + " pages, not the "
                    + count + " keys written, in order");
        }
    }
}
