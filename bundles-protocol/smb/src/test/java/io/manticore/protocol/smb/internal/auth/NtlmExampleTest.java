package io.manticore.protocol.smb.internal.auth;

import static io.manticore.protocol.smb.internal.auth.TestNtlmClient.concat;
import static io.manticore.protocol.smb.internal.auth.TestNtlmClient.hex;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;

/**
 * The NTLMv2 example of MS-NLMP 4.2.4 (user "User", domain "Domain", password "Password", server challenge
 * 0123456789abcdef, client challenge aaaaaaaaaaaaaaaa, time 0, random session key 55…55, flags 0xE28A8233), checked
 * byte for byte, and then fed whole to the acceptor.
 */
public class NtlmExampleTest {

    private static final byte[] SERVER_CHALLENGE = hex("0123456789abcdef");
    private static final byte[] RANDOM_SESSION_KEY = hex("55555555555555555555555555555555");
    private static final int EXAMPLE_FLAGS = 0xE28A8233;
    // MS-NLMP 4.2.4: temp = 0x0101, Z(6), Time, ClientChallenge, Z(4), the AV pairs (Domain, Server, EOL), Z(4).
    private static final byte[] TEMP = hex("0101000000000000" + "0000000000000000" + "aaaaaaaaaaaaaaaa" + "00000000"
            + "02000c0044006f006d00610069006e00" + "01000c0053006500720076006500720000000000" + "00000000");
    private static final byte[] NT_HASH = hex("a4f49c406510bdcab6824ee7c30fd852");
    private static final byte[] NTOWFV2 = hex("0c868a403bfd7a93a3001ef22ef02e3f");
    private static final byte[] NT_PROOF_STR = hex("68cd0ab851e51c96aabc927bebef6a1c");
    private static final byte[] SESSION_BASE_KEY = hex("8de40ccadbc14a82f15cb0ad0de95ca3");
    private static final byte[] ENCRYPTED_SESSION_KEY = hex("c5dad2544fc9799094ce1ce90bc9d03e");
    private static final byte[] LMV2_RESPONSE = hex("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa");

    @Test
    public void ntHashOfTheExamplePassword() {
        assertArrayEquals(NT_HASH, TestNtlmClient.ntHash("Password"));
    }

    @Test
    public void ntowfv2MatchesTheExample() {
        assertArrayEquals(NTOWFV2, NtlmCrypto.ntowfv2(NT_HASH, "User", "Domain"));
        assertArrayEquals(NTOWFV2, NtlmCrypto.ntowfv2(NT_HASH, "user", "Domain"));
        assertFalse(Arrays.equals(NTOWFV2, NtlmCrypto.ntowfv2(NT_HASH, "User", "DOMAIN")));
    }

    @Test
    public void ntProofStrSessionBaseKeyAndEncryptedSessionKeyMatchTheExample() {
        byte[] proof = NtlmCrypto.hmacMd5(NTOWFV2, SERVER_CHALLENGE, TEMP);
        assertArrayEquals(NT_PROOF_STR, proof);
        byte[] sessionBaseKey = NtlmCrypto.hmacMd5(NTOWFV2, proof);
        assertArrayEquals(SESSION_BASE_KEY, sessionBaseKey);
        assertArrayEquals(ENCRYPTED_SESSION_KEY, NtlmCrypto.rc4(sessionBaseKey, RANDOM_SESSION_KEY));
        assertArrayEquals(RANDOM_SESSION_KEY, NtlmCrypto.rc4(sessionBaseKey, ENCRYPTED_SESSION_KEY));
    }

    @Test
    public void lmv2ResponseMatchesTheExample() {
        byte[] lmProof = NtlmCrypto.hmacMd5(NTOWFV2, SERVER_CHALLENGE, hex("aaaaaaaaaaaaaaaa"));
        assertArrayEquals(LMV2_RESPONSE, concat(lmProof, hex("aaaaaaaaaaaaaaaa")));
    }

    @Test
    public void signingAndSealingKeysMatchTheExample() {
        // MS-NLMP 4.2.4.4: the client's keys for ExportedSessionKey 55…55 with 128-bit extended session security.
        assertArrayEquals(hex("4788dc861b4782f35d43fd98fe1a2d39"),
                NtlmSessionSecurity.signingKey(RANDOM_SESSION_KEY, true));
        assertArrayEquals(hex("59f600973cc4960a25480a7c196e4c58"),
                NtlmSessionSecurity.sealingKey(RANDOM_SESSION_KEY, EXAMPLE_FLAGS, true));
    }

    @Test
    public void theAcceptorVerifiesTheExampleAndRecoversTheRandomSessionKey() throws AuthException {
        NtlmAcceptor acceptor = new NtlmAcceptor(new Directory(), "Server");
        byte[] challenge = acceptor.challenge(new TestNtlmClient().negotiate(), new FixedRandom(SERVER_CHALLENGE));
        assertArrayEquals(SERVER_CHALLENGE, Arrays.copyOfRange(challenge, 24, 32));
        NtlmStep step = acceptor.accept(exampleAuthenticate());
        assertNull(step.token());
        assertEquals("User", step.result().user());
        assertEquals("Domain", step.result().domain());
        assertFalse(step.result().guest());
        assertFalse(step.result().anonymous());
        assertArrayEquals(RANDOM_SESSION_KEY, step.result().sessionKey());
    }

    @Test
    public void theExampleFailsUnderAnotherServerChallenge() throws AuthException {
        NtlmAcceptor acceptor = new NtlmAcceptor(new Directory(), "Server");
        acceptor.challenge(new TestNtlmClient().negotiate(), new FixedRandom(hex("0123456789abcdee")));
        try {
            acceptor.accept(exampleAuthenticate());
            org.junit.Assert.fail("accepted a response to another challenge");
        } catch (AuthException e) {
            assertEquals(AuthException.STATUS_LOGON_FAILURE, e.ntStatus());
        }
    }

    /** MS-NLMP 4.2.4.3's AUTHENTICATE_MESSAGE fields, laid out without a Version or MIC. */
    private static byte[] exampleAuthenticate() {
        byte[][] payloads = {LMV2_RESPONSE, concat(NT_PROOF_STR, TEMP), TestNtlmClient.utf16("Domain"),
            TestNtlmClient.utf16("User"), TestNtlmClient.utf16("COMPUTER"), ENCRYPTED_SESSION_KEY};
        int size = 64;
        for (byte[] payload : payloads) {
            size += payload.length;
        }
        byte[] message = new byte[size];
        System.arraycopy("NTLMSSP\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, message, 0, 8);
        TestNtlmClient.putU32(message, 8, 3);
        int offset = 64;
        for (int i = 0; i < payloads.length; i++) {
            int field = 12 + 8 * i;
            TestNtlmClient.putU16(message, field, payloads[i].length);
            TestNtlmClient.putU16(message, field + 2, payloads[i].length);
            TestNtlmClient.putU32(message, field + 4, offset);
            System.arraycopy(payloads[i], 0, message, offset, payloads[i].length);
            offset += payloads[i].length;
        }
        TestNtlmClient.putU32(message, 60, EXAMPLE_FLAGS);
        return message;
    }

    /** The example's one user. */
    static final class Directory implements UserDirectory {
        private final Map<String, byte[]> users = Map.of("user", NT_HASH);

        @Override
        public Optional<byte[]> ntHash(String user) {
            return Optional.ofNullable(users.get(user.toLowerCase(java.util.Locale.ROOT)));
        }

        @Override
        public boolean guestAllowed() {
            return false;
        }
    }

    /** A SecureRandom that hands out a fixed server challenge. */
    static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}
