package io.manticore.api.config;

import java.util.List;
import java.util.Map;

/**
 * The whole configuration (etc/manticore.json), validated. Maps keep the file's order.
 */
public record ServerConfig(ServerSettings server, List<ListenerConfig> listeners,
                           Map<String, MountConfig> mounts, Map<String, ExportConfig> exports,
                           Map<String, ShareConfig> shares, Map<String, BucketConfig> buckets,
                           List<UserConfig> users, List<S3KeyConfig> s3AccessKeys,
                           S3Settings s3, ShellConfig shell, SmbSettings smb) {

    public ServerConfig {
        listeners = List.copyOf(listeners);
        mounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mounts));
        exports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(exports));
        shares = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(shares));
        buckets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(buckets));
        users = List.copyOf(users);
        s3AccessKeys = List.copyOf(s3AccessKeys);
        smb = smb == null ? SmbSettings.DEFAULTS : smb;
    }

    /** A configuration with the default SMB settings. */
    public ServerConfig(ServerSettings server, List<ListenerConfig> listeners, Map<String, MountConfig> mounts,
                        Map<String, ExportConfig> exports, Map<String, ShareConfig> shares,
                        Map<String, BucketConfig> buckets, List<UserConfig> users, List<S3KeyConfig> s3AccessKeys,
                        S3Settings s3, ShellConfig shell) {
        this(server, listeners, mounts, exports, shares, buckets, users, s3AccessKeys, s3, shell, SmbSettings.DEFAULTS);
    }

    /** The user called {@code name}, or null. */
    public UserConfig user(String name) {
        for (UserConfig u : users) {
            if (u.name().equals(name)) {
                return u;
            }
        }
        return null;
    }
}
