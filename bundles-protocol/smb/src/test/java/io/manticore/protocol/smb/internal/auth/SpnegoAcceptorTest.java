package io.manticore.protocol.smb.internal.auth;

import static io.manticore.protocol.smb.internal.auth.TestNtlmClient.hex;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;

/** Whole SESSION_SETUP exchanges against the acceptor, driven by the test's own NTLM client. */
public class SpnegoAcceptorTest {

    private static final String PASSWORD = "Secret1!";

    @Test
    public void negotiateTokenIsANegTokenInit2ListingNtlmssp() {
        String hint = HexFormat.of().formatHex("not_defined_in_RFC4178@please_ignore".getBytes(StandardCharsets.US_ASCII));
        assertEquals("6048" + "06062b0601050502" + "a03e303c" + "a00e300c060a2b06010401823702020a"
                + "a32a3028a0261b24" + hint, HexFormat.of().formatHex(SpnegoAcceptor.negotiateToken()));
    }

    @Test
    public void spnegoExchangeAuthenticatesAndExportsTheClientsSessionKey() throws AuthException {
        SpnegoAcceptor acceptor = acceptor(false);
        TestNtlmClient client = new TestNtlmClient();
        byte[] mechTypes = TestSpnego.mechTypes(TestSpnego.NTLMSSP);
        AuthStep first = acceptor.accept(TestSpnego.negTokenInit(mechTypes, client.negotiate()));
        assertFalse(first.done());
        assertNull(first.result());
        assertArrayEquals(hex("01"), TestSpnego.respField(first.responseToken(), 0));
        assertArrayEquals(hex("2B06010401823702020A"), TestSpnego.respField(first.responseToken(), 1));
        byte[] challenge = TestSpnego.respField(first.responseToken(), 2);
        assertChallenge(challenge);

        byte[] authenticate = client.authenticate(challenge, "Alice", "WORKGROUP", PASSWORD);
        AuthStep last = acceptor.accept(TestSpnego.negTokenResp(authenticate, client.clientSignature(mechTypes)));
        assertTrue(last.done());
        assertEquals("Alice", last.result().user());
        assertEquals("WORKGROUP", last.result().domain());
        assertFalse(last.result().guest());
        assertFalse(last.result().anonymous());
        assertArrayEquals(client.randomSessionKey, last.result().sessionKey());
        assertArrayEquals(hex("00"), TestSpnego.respField(last.responseToken(), 0));
        assertArrayEquals(client.expectedServerSignature(mechTypes), TestSpnego.respField(last.responseToken(), 3));
    }

    @Test
    public void withoutAMechListMicTheExchangeCompletesWithoutOne() throws AuthException {
        SpnegoAcceptor acceptor = acceptor(false);
        TestNtlmClient client = new TestNtlmClient();
        AuthStep first = acceptor.accept(TestSpnego.negTokenInit(TestSpnego.mechTypes(TestSpnego.NTLMSSP),
                client.negotiate()));
        byte[] authenticate = client.authenticate(TestSpnego.respField(first.responseToken(), 2), "alice", "",
                PASSWORD);
        AuthStep last = acceptor.accept(TestSpnego.negTokenResp(authenticate, null));
        assertTrue(last.done());
        assertEquals("a10730 05a0030a0100".replace(" ", ""), HexFormat.of().formatHex(last.responseToken()));
    }

    @Test
    public void rawNtlmIsAnsweredRaw() throws AuthException {
        SpnegoAcceptor acceptor = acceptor(false);
        TestNtlmClient client = new TestNtlmClient();
        AuthStep first = acceptor.accept(client.negotiate());
        assertFalse(first.done());
        assertChallenge(first.responseToken());
        AuthStep last = acceptor.accept(client.authenticate(first.responseToken(), "alice", "WG", PASSWORD));
        assertTrue(last.done());
        assertEquals(0, last.responseToken().length);
        assertArrayEquals(client.randomSessionKey, last.result().sessionKey());
    }

