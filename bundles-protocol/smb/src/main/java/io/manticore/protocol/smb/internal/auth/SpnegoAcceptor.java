package io.manticore.protocol.smb.internal.auth;

import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acceptor of one SESSION_SETUP exchange: NTLM (MS-NLMP) either raw or inside SPNEGO (RFC 4178, MS-SPNG),
 * answering in the form the client used. When a SPNEGO client sends a mechListMIC it is checked with NTLM's
 * signing key, and the server's own mechListMIC goes back with accept-completed (MS-SPNG 3.3.5.1).
 */
public final class SpnegoAcceptor {

    private static final Logger LOG = LoggerFactory.getLogger(SpnegoAcceptor.class);
    private static final byte[] NEGOTIATE_TOKEN = SpnegoTokens.negTokenInit2();

    private enum Form { UNKNOWN, RAW, SPNEGO }

    private final NtlmAcceptor ntlm;
    private Form form = Form.UNKNOWN;
    private byte[] mechTypes;
    private boolean done;

    public SpnegoAcceptor(UserDirectory users, String serverName) {
        this.ntlm = new NtlmAcceptor(users, serverName);
    }

    /** The NEGOTIATE response's security buffer: a negTokenInit2 that lists NTLMSSP. */
    public static byte[] negotiateToken() {
        return NEGOTIATE_TOKEN.clone();
    }

    /**
     * Takes the client's next security token (raw NTLMSSP, or SPNEGO negTokenInit / negTokenResp).
     *
     * @throws AuthException STATUS_LOGON_FAILURE for a refused logon, STATUS_INVALID_PARAMETER for a bad token
     */
    public synchronized AuthStep accept(byte[] token) throws AuthException {
        if (done) {
            throw AuthException.invalid("the authentication already completed");
        }
        if (token == null || token.length == 0) {
            throw AuthException.invalid("an empty security token");
        }
        AuthStep step = NtlmMessage.isNtlm(token) ? raw(token) : spnego(token);
        done = step.done();
        if (done) {
            AuthResult result = step.result();
            LOG.debug("NTLM logon of {} ({})", result.user(),
                    result.anonymous() ? "anonymous" : result.guest() ? "guest" : "authenticated");
        }
        return step;
    }

    private AuthStep raw(byte[] token) throws AuthException {
        if (form == Form.SPNEGO) {
            throw AuthException.invalid("a raw NTLM token in a SPNEGO exchange");
        }
        form = Form.RAW;
        NtlmStep step = ntlm.accept(token);
        return new AuthStep(step.token() == null ? new byte[0] : step.token(), step.result() != null, step.result());
    }

    private AuthStep spnego(byte[] token) throws AuthException {
        if (form == Form.RAW) {
            throw AuthException.invalid("a SPNEGO token in a raw NTLM exchange");
        }
        form = Form.SPNEGO;
        return switch (SpnegoTokens.decode(token)) {
            case SpnegoTokens.Init init -> init(init);
            case SpnegoTokens.Resp resp -> resp(resp);
        };
    }

    /** RFC 4178 5: NTLMSSP is chosen; an optimistic token is used only when NTLMSSP was the client's first choice. */
    private AuthStep init(SpnegoTokens.Init init) throws AuthException {
        if (mechTypes != null) {
            throw AuthException.invalid("a second negTokenInit");
        }
        if (init.mechs().stream().noneMatch(oid -> Arrays.equals(oid, SpnegoTokens.NTLMSSP_OID))) {
            throw AuthException.logonFailure("the client offers no NTLMSSP");
        }
        mechTypes = init.mechTypes();
        byte[] challenge = null;
        if (Arrays.equals(init.mechs().get(0), SpnegoTokens.NTLMSSP_OID) && init.mechToken() != null) {
            challenge = ntlm.accept(init.mechToken()).token();
        }
        return new AuthStep(SpnegoTokens.resp(SpnegoTokens.ACCEPT_INCOMPLETE, SpnegoTokens.NTLMSSP_OID, challenge,
                null), false, null);
    }

    private AuthStep resp(SpnegoTokens.Resp resp) throws AuthException {
        if (mechTypes == null) {
            throw AuthException.invalid("a negTokenResp before any negTokenInit");
        }
        if (resp.responseToken() == null) {
            throw AuthException.invalid("a negTokenResp without a responseToken");
        }
        NtlmStep step = ntlm.accept(resp.responseToken());
        if (step.result() == null) {
            return new AuthStep(SpnegoTokens.resp(SpnegoTokens.ACCEPT_INCOMPLETE, null, step.token(), null), false,
                    null);
        }
        NtlmSessionSecurity security = ntlm.security();
        byte[] serverMic = null;
        if (resp.mechListMic() != null && security != null) {
            if (!security.verifyClientSignature(mechTypes, resp.mechListMic())) {
                throw AuthException.logonFailure("the SPNEGO mechListMIC of " + step.result().user()
                        + " does not match");
            }
            serverMic = security.serverSignature(mechTypes);
        }
        return new AuthStep(SpnegoTokens.resp(SpnegoTokens.ACCEPT_COMPLETED, null, null, serverMic), true,
                step.result());
    }
}
