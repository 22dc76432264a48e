package io.manticore.core.internal.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;

import io.manticore.api.config.AddressRange;
import io.manticore.api.config.BucketConfig;
import io.manticore.api.config.ExportConfig;
import io.manticore.api.config.ListenerConfig;
import io.manticore.api.config.MountConfig;
import io.manticore.api.config.S3KeyConfig;
import io.manticore.api.config.S3Settings;
import io.manticore.api.config.SmbSettings;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.config.ServerSettings;
import io.manticore.api.config.ShareConfig;
import io.manticore.api.config.ShellConfig;
import io.manticore.api.config.UserConfig;

/**
 * Reads etc/manticore.json into a {@link ServerConfig}, applying defaults and refusing
 * anything it does not understand with the JSON path of the first problem. The schema is
 * documented in the README; this class is its single implementation.
 */
public final class ConfigParser {

    public static final int DEFAULT_SSH_PORT = 8101;

    private static final Set<String> TOP = Set.of("server", "listeners", "mounts", "exports", "shares",
            "buckets", "users", "s3_access_keys", "s3", "shell", "smb");
    private static final Set<String> SERVER = Set.of("threads", "delegation_threads", "suspend_timeout_ms",
            "max_suspended_calls", "attr_cache_entries", "name_cache_entries", "open_file_cache_entries",
            "open_file_idle_ms", "rpcbind_register", "nlm_grace_seconds");
    private static final Set<String> LISTENER = Set.of("protocol", "transport", "address", "port");
    private static final Set<String> MOUNT = Set.of("module", "path", "options");
    private static final Set<String> EXPORT = Set.of("access", "squash", "clients", "anonuid", "anongid");
    private static final Set<String> SHARE = Set.of("path", "access", "comment", "encrypt");
    private static final Set<String> BUCKET = Set.of("path", "public_read");
    private static final Set<String> USER = Set.of("name", "password", "nt_hash", "uid", "gid", "groups", "shell_admin");
    private static final Set<String> S3KEY = Set.of("access_key", "secret_key", "user");
    private static final Set<String> S3 = Set.of("region", "domain", "bucket_root", "idle_timeout_seconds",
            "header_timeout_seconds");
    private static final Set<String> SHELL = Set.of("ssh", "ssh_address", "ssh_port");
    private static final Set<String> SMB = Set.of("server_name", "domain", "min_dialect", "signing", "encrypt",
            "guest_user", "case_insensitive");
    private static final Set<String> SMB_DIALECTS = Set.of("2.0.2", "2.1", "3.0", "3.0.2", "3.1.1");
    private static final Set<String> SQUASH = Set.of("none", "root", "all");

    private ConfigParser() {
    }

