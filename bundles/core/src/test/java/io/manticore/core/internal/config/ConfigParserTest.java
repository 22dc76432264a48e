package io.manticore.core.internal.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Test;

import io.manticore.api.config.ExportConfig;
import io.manticore.api.config.ListenerConfig;
import io.manticore.api.config.S3Settings;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.config.ShareConfig;

public class ConfigParserTest {

    private static final String MOUNT = "\"mounts\": {\"mem\": {\"module\": \"memfs\"}}";

    @Test
    public void theShippedConfigurationIsValid() throws Exception {
        Path shipped = Path.of("../../etc/manticore.json");
        ServerConfig c = ConfigParser.parse(Files.readString(shipped));
        assertEquals("memfs", c.mounts().get("mem").module());
        assertEquals(List.of("/mem"), List.copyOf(c.exports().keySet()));
        assertEquals(8101, c.shell().sshPort());
    }

    @Test
    public void anEmptyObjectGivesTheDefaults() throws Exception {
        ServerConfig c = ConfigParser.parse("{}");
        assertEquals(16, c.server().delegationThreads());
        assertEquals(30_000, c.server().suspendTimeoutMillis());
        assertTrue(c.mounts().isEmpty());
        assertTrue(c.shell().sshEnabled());
        assertEquals("127.0.0.1", c.shell().sshAddress());
    }

    @Test
    public void registeringWithTheSystemRpcbindIsOffUnlessTheFileTurnsItOn() throws Exception {
        assertFalse(ConfigParser.parse("{}").server().rpcbindRegister());
        assertFalse(ConfigParser.parse("{\"server\": {\"rpcbind_register\": false}}").server().rpcbindRegister());
        ServerConfig on = ConfigParser.parse("{\"server\": {\"threads\": 2, \"rpcbind_register\": true}}");
        assertTrue(on.server().rpcbindRegister());
        assertEquals(2, on.server().threads());
        refused("{\"server\": {\"rpcbind_register\": \"yes\"}}", "$.server.rpcbind_register", "true or false");
        refused("{\"server\": {\"rpcbind_register\": 1}}", "$.server.rpcbind_register", "true or false");
        refused("{\"server\": {\"rpcbind_registered\": true}}", "$.server.rpcbind_registered", "unknown key");
    }

    @Test
    public void theS3SectionDefaultsToPathStyleInUsEast1WithBucketsOnlyFromTheConfig() throws Exception {
        assertEquals(S3Settings.DEFAULTS, ConfigParser.parse("{}").s3());
        S3Settings s3 = ConfigParser.parse("{" + MOUNT + ", \"s3\": {\"region\": \"eu-west-3\", \"domain\": \"s3.example.com\","
                + " \"bucket_root\": \"/mem/buckets\", \"idle_timeout_seconds\": 5, \"header_timeout_seconds\": 2}}").s3();
        assertEquals(new S3Settings("eu-west-3", "s3.example.com", "/mem/buckets", 5, 2), s3);
        refused("{\"s3\": {\"region\": \"EU\"}}", "$.s3.region", "lower-case");
        refused("{\"s3\": {\"domain\": \"-bad\"}}", "$.s3.domain", "host name");
        refused("{" + MOUNT + ", \"s3\": {\"bucket_root\": \"/other\"}}", "$.s3.bucket_root", "no mount named other");
        refused("{\"s3\": {\"idle_timeout_seconds\": 0}}", "$.s3.idle_timeout_seconds", "between 1 and 86400");
    }

    @Test
    public void rpcProtocolsMayShareOneStreamListener() throws Exception {
        ListenerConfig shared = ConfigParser.parse("{\"listeners\": [{\"protocol\": \"nfs4+nfs3\", \"port\": 2049}]}")
                .listeners().get(0);
        assertEquals(List.of("nfs4", "nfs3"), shared.protocols());
        assertTrue(shared.isShared());
        refused("{\"listeners\": [{\"protocol\": \"nfs3+nfs3\", \"port\": 2049}]}", "$.listeners[0].protocol", "twice");
        refused("{\"listeners\": [{\"protocol\": \"nfs4+\", \"port\": 2049}]}", "$.listeners[0].protocol", "joined by '+'");
        refused("{\"listeners\": [{\"protocol\": \"mount+nsm\", \"transport\": \"udp\", \"port\": 20048}]}",
                "$.listeners[0].protocol", "stream transport");
    }

