package io.manticore.protocol.nfscommon.internal.export;

import java.net.InetAddress;
import java.util.List;

import io.manticore.api.config.AddressRange;
import io.manticore.api.config.ExportConfig;
import io.manticore.api.cred.Cred;

/**
 * One export as configured: its namespace path, the id its wire handles carry, who may use it
 * and as whom.
 *
 * @param id       the export id written into wire handles (stable across restarts: derived from the path)
 * @param path     the exported namespace path ({@code /<mount>/…})
 * @param readOnly whether every change is refused with ROFS
 * @param squash   which callers become the anonymous identity
 * @param clients  the address ranges allowed to use the export
 * @param anonUid  the anonymous uid
 * @param anonGid  the anonymous gid
 */
public record Export(int id, String path, boolean readOnly, Squash squash, List<AddressRange> clients,
                     int anonUid, int anonGid) {

    public Export {
        clients = List.copyOf(clients);
    }

    static Export of(int id, ExportConfig config) {
        List<AddressRange> ranges = config.clients().stream().map(AddressRange::parse).toList();
        return new Export(id, config.path(), config.readOnly(), Squash.of(config.squash()), ranges,
                config.anonUid(), config.anonGid());
    }

    /** True when a client at {@code address} may use this export. */
    public boolean admits(InetAddress address) {
        for (AddressRange range : clients) {
            if (range.matches(address)) {
                return true;
            }
        }
        return false;
    }

    /** The anonymous identity (AUTH_NONE callers and squashed ones). */
    public Cred anonymous() {
        return new Cred(anonUid, anonGid, new int[0]);
    }

    /** The identity a caller claiming {@code claimed} runs as here. */
    public Cred map(Cred claimed) {
        return switch (squash) {
            case NONE -> claimed;
            case ALL -> anonymous();
            case ROOT -> squashRoot(claimed);
        };
    }

    private Cred squashRoot(Cred claimed) {
        int[] groups = claimed.groups();
        boolean changed = claimed.uid() == 0 || claimed.gid() == 0;
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] == 0) {
                groups[i] = anonGid;
                changed = true;
            }
        }
        if (!changed) {
            return claimed;
        }
        return new Cred(claimed.uid() == 0 ? anonUid : claimed.uid(),
                claimed.gid() == 0 ? anonGid : claimed.gid(), groups);
    }

    /** The rules as one line for the shell: {@code rw root_squash 127.0.0.0/8,::1/128}. */
    public String rules() {
        String squashed = switch (squash) {
            case NONE -> "no_root_squash";
            case ROOT -> "root_squash";
            case ALL -> "all_squash";
        };
        return (readOnly ? "ro " : "rw ") + squashed + " anon=" + anonUid + ":" + anonGid + " "
                + String.join(",", clients.stream().map(AddressRange::toString).toList());
    }
}