    @Test
    public void aClientPreferringKerberosIsSteeredToNtlmssp() throws AuthException {
        SpnegoAcceptor acceptor = acceptor(false);
        TestNtlmClient client = new TestNtlmClient();
        byte[] mechTypes = TestSpnego.mechTypes(TestSpnego.MS_KERBEROS, TestSpnego.KERBEROS, TestSpnego.NTLMSSP);
        AuthStep first = acceptor.accept(TestSpnego.negTokenInit(mechTypes, hex("6082000102")));
        assertArrayEquals(hex("2B06010401823702020A"), TestSpnego.respField(first.responseToken(), 1));
        assertNull(TestSpnego.respField(first.responseToken(), 2));
        AuthStep second = acceptor.accept(TestSpnego.negTokenResp(client.negotiate(), null));
        byte[] challenge = TestSpnego.respField(second.responseToken(), 2);
        assertChallenge(challenge);
        byte[] authenticate = client.authenticate(challenge, "alice", "WG", PASSWORD);
        AuthStep last = acceptor.accept(TestSpnego.negTokenResp(authenticate, client.clientSignature(mechTypes)));
        assertTrue(last.done());
        assertArrayEquals(client.expectedServerSignature(mechTypes), TestSpnego.respField(last.responseToken(), 3));
    }

    @Test
    public void windowsNegTokenInitFromThePublishedExchangeIsAnsweredWithAChallenge() throws AuthException {
        // The SPNEGO token of the first SESSION_SETUP in "SMB 3.1.1 Encryption in Windows 10", appendix A.2.
        byte[] windows = hex("604806062B0601050502A03E303CA00E300C060A2B06010401823702020AA22A04284E544C4D5353500001"
                + "000000978208E200000000000000000000000000000000060380250000000F");
        AuthStep step = acceptor(false).accept(windows);
        byte[] challenge = TestSpnego.respField(step.responseToken(), 2);
        assertChallenge(challenge);
        // The client offered 0xE2088297: UNICODE, SIGN, KEY_EXCH, 128 and 56 are granted; LM_KEY and OEM are not.
        int flags = TestNtlmClient.u32(challenge, 20);
        assertEquals(0xE28A8215, flags);
    }

    @Test
    public void aWrongPasswordIsALogonFailure() throws AuthException {
        assertLogonFailure("alice", "WG", "secret1!");
    }

    @Test
    public void anUnknownUserIsALogonFailureWithoutGuest() throws AuthException {
        assertLogonFailure("mallory", "WG", PASSWORD);
    }

    @Test
    public void anUnknownUserBecomesGuestWhenGuestIsAllowed() throws AuthException {
        SpnegoAcceptor acceptor = acceptor(true);
        TestNtlmClient client = new TestNtlmClient();
        AuthStep first = acceptor.accept(client.negotiate());
        AuthStep last = acceptor.accept(client.authenticate(first.responseToken(), "mallory", "WG", "x"));
        assertTrue(last.result().guest());
        assertEquals("mallory", last.result().user());
        assertEquals(0, last.result().sessionKey().length);
    }

    @Test
    public void aWrongPasswordOfAKnownUserIsRefusedEvenWithGuest() throws AuthException {
        SpnegoAcceptor acceptor = acceptor(true);
        TestNtlmClient client = new TestNtlmClient();
        AuthStep first = acceptor.accept(client.negotiate());
        assertStatus(AuthException.STATUS_LOGON_FAILURE, acceptor,
                client.authenticate(first.responseToken(), "alice", "WG", "wrong"));
    }

    @Test
    public void aClientThatHashedWithAnEmptyDomainIsAccepted() throws AuthException {
        SpnegoAcceptor acceptor = acceptor(false);
        TestNtlmClient client = new TestNtlmClient();
        AuthStep first = acceptor.accept(client.negotiate());
        // MS-NLMP 3.2.5.1.2: servers SHOULD accept clients that name a domain but compute with NIL.
        AuthStep last = acceptor.accept(client.authenticate(first.responseToken(), "alice", "WG", "",
                TestNtlmClient.ntHash(PASSWORD), true));
        assertTrue(last.done());
        assertEquals("WG", last.result().domain());
        assertArrayEquals(client.randomSessionKey, last.result().sessionKey());
    }

    @Test
    public void aResponseComputedWithAnotherDomainIsALogonFailure() throws AuthException {
        SpnegoAcceptor acceptor = acceptor(false);
        TestNtlmClient client = new TestNtlmClient();
        AuthStep first = acceptor.accept(client.negotiate());
        assertStatus(AuthException.STATUS_LOGON_FAILURE, acceptor, client.authenticate(first.responseToken(),
                "alice", "WG", "OTHER", TestNtlmClient.ntHash(PASSWORD), true));
    }

