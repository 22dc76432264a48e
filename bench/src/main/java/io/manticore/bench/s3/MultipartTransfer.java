package io.manticore.bench.s3;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One large object uploaded in parts and downloaded in ranges, the parts shared out among the
 * clients as aws-cli's transfer manager does. A warm-up round checks the downloaded bytes; the
 * timed rounds only count them. Prints the median upload and download MiB/s.
 */
final class MultipartTransfer {

    // Part n is the pattern from offset (n * STRIDE) % SHIFTS: parts differ, yet need no copy of their own.
    private static final int SHIFTS = 4096;
    private static final int STRIDE = 520;
    private static final String KEY = "multipart/big";

    private final long size;
    private final int partSize;
    private final int parts;
    private final int runs;
    private final List<S3Client> clients;
    private final byte[] pattern;
    private double completeSeconds;

    MultipartTransfer(Options options, List<S3Client> clients) {
        this.size = options.size("size", 1L << 30);
        this.partSize = Math.toIntExact(options.size("part", 64L << 20));
        this.parts = Math.toIntExact((size + partSize - 1) / partSize);
        this.runs = options.integer("runs", 3);
        this.clients = clients;
        this.pattern = new byte[partSize + SHIFTS];
        new Random(size).nextBytes(pattern);
    }

    String run() throws IOException, InterruptedException {
        upload();
        download(true);
        double[] up = new double[runs];
        double[] down = new double[runs];
        for (int run = 0; run < runs; run++) {
            up[run] = upload();
            down[run] = download(false);
            S3Load.progress(String.format("multipart %d MiB, run %d: upload %.0f MiB/s"
                    + " (CompleteMultipartUpload %.2f s), download %.0f MiB/s",
                    size >> 20, run + 1, up[run], completeSeconds, down[run]));
        }
        return S3Load.format(median(up)) + ' ' + S3Load.format(median(down));
    }

    private double upload() throws IOException, InterruptedException {
        ClientLoop loop = new ClientLoop(clients);
        long start = System.nanoTime();
        String uploadId = clients.getFirst().createMultipartUpload(KEY);
        AtomicReferenceArray<String> etags = new AtomicReferenceArray<>(parts);
        loop.runEach(parts, (client, clientIndex, item) -> {
            int part = (int) item;
            etags.set(part, client.uploadPart(KEY, uploadId, part + 1, pattern, shift(part), length(part)));
        });
        loop.checkNoErrors("UploadPart");
        String[] ordered = new String[parts];
        for (int i = 0; i < parts; i++) {
            ordered[i] = etags.get(i);
        }
        long completing = System.nanoTime();
        clients.getFirst().completeMultipartUpload(KEY, uploadId, Arrays.asList(ordered));
        completeSeconds = (System.nanoTime() - completing) / 1e9;
        return mibPerSecond(System.nanoTime() - start);
    }

    private double download(boolean check) throws IOException, InterruptedException {
        ClientLoop loop = new ClientLoop(clients);
        long start = System.nanoTime();
        loop.runEach(parts, (client, clientIndex, item) -> {
            int part = (int) item;
            long first = (long) part * partSize;
            long last = first + length(part) - 1;
            if (check) {
                ExpectedBytes expected = new ExpectedBytes(pattern, shift(part), length(part));
                client.get(KEY, first, last, expected);
                if (!expected.matched()) {
                    throw new IOException("bytes " + first + "-" + last + " differ from those uploaded");
                }
            } else {
                CountingSink counter = new CountingSink();
                client.get(KEY, first, last, counter);
                if (counter.count() != length(part)) {
                    throw new IOException("bytes " + first + "-" + last + ": " + counter.count() + " arrived");
                }
            }
        });
        loop.checkNoErrors("ranged GET");
        return mibPerSecond(System.nanoTime() - start);
    }

    private int shift(int part) {
        return (int) ((long) part * STRIDE % SHIFTS);
    }

    private int length(int part) {
        return (int) Math.min(partSize, size - (long) part * partSize);
    }

    private double mibPerSecond(long nanos) {
        return size / 1048576.0 * 1e9 / nanos;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