    public static ServerConfig parse(String json) throws ConfigException {
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new java.io.StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
        } catch (JsonParseException | IllegalStateException e) {
            throw new ConfigException("$", "not valid JSON: " + firstLine(e.getMessage()));
        }
        JsonNode top = new JsonNode(root, "$");
        if (top.isMissing()) {
            throw new ConfigException("$", "the file is empty");
        }
        top = top.object().onlyKeys(TOP);
        Map<String, MountConfig> mounts = mounts(top.get("mounts"));
        List<UserConfig> users = users(top.get("users"));
        return new ServerConfig(server(top.get("server")), listeners(top.get("listeners")), mounts,
                exports(top.get("exports"), mounts), shares(top.get("shares"), mounts),
                buckets(top.get("buckets"), mounts), users, s3Keys(top.get("s3_access_keys"), users),
                s3(top.get("s3"), mounts), shell(top.get("shell")), smb(top.get("smb"), users));
    }

    private static ServerSettings server(JsonNode n) throws ConfigException {
        n = n.object().onlyKeys(SERVER);
        return new ServerSettings(
                n.get("threads").int32(0, 0, 1024),
                n.get("delegation_threads").int32(16, 1, 1024),
                n.get("suspend_timeout_ms").integer(30_000, 0, 3_600_000),
                n.get("max_suspended_calls").int32(10_000, 0, 1_000_000),
                n.get("attr_cache_entries").int32(65_536, 0, 100_000_000),
                n.get("name_cache_entries").int32(65_536, 0, 100_000_000),
                n.get("open_file_cache_entries").int32(4_096, 1, 1_000_000),
                n.get("open_file_idle_ms").integer(30_000, 0, 86_400_000),
                n.get("rpcbind_register").bool(false),
                n.get("nlm_grace_seconds").int32(90, 0, 3600));
    }

    private static List<ListenerConfig> listeners(JsonNode n) throws ConfigException {
        List<ListenerConfig> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : n.items()) {
            JsonNode l = item.object().onlyKeys(LISTENER);
            ListenerConfig c = new ListenerConfig(protocols(l.get("protocol")), l.get("transport").string("tcp"),
                    address(l.get("address"), "0.0.0.0"), l.get("port").int32(-1, 0, 65535));
            if (c.isShared() && ListenerConfig.isDatagram(c.transport())) {
                throw new ConfigException(l.get("protocol").path(), "protocols share a port only over a stream transport, not "
                        + c.transport());
            }
            if (c.port() < 0) {
                throw new ConfigException(l.get("port").path(), "is required");
            }
            // TCP and UDP ports are separate, so portmap may take 111 over both.
            if (c.port() != 0 && !seen.add(c.socket())) {
                throw new ConfigException(item.path(), "another " + (ListenerConfig.isDatagram(c.transport()) ? "udp" : "tcp")
                        + " listener already uses " + c.address() + ":" + c.port());
            }
            out.add(c);
        }
        return out;
    }

    private static Map<String, MountConfig> mounts(JsonNode n) throws ConfigException {
        Map<String, MountConfig> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.members().entrySet()) {
            checkMountName(e.getKey(), e.getValue().path());
            JsonNode m = e.getValue().object().onlyKeys(MOUNT);
            out.put(e.getKey(), new MountConfig(name(m.get("module")), m.get("path").string("/"),
                    m.get("options").stringMap()));
        }
        return out;
    }

    private static Map<String, ExportConfig> exports(JsonNode n, Map<String, MountConfig> mounts) throws ConfigException {
        Map<String, ExportConfig> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.members().entrySet()) {
            String path = e.getKey();
            checkNamespacePath(path, e.getValue().path(), mounts);
            JsonNode x = e.getValue().object().onlyKeys(EXPORT);
            String squash = x.get("squash").string("root");
            if (!SQUASH.contains(squash)) {
                throw new ConfigException(x.get("squash").path(), "must be one of none, root, all");
            }
            List<String> clients = new ArrayList<>();
            for (JsonNode c : x.get("clients").items()) {
                String rule = c.requiredString();
                if (!AddressRange.isValid(rule)) {
                    throw new ConfigException(c.path(), "not an IP address or CIDR range: " + rule);
                }
                clients.add(rule);
            }
            if (x.get("clients").isMissing()) {
                clients.add("127.0.0.0/8");
                clients.add("::1/128");
            }
            out.put(path, new ExportConfig(path, readOnly(x.get("access")), squash, clients,
                    x.get("anonuid").int32(65534, 0, Integer.MAX_VALUE),
                    x.get("anongid").int32(65534, 0, Integer.MAX_VALUE)));
        }
        return out;
    }

    private static Map<String, ShareConfig> shares(JsonNode n, Map<String, MountConfig> mounts) throws ConfigException {
        Map<String, ShareConfig> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.members().entrySet()) {
            if (!e.getKey().matches("[A-Za-z0-9][A-Za-z0-9._$-]{0,79}")) {
                throw new ConfigException(e.getValue().path(), "a share name is 1-80 letters, digits, '.', '_', '-' or '$'");
            }
            JsonNode s = e.getValue().object().onlyKeys(SHARE);
            String path = s.get("path").requiredString();
            checkNamespacePath(path, s.get("path").path(), mounts);
            out.put(e.getKey(), new ShareConfig(path, readOnly(s.get("access")), s.get("comment").string(""),
                    s.get("encrypt").bool(false)));
        }
        return out;
    }

    private static Map<String, BucketConfig> buckets(JsonNode n, Map<String, MountConfig> mounts) throws ConfigException {
        Map<String, BucketConfig> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.members().entrySet()) {
            if (!BucketConfig.validName(e.getKey())) {
                throw new ConfigException(e.getValue().path(), "a bucket name is 3-63 lower-case letters, digits, '.' or '-'");
            }
            JsonNode b = e.getValue().object().onlyKeys(BUCKET);
            String path = b.get("path").requiredString();
            checkNamespacePath(path, b.get("path").path(), mounts);
            out.put(e.getKey(), new BucketConfig(path, b.get("public_read").bool(false)));
        }
        return out;
    }

    private static List<UserConfig> users(JsonNode n) throws ConfigException {
        List<UserConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode item : n.items()) {
            JsonNode u = item.object().onlyKeys(USER);
            String name = u.get("name").requiredString();
            if (!names.add(name)) {
                throw new ConfigException(u.get("name").path(), "user " + name + " is defined twice");
            }
            String password = u.get("password").optionalString();
            String ntHash = u.get("nt_hash").optionalString();
            if (ntHash != null && !ntHash.matches("[0-9a-fA-F]{32}")) {
                throw new ConfigException(u.get("nt_hash").path(), "must be 32 hexadecimal digits");
            }
            if (password == null && ntHash == null) {
                throw new ConfigException(item.path(), "a user needs a password or an nt_hash");
            }
            List<Integer> groups = new ArrayList<>();
            for (JsonNode g : u.get("groups").items()) {
                groups.add(g.int32(0, 0, Integer.MAX_VALUE));
            }
            if (groups.size() > 64) {
                throw new ConfigException(u.get("groups").path(), "at most 64 groups");
            }
            out.add(new UserConfig(name, password, ntHash, u.get("uid").int32(-1, 0, Integer.MAX_VALUE),
                    u.get("gid").int32(-1, 0, Integer.MAX_VALUE), groups, u.get("shell_admin").bool(false)));
            if (out.getLast().uid() < 0) {
                throw new ConfigException(u.get("uid").path(), "is required");
            }
            if (out.getLast().gid() < 0) {
                throw new ConfigException(u.get("gid").path(), "is required");
            }
        }
        return out;
    }

    private static List<S3KeyConfig> s3Keys(JsonNode n, List<UserConfig> users) throws ConfigException {
        List<S3KeyConfig> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (JsonNode item : n.items()) {
            JsonNode k = item.object().onlyKeys(S3KEY);
            String accessKey = k.get("access_key").requiredString();
            if (!keys.add(accessKey)) {
                throw new ConfigException(k.get("access_key").path(), "access key is defined twice");
            }
            String user = k.get("user").requiredString();
            if (users.stream().noneMatch(u -> u.name().equals(user))) {
                throw new ConfigException(k.get("user").path(), "no user named " + user);
            }
            out.add(new S3KeyConfig(accessKey, k.get("secret_key").requiredString(), user));
        }
        return out;
    }

    private static S3Settings s3(JsonNode n, Map<String, MountConfig> mounts) throws ConfigException {
        n = n.object().onlyKeys(S3);
        String region = n.get("region").string(S3Settings.DEFAULTS.region());
        if (!region.matches("[a-z0-9-]{1,32}")) {
            throw new ConfigException(n.get("region").path(), "a region is 1-32 lower-case letters, digits or '-'");
        }
        String domain = n.get("domain").optionalString();
        if (domain != null && !domain.matches("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?")) {
            throw new ConfigException(n.get("domain").path(), "not a host name");
        }
        String bucketRoot = n.get("bucket_root").optionalString();
        if (bucketRoot != null) {
            checkNamespacePath(bucketRoot, n.get("bucket_root").path(), mounts);
        }
        return new S3Settings(region, domain, bucketRoot,
                n.get("idle_timeout_seconds").int32(S3Settings.DEFAULTS.idleTimeoutSeconds(), 1, 86_400),
                n.get("header_timeout_seconds").int32(S3Settings.DEFAULTS.headerTimeoutSeconds(), 1, 3_600));
    }

    private static SmbSettings smb(JsonNode n, List<UserConfig> users) throws ConfigException {
        n = n.object().onlyKeys(SMB);
        SmbSettings d = SmbSettings.DEFAULTS;
        String serverName = n.get("server_name").string(d.serverName());
        if (!serverName.matches("[A-Za-z0-9][A-Za-z0-9-]{0,14}")) {
            throw new ConfigException(n.get("server_name").path(), "a NetBIOS name is 1-15 letters, digits or '-'");
        }
        String domain = n.get("domain").string(d.domain());
        if (!domain.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,14}")) {
            throw new ConfigException(n.get("domain").path(), "a NetBIOS domain is 1-15 letters, digits, '.' or '-'");
        }
        String minDialect = n.get("min_dialect").string(d.minDialect());
        if (!SMB_DIALECTS.contains(minDialect)) {
            throw new ConfigException(n.get("min_dialect").path(), "one of " + new TreeSet<>(SMB_DIALECTS));
        }
        String signing = n.get("signing").string("enabled");
        if (!signing.equals("enabled") && !signing.equals("required")) {
            throw new ConfigException(n.get("signing").path(), "\"enabled\" or \"required\"");
        }
        String guest = n.get("guest_user").optionalString();
        if (guest != null && users.stream().noneMatch(u -> u.name().equals(guest))) {
            throw new ConfigException(n.get("guest_user").path(), "names no configured user");
        }
        return new SmbSettings(serverName, domain, minDialect, signing.equals("required"), n.get("encrypt").bool(false),
                guest, n.get("case_insensitive").bool(d.caseInsensitive()));
    }

    private static ShellConfig shell(JsonNode n) throws ConfigException {
        n = n.object().onlyKeys(SHELL);
        return new ShellConfig(n.get("ssh").bool(true), address(n.get("ssh_address"), "127.0.0.1"),
                n.get("ssh_port").int32(DEFAULT_SSH_PORT, 0, 65535));
    }

    /** One protocol name, or several joined by '+' that share an RPC port, each named once. */
    private static String protocols(JsonNode n) throws ConfigException {
        String s = n.requiredString();
        Set<String> names = new HashSet<>();
        for (String name : s.split("\\+", -1)) {
            if (!name.matches("[a-z0-9][a-z0-9_.-]*")) {
                throw new ConfigException(n.path(), "must be a protocol name, or names joined by '+', each of lower-case"
                        + " letters, digits, '_', '.' or '-'");
            }
            if (!names.add(name)) {
                throw new ConfigException(n.path(), "names " + name + " twice");
            }
        }
        return s;
    }

    private static String name(JsonNode n) throws ConfigException {
        String s = n.requiredString();
        if (!s.matches("[a-z0-9][a-z0-9_.-]*")) {
            throw new ConfigException(n.path(), "must be lower-case letters, digits, '_', '.' or '-'");
        }
        return s;
    }

    private static String address(JsonNode n, String fallback) throws ConfigException {
        String s = n.string(fallback);
        if (s.contains("/") || !AddressRange.isValid(s)) {
            throw new ConfigException(n.path(), "not an IP address: " + s);
        }
        return s;
    }

    private static boolean readOnly(JsonNode access) throws ConfigException {
        String a = access.string("rw");
        return switch (a) {
            case "ro" -> true;
            case "rw" -> false;
            default -> throw new ConfigException(access.path(), "must be \"ro\" or \"rw\"");
        };
    }

    private static void checkMountName(String name, String path) throws ConfigException {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new ConfigException(path, "a mount name is 1-64 letters, digits, '_', '.' or '-'");
        }
    }

    /** A namespace path is /mount[/more…] naming a configured mount, without empty, "." or ".." parts. */
    private static void checkNamespacePath(String value, String path, Map<String, MountConfig> mounts) throws ConfigException {
        if (!value.startsWith("/") || value.length() < 2) {
            throw new ConfigException(path, "must be a path /<mount>[/…]: " + value);
        }
        String[] parts = value.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            boolean trailingSlash = i == parts.length - 1 && p.isEmpty() && i > 0;
            if (!trailingSlash && (p.isEmpty() || p.equals(".") || p.equals(".."))) {
                throw new ConfigException(path, "has an empty, '.' or '..' component: " + value);
            }
        }
        if (!mounts.containsKey(parts[0])) {
            throw new ConfigException(path, "no mount named " + parts[0] + " (mounts: " + String.join(", ", mounts.keySet()) + ")");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