    @Test
    public void aTamperedMicIsALogonFailure() throws AuthException {
        SpnegoAcceptor acceptor = acceptor(false);
        TestNtlmClient client = new TestNtlmClient();
        AuthStep first = acceptor.accept(client.negotiate());
        byte[] authenticate = client.authenticate(first.responseToken(), "alice", "WG", PASSWORD);
        authenticate[80] ^= 0x01;
        assertStatus(AuthException.STATUS_LOGON_FAILURE, acceptor, authenticate);
    }

    @Test
    public void aMessageChangedAfterItsMicWasComputedIsALogonFailure() throws AuthException {
        SpnegoAcceptor acceptor = acceptor(false);
        TestNtlmClient client = new TestNtlmClient();
        AuthStep first = acceptor.accept(client.negotiate());
        byte[] authenticate = client.authenticate(first.responseToken(), "alice", "WG", PASSWORD);
        // The workstation name is covered by the MIC only.
        byte[] workstation = TestNtlmClient.field(authenticate, 44);
        int at = TestNtlmClient.u32(authenticate, 48);
        authenticate[at] = (byte) (workstation[0] + 1);
        assertStatus(AuthException.STATUS_LOGON_FAILURE, acceptor, authenticate);
    }

    @Test
    public void aTamperedMechListMicIsALogonFailure() throws AuthException {
        SpnegoAcceptor acceptor = acceptor(false);
        TestNtlmClient client = new TestNtlmClient();
        byte[] mechTypes = TestSpnego.mechTypes(TestSpnego.NTLMSSP);
        AuthStep first = acceptor.accept(TestSpnego.negTokenInit(mechTypes, client.negotiate()));
        byte[] authenticate = client.authenticate(TestSpnego.respField(first.responseToken(), 2), "alice", "WG",
                PASSWORD);
        byte[] mic = client.clientSignature(mechTypes);
        mic[6] ^= 0x40;
        assertStatus(AuthException.STATUS_LOGON_FAILURE, acceptor, TestSpnego.negTokenResp(authenticate, mic));
    }

    @Test
    public void ntlmV1AndLmResponsesAreRefused() throws AuthException {
        SpnegoAcceptor acceptor = acceptor(false);
        TestNtlmClient client = new TestNtlmClient();
        AuthStep first = acceptor.accept(client.negotiate());
        byte[] authenticate = client.authenticate(first.responseToken(), "alice", "WG", PASSWORD);
        TestNtlmClient.putU16(authenticate, 20, 24);
        TestNtlmClient.putU16(authenticate, 22, 24);
        assertStatus(AuthException.STATUS_LOGON_FAILURE, acceptor, authenticate);
    }

    @Test
    public void anonymousLogonNeedsGuest() throws AuthException {
        for (boolean guest : new boolean[] {false, true}) {
            SpnegoAcceptor acceptor = acceptor(guest);
            TestNtlmClient client = new TestNtlmClient();
            AuthStep first = acceptor.accept(client.negotiate());
            byte[] anonymous = anonymousAuthenticate();
            if (!guest) {
                assertStatus(AuthException.STATUS_LOGON_FAILURE, acceptor, anonymous);
                continue;
            }
            assertNotNull(first.responseToken());
            AuthStep last = acceptor.accept(anonymous);
            assertTrue(last.result().anonymous());
            assertEquals("", last.result().user());
            assertEquals(0, last.result().sessionKey().length);
        }
    }

    @Test
    public void aTruncatedAuthenticateIsAnInvalidParameter() throws AuthException {
        SpnegoAcceptor acceptor = acceptor(false);
        TestNtlmClient client = new TestNtlmClient();
        AuthStep first = acceptor.accept(client.negotiate());
        byte[] authenticate = client.authenticate(first.responseToken(), "alice", "WG", PASSWORD);
        assertStatus(AuthException.STATUS_INVALID_PARAMETER, acceptor,
                java.util.Arrays.copyOf(authenticate, authenticate.length - 10));
    }

    @Test
    public void aHugeOffsetIsAnInvalidParameter() throws AuthException {
        SpnegoAcceptor acceptor = acceptor(false);
        TestNtlmClient client = new TestNtlmClient();
        AuthStep first = acceptor.accept(client.negotiate());
        byte[] authenticate = client.authenticate(first.responseToken(), "alice", "WG", PASSWORD);
        TestNtlmClient.putU32(authenticate, 24, 0xFFFFFFF0);
        assertStatus(AuthException.STATUS_INVALID_PARAMETER, acceptor, authenticate);
    }

