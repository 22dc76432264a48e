package io.manticore.protocol.smb.internal.wire;

/** The SMB2 dialect revisions (MS-SMB2 2.2.3). */
public final class Dialect {

    public static final int SMB_2_0_2 = 0x0202;
    public static final int SMB_2_1 = 0x0210;
    public static final int SMB_3_0 = 0x0300;
    public static final int SMB_3_0_2 = 0x0302;
    public static final int SMB_3_1_1 = 0x0311;
    /** The wildcard revision of the answer to an SMB1 negotiate offering "SMB 2.???" (MS-SMB2 3.3.5.3.1). */
    public static final int SMB_2_WILDCARD = 0x02FF;

    private Dialect() {
    }

    public static boolean isKnown(int dialect) {
        return dialect == SMB_2_0_2 || dialect == SMB_2_1 || dialect == SMB_3_0 || dialect == SMB_3_0_2
                || dialect == SMB_3_1_1;
    }

    /** True for the 3.x family, which has the SMB3 key derivation, encryption and AES-CMAC signing. */
    public static boolean isSmb3(int dialect) {
        return dialect >= SMB_3_0 && dialect != SMB_2_WILDCARD;
    }

    /** The dialect as people write it: "2.0.2", "3.1.1". */
    public static String name(int dialect) {
        return switch (dialect) {
            case SMB_2_0_2 -> "2.0.2";
            case SMB_2_1 -> "2.1";
            case SMB_3_0 -> "3.0";
            case SMB_3_0_2 -> "3.0.2";
            case SMB_3_1_1 -> "3.1.1";
            default -> "0x" + Integer.toHexString(dialect);
        };
    }

    /** The dialect named "2.0.2", "2.1", "3.0", "3.0.2" or "3.1.1" (the config's spelling). */
    public static int parse(String name) {
        return switch (name) {
            case "2.0.2" -> SMB_2_0_2;
            case "2.1" -> SMB_2_1;
            case "3.0" -> SMB_3_0;
            case "3.0.2" -> SMB_3_0_2;
            case "3.1.1" -> SMB_3_1_1;
            default -> throw new IllegalArgumentException("unknown SMB dialect '" + name + "' (2.0.2, 2.1, 3.0, 3.0.2, 3.1.1)");
        };
    }
}
