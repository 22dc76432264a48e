package io.manticore.protocol.oncrpc.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The programs a server serves, by program number; immutable, shared by all connections. */
public final class RpcPrograms {

    private final Map<Integer, RpcProgram> byNumber;

    public RpcPrograms(List<? extends RpcProgram> programs) {
        Map<Integer, RpcProgram> map = new HashMap<>();
        for (RpcProgram program : programs) {
            if (map.putIfAbsent(program.program(), program) != null) {
                throw new IllegalArgumentException("program " + Integer.toUnsignedString(program.program())
                        + " is registered twice");
            }
        }
        this.byNumber = Map.copyOf(map);
    }

    /** The program numbered {@code program}, or null. */
    public RpcProgram find(int program) {
        return byNumber.get(program);
    }
}