    @Test
    public void aTruncatedSpnegoTokenIsAnInvalidParameter() {
        TestNtlmClient client = new TestNtlmClient();
        byte[] init = TestSpnego.negTokenInit(TestSpnego.mechTypes(TestSpnego.NTLMSSP), client.negotiate());
        assertStatus(AuthException.STATUS_INVALID_PARAMETER, acceptor(false),
                java.util.Arrays.copyOf(init, init.length - 1));
        byte[] hugeLength = init.clone();
        hugeLength[1] = (byte) 0x84;
        assertStatus(AuthException.STATUS_INVALID_PARAMETER, acceptor(false), hugeLength);
    }

    @Test
    public void everyPrefixOfEveryTokenFailsWithAnAuthException() throws AuthException {
        TestNtlmClient client = new TestNtlmClient();
        SpnegoAcceptor reference = acceptor(false);
        byte[] mechTypes = TestSpnego.mechTypes(TestSpnego.NTLMSSP);
        byte[] init = TestSpnego.negTokenInit(mechTypes, client.negotiate());
        byte[] challenge = TestSpnego.respField(reference.accept(init).responseToken(), 2);
        byte[] authenticate = client.authenticate(challenge, "alice", "WG", PASSWORD);
        byte[] resp = TestSpnego.negTokenResp(authenticate, client.clientSignature(mechTypes));
        for (int length = 0; length < init.length; length++) {
            expectAuthException(acceptor(false), java.util.Arrays.copyOf(init, length));
        }
        for (int length = 0; length < resp.length; length++) {
            SpnegoAcceptor acceptor = acceptor(false);
            acceptor.accept(init);
            expectAuthException(acceptor, java.util.Arrays.copyOf(resp, length));
        }
        for (int length = 0; length < authenticate.length; length++) {
            SpnegoAcceptor acceptor = acceptor(false);
            acceptor.accept(client.negotiate());
            expectAuthException(acceptor, java.util.Arrays.copyOf(authenticate, length));
        }
    }

