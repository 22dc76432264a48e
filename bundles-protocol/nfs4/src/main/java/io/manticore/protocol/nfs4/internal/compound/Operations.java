package io.manticore.protocol.nfs4.internal.compound;

import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;

/**
 * The dispatch table: opcode to operation, with the minor versions each is served in. An opcode
 * past a minor version's range is OP_ILLEGAL (RFC 8881 15.2); one in range but not served, or
 * one a later minor version retired (RFC 8881 18: SETCLIENTID, OPEN_CONFIRM, RENEW…), is NOTSUPP.
 */
public final class Operations {

    private final Operation<?>[] byOpcode = new Operation<?>[Opcodes.REMOVEXATTR + 1];
    private final int[] lowestMinor = new int[byOpcode.length];
    private final int[] highestMinor = new int[byOpcode.length];

    /** Serves {@code op} in every minor version from {@code lowest} to {@code highest}. */
    public Operations serve(Operation<?> op, int lowest, int highest) {
        int code = op.opcode();
        if (byOpcode[code] != null) {
            throw new IllegalArgumentException("opcode " + code + " registered twice");
        }
        byOpcode[code] = op;
        lowestMinor[code] = lowest;
        highestMinor[code] = highest;
        return this;
    }

    /** The operation {@code opcode} names in minor version {@code minor}, or a {@link Refusal}. */
    public Operation<?> lookup(int opcode, int minor) {
        if (opcode < Opcodes.ACCESS || opcode > Opcodes.highest(minor)) {
            return new Refusal(Opcodes.ILLEGAL, Nfs4Status.OP_ILLEGAL);
        }
        Operation<?> op = byOpcode[opcode];
        if (op == null || minor < lowestMinor[opcode] || minor > highestMinor[opcode]) {
            return new Refusal(opcode, Nfs4Status.NOTSUPP);
        }
        return op;
    }
}
