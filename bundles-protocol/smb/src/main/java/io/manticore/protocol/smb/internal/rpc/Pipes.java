package io.manticore.protocol.smb.internal.rpc;

import java.util.Locale;

import io.manticore.protocol.smb.internal.SmbServer;

/** The named pipes this server serves on IPC$: srvsvc and wkssvc. */
public final class Pipes {

    private Pipes() {
    }

    /** A new pipe for the CREATE name ({@code srvsvc}, {@code \PIPE\srvsvc}), or null when there is no such pipe. */
    public static NamedPipe open(String name, SmbServer server) {
        String bare = name.toLowerCase(Locale.ROOT);
        if (bare.startsWith("\\pipe\\")) {
            bare = bare.substring(6);
        }
        return switch (bare) {
            case "srvsvc" -> new DceRpcPipe(new Srvsvc(server), "\\PIPE\\srvsvc");
            case "wkssvc" -> new DceRpcPipe(new Wkssvc(server), "\\PIPE\\wkssvc");
            default -> null;
        };
    }
}