    @Test
    public void theNlmGracePeriodIsNinetySecondsUnlessSetWithinAnHour() throws Exception {
        assertEquals(90, ConfigParser.parse("{}").server().nlmGraceSeconds());
        assertEquals(0, ConfigParser.parse("{\"server\": {\"nlm_grace_seconds\": 0}}").server().nlmGraceSeconds());
        refused("{\"server\": {\"nlm_grace_seconds\": 3601}}", "$.server.nlm_grace_seconds", "");
        refused("{\"server\": {\"nlm_grace_seconds\": -1}}", "$.server.nlm_grace_seconds", "");
    }

    @Test
    public void exportsGetTheirDefaultsAndKeepFileOrder() throws Exception {
        ServerConfig c = ConfigParser.parse("{" + MOUNT + ", \"exports\": {\"/mem/b\": {}, \"/mem/a\": {\"access\": \"ro\", \"squash\": \"all\", \"clients\": [\"10.0.0.0/8\"], \"anonuid\": 7}}}");
        assertEquals(List.of("/mem/b", "/mem/a"), List.copyOf(c.exports().keySet()));
        ExportConfig b = c.exports().get("/mem/b");
        assertFalse(b.readOnly());
        assertEquals("root", b.squash());
        assertEquals(List.of("127.0.0.0/8", "::1/128"), b.clients());
        ExportConfig a = c.exports().get("/mem/a");
        assertTrue(a.readOnly());
        assertEquals(7, a.anonUid());
        assertEquals(65534, a.anonGid());
    }

    @Test
    public void mountsKeepTheirOptionsAsText() throws Exception {
        ServerConfig c = ConfigParser.parse("{\"mounts\": {\"m\": {\"module\": \"memfs\", \"options\": {\"size\": \"64m\", \"files\": 100}}}}");
        assertEquals("64m", c.mounts().get("m").options().get("size"));
        assertEquals("100", c.mounts().get("m").options().get("files"));
        assertEquals("/", c.mounts().get("m").path());
    }

    @Test
    public void invalidJsonIsRefusedAtTheRoot() {
        refused("{\"mounts\": ", "$", "not valid JSON");
        refused("", "$", "empty");
        refused("[]", "$", "must be an object");
    }