    @Test
    public void randomlyCorruptedTokensFailOnlyWithAuthExceptions() throws AuthException {
        java.util.Random random = new java.util.Random(4178);
        TestNtlmClient client = new TestNtlmClient();
        byte[] mechTypes = TestSpnego.mechTypes(TestSpnego.NTLMSSP);
        byte[] init = TestSpnego.negTokenInit(mechTypes, client.negotiate());
        byte[] challenge = TestSpnego.respField(acceptor(false).accept(init).responseToken(), 2);
        byte[] resp = TestSpnego.negTokenResp(client.authenticate(challenge, "alice", "WG", PASSWORD), null);
        for (int round = 0; round < 2000; round++) {
            byte[] token = (round % 2 == 0 ? init : resp).clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                token[random.nextInt(token.length)] = (byte) random.nextInt(256);
            }
            SpnegoAcceptor acceptor = acceptor(true);
            try {
                if (round % 2 == 1) {
                    acceptor.accept(init);
                }
                acceptor.accept(token);
            } catch (AuthException expected) {
                assertTrue(expected.ntStatus() == AuthException.STATUS_INVALID_PARAMETER
                        || expected.ntStatus() == AuthException.STATUS_LOGON_FAILURE);
            }
        }
    }

    @Test
    public void tokensOutOfTurnAreInvalid() throws AuthException {
        TestNtlmClient client = new TestNtlmClient();
        byte[] authenticateFirst = client.negotiate();
        TestNtlmClient.putU32(authenticateFirst, 8, 3);
        assertStatus(AuthException.STATUS_INVALID_PARAMETER, acceptor(false), authenticateFirst);
        assertStatus(AuthException.STATUS_INVALID_PARAMETER, acceptor(false),
                TestSpnego.negTokenResp(client.negotiate(), null));
        SpnegoAcceptor mixed = acceptor(false);
        mixed.accept(TestSpnego.negTokenInit(TestSpnego.mechTypes(TestSpnego.NTLMSSP), null));
        assertStatus(AuthException.STATUS_INVALID_PARAMETER, mixed, client.negotiate());
        assertStatus(AuthException.STATUS_INVALID_PARAMETER, acceptor(false), new byte[0]);
    }

    @Test
    public void aClientWithoutNtlmsspIsRefused() {
        assertStatus(AuthException.STATUS_LOGON_FAILURE, acceptor(false),
                TestSpnego.negTokenInit(TestSpnego.mechTypes(TestSpnego.KERBEROS), null));
    }

    @Test
    public void nothingIsAcceptedAfterTheExchangeCompleted() throws AuthException {
        SpnegoAcceptor acceptor = acceptor(false);
        TestNtlmClient client = new TestNtlmClient();
        AuthStep first = acceptor.accept(client.negotiate());
        acceptor.accept(client.authenticate(first.responseToken(), "alice", "WG", PASSWORD));
        assertStatus(AuthException.STATUS_INVALID_PARAMETER, acceptor, client.negotiate());
    }

    private static void assertChallenge(byte[] challenge) {
        assertNotNull(challenge);
        assertEquals("4e544c4d53535000" + "02000000", HexFormat.of().formatHex(challenge, 0, 12));
        int flags = TestNtlmClient.u32(challenge, 20);
        assertEquals(0x00000200, flags & 0x00000200);
        assertEquals(0x00800000, flags & 0x00800000);
        byte[] targetInfo = TestNtlmClient.field(challenge, 40);
        assertArrayEquals(TestNtlmClient.utf16("FILER"), TestNtlmClient.avValue(targetInfo, 1));
        assertArrayEquals(TestNtlmClient.utf16("FILER"), TestNtlmClient.avValue(targetInfo, 2));
        assertArrayEquals(TestNtlmClient.utf16("filer"), TestNtlmClient.avValue(targetInfo, 3));
        assertArrayEquals(TestNtlmClient.utf16("filer"), TestNtlmClient.avValue(targetInfo, 4));
        assertEquals(8, TestNtlmClient.avValue(targetInfo, 7).length);
        assertArrayEquals(TestNtlmClient.utf16("FILER"), TestNtlmClient.field(challenge, 12));
    }

    private static void assertLogonFailure(String user, String domain, String password) throws AuthException {
        SpnegoAcceptor acceptor = acceptor(false);
        TestNtlmClient client = new TestNtlmClient();
        AuthStep first = acceptor.accept(client.negotiate());
        assertStatus(AuthException.STATUS_LOGON_FAILURE, acceptor,
                client.authenticate(first.responseToken(), user, domain, password));
    }

    private static void assertStatus(int status, SpnegoAcceptor acceptor, byte[] token) {
        try {
            acceptor.accept(token);
            fail("accepted");
        } catch (AuthException e) {
            assertEquals(e.getMessage(), Integer.toHexString(status), Integer.toHexString(e.ntStatus()));
            assertFalse("the message names no password", e.getMessage().contains(PASSWORD));
        }
    }

    private static void expectAuthException(SpnegoAcceptor acceptor, byte[] token) {
        try {
            acceptor.accept(token);
        } catch (AuthException expected) {
            return;
        }
        fail("a token of " + token.length + " bytes was accepted");
    }

    /** An AUTHENTICATE_MESSAGE with no user and no responses (MS-NLMP 3.2.5.1.2, anonymous). */
    private static byte[] anonymousAuthenticate() {
        byte[] message = new byte[89];
        System.arraycopy("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII), 0, message, 0, 8);
        TestNtlmClient.putU32(message, 8, 3);
        TestNtlmClient.putU16(message, 12, 1);
        TestNtlmClient.putU16(message, 14, 1);
        TestNtlmClient.putU32(message, 16, 88);
        for (int field = 20; field <= 52; field += 8) {
            TestNtlmClient.putU32(message, field + 4, 88);
        }
        TestNtlmClient.putU32(message, 60, 0x00000801);
        return message;
    }

    private static SpnegoAcceptor acceptor(boolean guest) {
        return new SpnegoAcceptor(new Users(guest), "filer");
    }

    /** One user, alice, and a guest switch. */
    private static final class Users implements UserDirectory {
        private final Map<String, byte[]> hashes = Map.of("alice", TestNtlmClient.ntHash(PASSWORD));
        private final boolean guest;

        Users(boolean guest) {
            this.guest = guest;
        }

        @Override
        public Optional<byte[]> ntHash(String user) {
            return Optional.ofNullable(hashes.get(user.toLowerCase(Locale.ROOT)));
        }

        @Override
        public boolean guestAllowed() {
            return guest;
        }
    }
}
