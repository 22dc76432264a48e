package io.manticore.protocol.nfs3.internal.nlm;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NSM's record of the hosts that hold NLM locks here, kept in {@code var/nfs/nsm/} with the
 * server's state number, so that after a restart each can be told to reclaim its locks
 * (SM_NOTIFY). The file is rewritten whole on each change (changes are rare: a host's first
 * lock and its release), and the number of hosts is bounded.
 */
public final class MonitoredHosts {

    /** A host that holds locks: the name it gave and the address it called from. */
    record Host(String name, String address) {
    }

    static final int MAX_HOSTS = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(MonitoredHosts.class);

    private final Path hostsFile;
    private final Path stateFile;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final List<Host> previous;
    private final int state;

    /** Loads the records and moves to the next state number (odd: up, as NSM counts restarts). */
    public MonitoredHosts(Path varDirectory) throws IOException {
        Path dir = varDirectory.resolve("nfs").resolve("nsm");
        Files.createDirectories(dir);
        this.hostsFile = dir.resolve("hosts");
        this.stateFile = dir.resolve("state");
        int last = Files.exists(stateFile) ? parseState(Files.readString(stateFile).trim()) : 0;
        this.state = (last | 1) + 2;
        write(stateFile, Integer.toString(state));
        this.previous = Files.exists(hostsFile) ? parse(Files.readAllLines(hostsFile, StandardCharsets.UTF_8)) : List.of();
        write(hostsFile, "");
    }

    /** This server's NSM state number since the last restart. */
    int state() {
        return state;
    }

    /** The hosts that held locks before the restart, to notify. */
    List<Host> previous() {
        return previous;
    }

    /** Records {@code name} as holding locks; false when the table is full. */
    synchronized boolean monitor(String name, InetAddress address) {
        if (hosts.containsKey(name)) {
            return true;
        }
        if (hosts.size() >= MAX_HOSTS) {
            return false;
        }
        hosts.put(name, new Host(name, address.getHostAddress()));
        save();
        return true;
    }

    /** Forgets {@code name} (it freed its locks or rebooted). */
    synchronized void forget(String name) {
        if (hosts.remove(name) != null) {
            save();
        }
    }

    synchronized List<Host> current() {
        return List.copyOf(hosts.values());
    }

    private void save() {
        StringBuilder text = new StringBuilder();
        for (Host h : hosts.values()) {
            text.append(h.address()).append(' ').append(h.name()).append('\n');
        }
        try {
            write(hostsFile, text.toString());
        } catch (IOException e) {
            LOG.warn("Cannot record NLM hosts in {}: after a restart they will not be told to reclaim their locks", hostsFile, e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int parseState(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<Host> parse(List<String> lines) {
        List<Host> parsed = new ArrayList<>();
        for (String line : lines) {
            int space = line.indexOf(' ');
            if (space > 0 && space < line.length() - 1 && parsed.size() < MAX_HOSTS) {
                parsed.add(new Host(line.substring(space + 1), line.substring(0, space)));
            }
        }
        return parsed;
    }
}
