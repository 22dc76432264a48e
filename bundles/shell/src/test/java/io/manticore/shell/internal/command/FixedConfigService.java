package io.manticore.shell.internal.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.manticore.api.config.BucketConfig;
import io.manticore.api.config.ConfigService;
import io.manticore.api.config.ExportConfig;
import io.manticore.api.config.S3Settings;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.config.ServerSettings;
import io.manticore.api.config.ShareConfig;
import io.manticore.api.config.ShellConfig;

/** A ConfigService holding one fixed configuration. */
final class FixedConfigService implements ConfigService {

    private final ServerConfig config;

    FixedConfigService(Map<String, ExportConfig> exports, Map<String, ShareConfig> shares,
                       Map<String, BucketConfig> buckets) {
        this(exports, shares, buckets, S3Settings.DEFAULTS);
    }

    FixedConfigService(Map<String, ExportConfig> exports, Map<String, ShareConfig> shares,
                       Map<String, BucketConfig> buckets, S3Settings s3) {
        this.config = new ServerConfig(new ServerSettings(0, 16, 5000, 1000, 1000, 1000, 100, 10000, false, 90), List.of(),
                Map.of(), exports, shares, buckets, List.of(), List.of(), s3, new ShellConfig(true, "127.0.0.1", 8101));
    }

    @Override
    public ServerConfig current() {
        return config;
    }

    @Override
    public long generation() {
        return 1;
    }

    @Override
    public Path home() {
        return Path.of("/nonexistent/manticore");
    }

    @Override
    public Path varDirectory() {
        return home().resolve("var");
    }
}
