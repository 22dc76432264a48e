package io.manticore.itest;

import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.manticore.api.admin.ListenerAdmin;
import io.manticore.api.admin.MountAdmin;

/**
 * Samba's smbtorture against the assembled server, suite by suite, compared with the pass counts
 * recorded in {@code smb/smbtorture-baseline.properties}: a suite that passes fewer tests than
 * recorded fails the build. Each suite's counts go to {@code target/smbtorture-counts.txt}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SmbTortureIT {

    private static final Path SMBTORTURE = Path.of("/usr/bin/smbtorture");
    private static final String PASSWORD = "itest-only-torture";
    private static final long SUITE_MS = 420_000;

    @Inject
    private ListenerAdmin listeners;
    @Inject
    private MountAdmin mounts;

    private LeakLog leaks;
    private Path scratch;

    @Configuration
    public Option[] config() {
        return Assembly.server(Assembly.newHome("smb-torture", """
                {
                  "listeners": [ { "protocol": "smb", "transport": "tcp", "address": "127.0.0.1", "port": 0 } ],
                  "mounts": { "mem": { "module": "memfs", "options": { "size": "512m", "root_mode": "1777" } } },
                  "shares": { "torture": { "path": "/mem", "access": "rw" } },
                  "users": [ { "name": "alice", "password": "%s", "uid": 1000, "gid": 1000 } ],
                  "shell": { "ssh": false }
                }
                """.formatted(PASSWORD)));
    }

    @Before
    public void connect() throws Exception {
        leaks = LeakLog.attach();
        assertTrue("smbtorture is not installed: install samba-testsuite (.ci/run does)", Files.isExecutable(SMBTORTURE));
        Running.await(listeners, mounts, "smb", "mem");
        scratch = Scratch.create("smb-torture");
    }

    @After
    public void cleanUp() throws Exception {
        Scratch.delete(scratch);
        List<String> found = leaks.collect();
        leaks.detach();
        assertTrue("buffer leaks: " + found, found.isEmpty());
    }

    @Test
    public void noSuitePassesFewerTestsThanRecorded() throws Exception {
        Map<String, Integer> baseline = baseline();
        Path conf = scratch.resolve("smb.conf");
        Files.writeString(conf, "[global]\n", StandardCharsets.UTF_8);
        List<String> regressions = new ArrayList<>();
        StringBuilder report = new StringBuilder("suite passed failed errors skipped (recorded)\n");
        for (Map.Entry<String, Integer> suite : baseline.entrySet()) {
            ClientRun run = ClientRun.start(scratch, suite.getKey(), Map.of(), SUITE_MS, List.of(SMBTORTURE.toString(),
                    "--configfile=" + conf, "//127.0.0.1/torture", "-p", String.valueOf(port()), "-U", "alice%" + PASSWORD,
                    suite.getKey()));
            Counts c = Counts.of(run.lines());
            report.append(suite.getKey()).append(' ').append(c.passed).append(' ').append(c.failed).append(' ')
                    .append(c.errors).append(' ').append(c.skipped).append(" (").append(suite.getValue()).append(")\n");
            if (c.passed < suite.getValue()) {
                regressions.add(suite.getKey() + ": " + c.passed + " passed, " + suite.getValue() + " recorded; failures "
                        + c.failures);
            }
        }
        Files.writeString(Path.of("target", "smbtorture-counts.txt"), report.toString(), StandardCharsets.UTF_8);
        assertTrue("smbtorture regressions:\n" + String.join("\n", regressions) + "\n" + report, regressions.isEmpty());
    }

    /** The recorded pass counts, in the file's order (the run order). */
    private static Map<String, Integer> baseline() throws Exception {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (InputStream in = SmbTortureIT.class.getResourceAsStream("/smb/smbtorture-baseline.properties")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    out.put(line.substring(0, eq).trim(), Integer.parseInt(line.substring(eq + 1).trim()));
                }
            }
        }
        return out;
    }

    /** The result lines smbtorture prints for each test: success:, failure:, error:, skip:. */
    private record Counts(int passed, int failed, int errors, int skipped, List<String> failures) {

        static Counts of(List<String> lines) {
            int passed = 0;
            int failed = 0;
            int errors = 0;
            int skipped = 0;
            List<String> failures = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("success: ")) {
                    passed++;
                } else if (line.startsWith("failure: ")) {
                    failed++;
                    failures.add(line.substring(9).replace(" [", ""));
                } else if (line.startsWith("error: ")) {
                    errors++;
                    failures.add(line.substring(7).replace(" [", ""));
                } else if (line.startsWith("skip: ")) {
                    skipped++;
                }
            }
            return new Counts(passed, failed, errors, skipped, failures);
        }
    }

    private int port() {
        return Running.port(listeners, "smb");
    }
}
