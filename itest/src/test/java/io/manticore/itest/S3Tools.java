package io.manticore.itest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs Debian's S3 clients (aws-cli v2 as /usr/bin/aws, s3cmd, curl) against one S3
 * endpoint on loopback, with a private configuration: nothing of the machine's own AWS
 * setup is read.
 */
final class S3Tools {

    static final String AWS = "/usr/bin/aws";
    static final String S3CMD = "/usr/bin/s3cmd";
    static final String REGION = "us-east-1";

    private final Path scratch;
    private final String endpoint;
    private final Path s3cmdConfig;
    private final AtomicInteger runs = new AtomicInteger();
    private final Map<String, String> env = new HashMap<>(Map.of("AWS_DEFAULT_REGION", REGION, "AWS_EC2_METADATA_DISABLED", "true",
            "AWS_SHARED_CREDENTIALS_FILE", "/dev/null", "AWS_PAGER", "", "AWS_CA_BUNDLE", ""));

    S3Tools(Path scratch, int port, String accessKey, String secretKey) throws IOException {
        this.scratch = scratch;
        this.endpoint = "http://127.0.0.1:" + port;
        this.s3cmdConfig = scratch.resolve("s3cmd.cfg");
        Files.writeString(s3cmdConfig, "[default]\naccess_key = " + accessKey + "\nsecret_key = " + secretKey
                + "\nhost_base = 127.0.0.1:" + port + "\nhost_bucket = 127.0.0.1:" + port
                + "\nuse_https = False\nbucket_location = " + REGION + "\n");
        Files.writeString(scratch.resolve("aws.config"), "[default]\nregion = " + REGION + "\n");
        env.put("AWS_ACCESS_KEY_ID", accessKey);
        env.put("AWS_SECRET_ACCESS_KEY", secretKey);
    }

    /** Fails with a clear message when a client is missing. */
    static void requireInstalled() {
        for (String tool : List.of(AWS, S3CMD, "/usr/bin/curl")) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new AssertionError(tool + " is missing: install awscli, s3cmd and curl (.ci/run does)");
            }
        }
    }

    String endpoint() {
        return endpoint;
    }

    /** {@code aws --endpoint-url … args}. */
    ClientRun aws(long timeoutMillis, String... args) throws IOException, InterruptedException {
        return awsAs(null, timeoutMillis, args);
    }

    /** aws with another secret key for this run (null: the right one). */
    ClientRun awsAs(String secretKey, long timeoutMillis, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(AWS, "--endpoint-url", endpoint, "--no-cli-pager"));
        cmd.addAll(List.of(args));
        Map<String, String> runEnv = new HashMap<>(env);
        runEnv.put("AWS_CONFIG_FILE", scratch.resolve("aws.config").toString());
        if (secretKey != null) {
            runEnv.put("AWS_SECRET_ACCESS_KEY", secretKey);
        }
        return ClientRun.start(scratch, "aws-" + runs.incrementAndGet(), runEnv, timeoutMillis, cmd);
    }

    ClientRun s3cmd(long timeoutMillis, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(S3CMD, "-c", s3cmdConfig.toString()));
        cmd.addAll(List.of(args));
        return ClientRun.start(scratch, "s3cmd-" + runs.incrementAndGet(), Map.of(), timeoutMillis, cmd);
    }

    /** curl printing the status code on its last line; the body goes to stdout before it. */
    ClientRun curl(long timeoutMillis, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/curl", "-s", "-w", "\n%{http_code}"));
        cmd.addAll(List.of(args));
        return ClientRun.start(scratch, "curl-" + runs.incrementAndGet(), Map.of(), timeoutMillis, cmd);
    }
}
