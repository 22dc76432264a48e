package io.manticore.bench.s3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * S3 load generator for bench/s3-vs-s3proxy: the same client code for every server. Prints the
 * figure (or figures) on stdout and progress on stderr; exits 2 when any request failed.
 *
 * <pre>
 * S3Load put|get      --endpoint URL --bucket B --size 4k --clients 8 [--keys N] [--warmup S] [--seconds S]
 * S3Load multipart    --endpoint URL --bucket B --size 1g --part 64m --clients 8 [--runs N]
 * S3Load list         --endpoint URL --bucket B --count 10000 --page 1000 --clients 8 [--warmup S] [--seconds S]
 * </pre>
 * The access key and secret come from S3LOAD_ACCESS_KEY and S3LOAD_SECRET_KEY, the region from
 * S3LOAD_REGION (us-east-1). Requests use path-style addressing and SigV4 with UNSIGNED-PAYLOAD.
 */
public final class S3Load {

    private S3Load() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("s3load: " + e.getMessage());
            System.exit(1);
            return;
        }
        List<S3Client> clients = clients(options);
        try {
            String figure = switch (options.workload()) {
                case "put", "get" -> format(new ObjectLoad(options, clients).run());
                case "multipart" -> new MultipartTransfer(options, clients).run();
                case "list" -> format(new ListingLoad(options, clients).run());
                default -> throw new IllegalArgumentException("unknown workload " + options.workload());
            };
            System.out.println(figure);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("s3load " + options.workload() + ": " + e.getMessage());
            System.exit(2);
        } finally {
            clients.forEach(S3Client::close);
        }
    }

    static String format(double value) {
        return value >= 100 ? String.format("%.0f", value) : String.format("%.1f", value);
    }

    static void progress(String message) {
        System.err.println("s3load: " + message);
    }

    private static List<S3Client> clients(Options options) {
        URI endpoint = URI.create(options.text("endpoint", null));
        InetSocketAddress address = new InetSocketAddress(endpoint.getHost(), endpoint.getPort());
        String accessKey = System.getenv("S3LOAD_ACCESS_KEY");
        String secretKey = System.getenv("S3LOAD_SECRET_KEY");
        if (accessKey == null || secretKey == null) {
            throw new IllegalArgumentException("set S3LOAD_ACCESS_KEY and S3LOAD_SECRET_KEY");
        }
        String region = System.getenv().getOrDefault("S3LOAD_REGION", "us-east-1");
        String bucket = options.text("bucket", null);
        int count = options.integer("clients", 8);
        List<S3Client> clients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            clients.add(new S3Client(address, bucket, accessKey, secretKey, region));
        }
        return clients;
    }
}
