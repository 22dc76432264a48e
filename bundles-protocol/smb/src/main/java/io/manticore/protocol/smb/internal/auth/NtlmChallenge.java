package io.manticore.protocol.smb.internal.auth;

import java.util.Locale;

/** Builds the CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2) a server answers a NEGOTIATE_MESSAGE with. */
final class NtlmChallenge {

    private static final int HEADER_LENGTH = 56;
    private static final int TARGET_NAME_FIELD = 12;
    private static final int FLAGS_OFFSET = 20;
    private static final int CHALLENGE_OFFSET = 24;
    private static final int TARGET_INFO_FIELD = 40;
    private static final int VERSION_OFFSET = 48;
    // MS-NLMP 2.2.2.10: 6.1, build 7601, NTLMSSP_REVISION_W2K3 (15).
    private static final byte[] VERSION = {6, 1, (byte) 0xB1, 0x1D, 0, 0, 0, 0x0F};
    private static final long FILETIME_EPOCH_OFFSET_MILLIS = 11_644_473_600_000L;

    private NtlmChallenge() {
    }

    /** The flags granted to a client that offered {@code offered} (MS-NLMP 3.2.5.1.1): NTLMv2 only. */
    static int grantedFlags(int offered) {
        int flags = NtlmFlags.NEGOTIATE_NTLM | NtlmFlags.NEGOTIATE_TARGET_INFO | NtlmFlags.TARGET_TYPE_SERVER
                | NtlmFlags.REQUEST_TARGET | (offered & NtlmFlags.ECHOED);
        return NtlmFlags.has(offered, NtlmFlags.NEGOTIATE_UNICODE) ? flags : flags | NtlmFlags.NEGOTIATE_OEM;
    }

    /** The TargetInfo of a stand-alone server: it is its own NetBIOS domain. */
    static byte[] targetInfo(String serverName, long nowMillis) {
        String netbios = serverName.toUpperCase(Locale.ROOT);
        String dns = serverName.toLowerCase(Locale.ROOT);
        byte[] timestamp = new byte[8];
        long filetime = (nowMillis + FILETIME_EPOCH_OFFSET_MILLIS) * 10_000L;
        for (int i = 0; i < 8; i++) {
            timestamp[i] = (byte) (filetime >>> (8 * i));
        }
        return new AvPairs()
                .add(AvPairs.NB_DOMAIN_NAME, NtlmMessage.bytes(netbios, true))
                .add(AvPairs.NB_COMPUTER_NAME, NtlmMessage.bytes(netbios, true))
                .add(AvPairs.DNS_DOMAIN_NAME, NtlmMessage.bytes(dns, true))
                .add(AvPairs.DNS_COMPUTER_NAME, NtlmMessage.bytes(dns, true))
                .add(AvPairs.TIMESTAMP, timestamp)
                .encode();
    }

    static byte[] encode(int flags, byte[] serverChallenge, String targetName, byte[] targetInfo) {
        byte[] name = NtlmMessage.bytes(targetName.toUpperCase(Locale.ROOT),
                NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_UNICODE));
        byte[] out = new byte[HEADER_LENGTH + name.length + targetInfo.length];
        NtlmMessage.writeHeader(out, NtlmMessage.CHALLENGE);
        int next = NtlmMessage.writeField(out, TARGET_NAME_FIELD, name, HEADER_LENGTH);
        NtlmMessage.writeField(out, TARGET_INFO_FIELD, targetInfo, next);
        NtlmMessage.writeU32(out, FLAGS_OFFSET, flags);
        System.arraycopy(serverChallenge, 0, out, CHALLENGE_OFFSET, serverChallenge.length);
        if (NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_VERSION)) {
            System.arraycopy(VERSION, 0, out, VERSION_OFFSET, VERSION.length);
        }
        return out;
    }
}
