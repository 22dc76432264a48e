package io.manticore.protocol.smb.internal.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server side of one connection-oriented NTLM exchange (MS-NLMP 3.2.5): NEGOTIATE gets a CHALLENGE, and the
 * AUTHENTICATE's NTLMv2 response is checked against the user's NT hash. LM and NTLMv1 responses are refused.
 */
final class NtlmAcceptor {

    private static final int NEGOTIATE_MIN_LENGTH = 16;
    private static final int NEGOTIATE_FLAGS_OFFSET = 12;
    private static final int AUTHENTICATE_MIN_LENGTH = 64;
    private static final int LM_FIELD = 12;
    private static final int NT_FIELD = 20;
    private static final int DOMAIN_FIELD = 28;
    private static final int USER_FIELD = 36;
    private static final int WORKSTATION_FIELD = 44;
    private static final int SESSION_KEY_FIELD = 52;
    private static final int MIC_OFFSET = 72;
    private static final int MIC_LENGTH = 16;
    private static final int NT_PROOF_LENGTH = 16;
    private static final int NTLMV1_RESPONSE_LENGTH = 24;
    // MS-NLMP 2.2.2.7: the NTLMv2_CLIENT_CHALLENGE's fixed part before its AV pairs.
    private static final int CLIENT_CHALLENGE_HEADER = 28;
    private static final int SESSION_KEY_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserDirectory users;
    private final String serverName;
    private byte[] negotiateMessage;
    private byte[] challengeMessage;
    private byte[] serverChallenge;
    private int flags;
    private NtlmSessionSecurity security;

    NtlmAcceptor(UserDirectory users, String serverName) {
        this.users = users;
        this.serverName = serverName;
    }

    /** Takes the client's next NTLM message. */
    NtlmStep accept(byte[] token) throws AuthException {
        int type = NtlmMessage.type(token);
        if (type == NtlmMessage.NEGOTIATE && negotiateMessage == null) {
            return new NtlmStep(challenge(token, RANDOM), null);
        }
        if (type == NtlmMessage.AUTHENTICATE && challengeMessage != null && security == null) {
            return new NtlmStep(null, authenticate(token));
        }
        throw AuthException.invalid("NTLM message type " + type + " out of turn");
    }

    /** Answers a NEGOTIATE_MESSAGE with a CHALLENGE_MESSAGE whose server challenge comes from {@code random}. */
    byte[] challenge(byte[] negotiate, SecureRandom random) throws AuthException {
        if (negotiate.length < NEGOTIATE_MIN_LENGTH) {
            throw AuthException.invalid("a NEGOTIATE_MESSAGE of " + negotiate.length + " bytes");
        }
        flags = NtlmChallenge.grantedFlags((int) NtlmMessage.u32(negotiate, NEGOTIATE_FLAGS_OFFSET));
        serverChallenge = new byte[8];
        random.nextBytes(serverChallenge);
        negotiateMessage = negotiate.clone();
        challengeMessage = NtlmChallenge.encode(flags, serverChallenge, serverName,
                NtlmChallenge.targetInfo(serverName, System.currentTimeMillis()));
        return challengeMessage.clone();
    }

    /** The signing state of the completed exchange, or null when it made no session key (guest, anonymous). */
    NtlmSessionSecurity security() {
        return security;
    }

    private AuthResult authenticate(byte[] message) throws AuthException {
        if (message.length < AUTHENTICATE_MIN_LENGTH) {
            throw AuthException.invalid("an AUTHENTICATE_MESSAGE of " + message.length + " bytes");
        }
        boolean unicode = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_UNICODE);
        byte[] lmResponse = NtlmMessage.payload(message, LM_FIELD);
        byte[] ntResponse = NtlmMessage.payload(message, NT_FIELD);
        String domain = NtlmMessage.text(NtlmMessage.payload(message, DOMAIN_FIELD), unicode);
        String user = NtlmMessage.text(NtlmMessage.payload(message, USER_FIELD), unicode);
        // Unused, but a workstation field that points outside the message makes the message invalid all the same.
        NtlmMessage.payload(message, WORKSTATION_FIELD);
        byte[] encryptedSessionKey = NtlmMessage.payload(message, SESSION_KEY_FIELD);

