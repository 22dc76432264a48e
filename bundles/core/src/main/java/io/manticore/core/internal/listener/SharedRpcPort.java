package io.manticore.core.internal.listener;

import java.util.List;
import java.util.function.Function;

import io.manticore.api.protocol.ProtocolHandler;
import io.netty.channel.Channel;

/**
 * The protocol of a listener that several ONC RPC protocols share ({@code "nfs4+nfs3"}): each
 * connection is handed to the member serving the program and version of its first call, looked up
 * among the protocols present at that moment, so a member updated or swapped takes the next
 * connections while the socket stays bound.
 */
final class SharedRpcPort implements ProtocolHandler {

    private final String name;
    private final List<String> members;
    private final Function<String, RegisteredProtocol> present;

    SharedRpcPort(String name, List<String> members, Function<String, RegisteredProtocol> present) {
        this.name = name;
        this.members = List.copyOf(members);
        this.present = present;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void initChannel(Channel channel) {
        channel.pipeline().addLast("rpc-first-call", new FirstCallRouter(this));
    }

    /** True while at least one member is present. */
    boolean anyPresent() {
        return members.stream().anyMatch(m -> present.apply(m) != null);
    }

    /** The members not present now. */
    List<String> missing() {
        return members.stream().filter(m -> present.apply(m) == null).toList();
    }

    /**
     * The member that serves {@code program} at {@code version}; else the first that serves the
     * program at another version (it answers PROG_MISMATCH); else the first present (it answers
     * PROG_UNAVAIL); null when none is present.
     */
    ProtocolHandler choose(int program, int version) {
        RegisteredProtocol sameProgram = null;
        RegisteredProtocol first = null;
        for (String member : members) {
            RegisteredProtocol p = present.apply(member);
            if (p == null) {
                continue;
            }
            if (p.serves(program, version)) {
                return p.handler();
            }
            if (sameProgram == null && p.servesProgram(program)) {
                sameProgram = p;
            }
            if (first == null) {
                first = p;
            }
        }
        RegisteredProtocol chosen = sameProgram != null ? sameProgram : first;
        return chosen == null ? null : chosen.handler();
    }
}