    @Test
    public void everyProblemNamesItsPath() {
        refused("{\"mounts\": {\"mem\": {}}}", "$.mounts.mem.module", "is required");
        refused("{\"mounts\": {\"mem\": {\"module\": 3}}}", "$.mounts.mem.module", "must be a string");
        refused("{\"mounts\": {\"mem\": {\"module\": \"memfs\", \"colour\": 1}}}", "$.mounts.mem.colour", "unknown key");
        refused("{\"listeners\": [{\"protocol\": \"nfs3\"}]}", "$.listeners[0].port", "is required");
        refused("{\"listeners\": [{\"protocol\": \"nfs3\", \"port\": 70000}]}", "$.listeners[0].port", "between 0 and 65535");
        refused("{\"listeners\": [{\"protocol\": \"nfs3\", \"port\": 1.5}]}", "$.listeners[0].port", "whole number");
        refused("{\"listeners\": [{\"protocol\": \"nfs3\", \"port\": 1, \"address\": \"300.1.1.1\"}]}", "$.listeners[0].address", "not an IP address");
        refused("{\"server\": {\"delegation_threads\": 0}}", "$.server.delegation_threads", "between 1 and 1024");
        refused("{\"server\": {\"delegation_threads\": 18446744073709551617}}", "$.server.delegation_threads", "between 1 and 1024");
        refused("{\"serverz\": {}}", "$.serverz", "unknown key");
        refused("{" + MOUNT + ", \"exports\": {\"/other\": {}}}", "$.exports[\"/other\"]", "no mount named other");
        refused("{" + MOUNT + ", \"exports\": {\"/mem/../x\": {}}}", "$.exports[\"/mem/../x\"]", "'..'");
        refused("{" + MOUNT + ", \"exports\": {\"/mem\": {\"squash\": \"some\"}}}", "$.exports[\"/mem\"].squash", "none, root, all");
        refused("{" + MOUNT + ", \"exports\": {\"/mem\": {\"clients\": [\"10.0.0.0/33\"]}}}", "$.exports[\"/mem\"].clients[0]", "CIDR");
        refused("{" + MOUNT + ", \"exports\": {\"/mem\": {\"access\": \"rwx\"}}}", "$.exports[\"/mem\"].access", "\"ro\" or \"rw\"");
        refused("{" + MOUNT + ", \"buckets\": {\"Bad_Bucket\": {\"path\": \"/mem\"}}}", "$.buckets.Bad_Bucket", "bucket name");
        refused("{" + MOUNT + ", \"shares\": {\"s\": {}}}", "$.shares.s.path", "is required");
        refused("{\"users\": [{\"name\": \"a\", \"uid\": 1, \"gid\": 1}]}", "$.users[0]", "password or an nt_hash");
        refused("{\"users\": [{\"name\": \"a\", \"nt_hash\": \"xyz\", \"uid\": 1, \"gid\": 1}]}", "$.users[0].nt_hash", "32 hexadecimal");
        refused("{\"users\": [{\"name\": \"a\", \"password\": \"p\", \"uid\": 1, \"gid\": 1}, {\"name\": \"a\", \"password\": \"q\", \"uid\": 2, \"gid\": 2}]}", "$.users[1].name", "twice");
        refused("{\"s3_access_keys\": [{\"access_key\": \"k\", \"secret_key\": \"s\", \"user\": \"nobody\"}]}", "$.s3_access_keys[0].user", "no user named nobody");
        refused("{\"listeners\": [{\"protocol\": \"nfs3\", \"port\": 2049}, {\"protocol\": \"nfs3\", \"port\": 2049}]}", "$.listeners[1]", "already uses");
    }

    @Test
    public void aShareMayRequireEncryptionAndDoesNotByDefault() throws Exception {
        ServerConfig c = ConfigParser.parse("{" + MOUNT + ", \"shares\": {\"open\": {\"path\": \"/mem\"},"
                + " \"sealed\": {\"path\": \"/mem\", \"access\": \"ro\", \"encrypt\": true}}}");
        assertEquals(new ShareConfig("/mem", false, "", false), c.shares().get("open"));
        assertEquals(new ShareConfig("/mem", true, "", true), c.shares().get("sealed"));
        refused("{" + MOUNT + ", \"shares\": {\"s\": {\"path\": \"/mem\", \"encrypt\": \"yes\"}}}", "$.shares.s.encrypt", "");
    }

    @Test
    public void oneAddressAndPortMayServeOverTcpAndUdpBoth() throws Exception {
        ServerConfig c = ConfigParser.parse("{\"listeners\": [{\"protocol\": \"portmap\", \"port\": 111},"
                + " {\"protocol\": \"portmap\", \"transport\": \"udp\", \"port\": 111}]}");
        assertEquals(List.of(new ListenerConfig("portmap", "tcp", "0.0.0.0", 111),
                new ListenerConfig("portmap", "udp", "0.0.0.0", 111)), c.listeners());
    }

    @Test
    public void secretsAreNotPrinted() throws Exception {
        ServerConfig c = ConfigParser.parse("{\"users\": [{\"name\": \"a\", \"password\": \"hunter2\", \"uid\": 1, \"gid\": 1}], \"s3_access_keys\": [{\"access_key\": \"AK\", \"secret_key\": \"SK-secret\", \"user\": \"a\"}]}");
        assertFalse(c.users().toString().contains("hunter2"));
        assertFalse(c.s3AccessKeys().toString().contains("SK-secret"));
    }

    private static void refused(String json, String path, String problem) {
        try {
            ConfigParser.parse(json);
            fail("accepted: " + json);
        } catch (ConfigException e) {
            assertEquals(json, path, e.path());
            assertTrue(e.getMessage() + " lacks " + problem, e.problem().contains(problem));
        }
    }
}