        if (user.isEmpty() && ntResponse.length == 0 && (lmResponse.length == 0
                || lmResponse.length == 1 && lmResponse[0] == 0)) {
            return anonymous(domain);
        }
        if (ntResponse.length <= NTLMV1_RESPONSE_LENGTH) {
            throw AuthException.logonFailure("LM or NTLMv1 response from " + describe(user, domain) + " refused");
        }
        if (ntResponse.length < NT_PROOF_LENGTH + CLIENT_CHALLENGE_HEADER) {
            throw AuthException.invalid("an NTLMv2 response of " + ntResponse.length + " bytes");
        }
        Map<Integer, byte[]> clientPairs = AvPairs.parse(ntResponse, NT_PROOF_LENGTH + CLIENT_CHALLENGE_HEADER,
                ntResponse.length);
        Optional<byte[]> ntHash = users.ntHash(user);
        if (ntHash.isEmpty()) {
            if (users.guestAllowed()) {
                return new AuthResult(user, domain, true, false, new byte[0]);
            }
            throw AuthException.logonFailure("no user " + describe(user, domain));
        }
        byte[] proof = Arrays.copyOf(ntResponse, NT_PROOF_LENGTH);
        byte[] clientChallenge = Arrays.copyOfRange(ntResponse, NT_PROOF_LENGTH, ntResponse.length);
        byte[] responseKey = matchingResponseKey(ntHash.get(), user, domain, clientChallenge, proof);
        if (responseKey == null) {
            throw AuthException.logonFailure("wrong password for " + describe(user, domain));
        }
        byte[] keyExchangeKey = NtlmCrypto.hmacMd5(responseKey, proof);
        byte[] exportedSessionKey = exportedSessionKey(keyExchangeKey, encryptedSessionKey);
        if ((flag(clientPairs.get(AvPairs.FLAGS)) & AvPairs.FLAG_MIC_PRESENT) != 0) {
            checkMic(message, exportedSessionKey, user, domain);
        }
        security = new NtlmSessionSecurity(exportedSessionKey, flags);
        return new AuthResult(user, domain, false, false, exportedSessionKey);
    }

    private AuthResult anonymous(String domain) throws AuthException {
        if (!users.guestAllowed()) {
            throw AuthException.logonFailure("anonymous logons are not allowed");
        }
        return new AuthResult("", domain, false, true, new byte[0]);
    }

    /**
     * The ResponseKeyNT whose NTProofStr matches: the domain as given, then upper-cased, then empty, which
     * MS-NLMP 3.2.5.1.2 says servers SHOULD accept from clients that use no domain. Compared in constant time.
     */
    private byte[] matchingResponseKey(byte[] ntHash, String user, String domain, byte[] clientChallenge,
                                       byte[] proof) {
        Set<String> domains = new LinkedHashSet<>();
        domains.add(domain);
        domains.add(domain.toUpperCase(Locale.ROOT));
        domains.add("");
        byte[] match = null;
        for (String candidate : domains) {
            byte[] responseKey = NtlmCrypto.ntowfv2(ntHash, user, candidate);
            byte[] expected = NtlmCrypto.hmacMd5(responseKey, serverChallenge, clientChallenge);
            if (MessageDigest.isEqual(expected, proof) && match == null) {
                match = responseKey;
            }
        }
        return match;
    }

    /** MS-NLMP 3.2.5.1.2: with KEY_EXCH the client chose the key and sent it under RC4 of the key exchange key. */
    private byte[] exportedSessionKey(byte[] keyExchangeKey, byte[] encryptedSessionKey) throws AuthException {
        boolean exchange = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_KEY_EXCH)
                && (NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_SIGN) || NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_SEAL));
        if (!exchange || encryptedSessionKey.length == 0) {
            return keyExchangeKey;
        }
        if (encryptedSessionKey.length != SESSION_KEY_LENGTH) {
            throw AuthException.invalid("an EncryptedRandomSessionKey of " + encryptedSessionKey.length + " bytes");
        }
        return NtlmCrypto.rc4(keyExchangeKey, encryptedSessionKey);
    }

    /** MIC = HMAC_MD5(ExportedSessionKey, NEGOTIATE || CHALLENGE || AUTHENTICATE with the MIC zeroed). */
    private void checkMic(byte[] message, byte[] exportedSessionKey, String user, String domain)
            throws AuthException {
        long firstPayload = Long.MAX_VALUE;
        for (int field = LM_FIELD; field <= SESSION_KEY_FIELD; field += 8) {
            firstPayload = Math.min(firstPayload, NtlmMessage.payloadOffset(message, field));
        }
        if (message.length < MIC_OFFSET + MIC_LENGTH || firstPayload < MIC_OFFSET + MIC_LENGTH) {
            throw AuthException.invalid("an AUTHENTICATE_MESSAGE that says it has a MIC but has no room for one");
        }
        byte[] received = Arrays.copyOfRange(message, MIC_OFFSET, MIC_OFFSET + MIC_LENGTH);
        byte[] zeroed = message.clone();
        Arrays.fill(zeroed, MIC_OFFSET, MIC_OFFSET + MIC_LENGTH, (byte) 0);
        byte[] expected = NtlmCrypto.hmacMd5(exportedSessionKey, negotiateMessage, challengeMessage, zeroed);
        if (!MessageDigest.isEqual(expected, received)) {
            throw AuthException.logonFailure("the MIC of " + describe(user, domain) + " does not match");
        }
    }

    private static int flag(byte[] value) throws AuthException {
        return value == null || value.length < 4 ? 0 : (int) NtlmMessage.u32(value, 0);
    }

    private static String describe(String user, String domain) {
        return domain.isEmpty() ? user : domain + "\\" + user;
    }
}
