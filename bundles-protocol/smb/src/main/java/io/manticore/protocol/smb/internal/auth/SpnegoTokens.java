package io.manticore.protocol.smb.internal.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SPNEGO tokens (RFC 4178 4.2, MS-SPNG 2.2): the acceptor reads the client's negTokenInit (inside the RFC 2743 3.1
 * InitialContextToken framing) and negTokenResp, and writes negTokenInit2 and negTokenResp.
 */
final class SpnegoTokens {

    static final byte[] SPNEGO_OID = {0x2B, 0x06, 0x01, 0x05, 0x05, 0x02};
    static final byte[] NTLMSSP_OID = {0x2B, 0x06, 0x01, 0x04, 0x01, (byte) 0x82, 0x37, 0x02, 0x02, 0x0A};

    static final int ACCEPT_COMPLETED = 0;
    static final int ACCEPT_INCOMPLETE = 1;
    /** No negState in the token. */
    static final int NO_STATE = -1;

    // MS-SPNG 2.2.1: the hint Windows sends, which clients ignore.
    private static final String HINT_NAME = "not_defined_in_RFC4178@please_ignore";

    private SpnegoTokens() {
    }

    /** A decoded client token. */
    sealed interface NegToken permits Init, Resp {
    }

    /**
     * negTokenInit.
     *
     * @param mechTypes the DER MechTypeList as the client sent it, which a mechListMIC covers
     * @param mechs     the mechanism OIDs, most preferred first
     * @param mechToken the optimistic token for the first mechanism, or null
     */
    record Init(byte[] mechTypes, List<byte[]> mechs, byte[] mechToken) implements NegToken {
    }

    /** negTokenResp; absent fields are null (negState {@link #NO_STATE}). */
    record Resp(int negState, byte[] supportedMech, byte[] responseToken, byte[] mechListMic) implements NegToken {
    }

    /** Decodes a framed negTokenInit, a bare negTokenInit or a negTokenResp. */
    static NegToken decode(byte[] token) throws AuthException {
        Der.Reader reader = new Der.Reader(token);
        Der.Element outer = reader.next();
        if (reader.hasMore()) {
            throw AuthException.invalid("SPNEGO: bytes after the token");
        }
        if (outer.tag() == Der.APPLICATION_0) {
            Der.Reader framed = outer.contents();
            Der.Element mech = framed.next(Der.OBJECT_IDENTIFIER);
            if (!Arrays.equals(mech.content(), SPNEGO_OID)) {
                throw AuthException.invalid("an initial token for a mechanism other than SPNEGO");
            }
            Der.Element inner = framed.next(Der.context(0));
            if (framed.hasMore()) {
                throw AuthException.invalid("SPNEGO: bytes after negTokenInit");
            }
            return init(inner);
        }
        if (outer.tag() == Der.context(0)) {
            return init(outer);
        }
        if (outer.tag() == Der.context(1)) {
            return resp(outer);
        }
        throw AuthException.invalid("SPNEGO: tag " + Integer.toHexString(outer.tag()) + " is no NegotiationToken");
    }

    private static Init init(Der.Element choice) throws AuthException {
        Der.Reader fields = choice.single(Der.SEQUENCE).contents();
        byte[] mechTypes = null;
        List<byte[]> mechs = new ArrayList<>();
        byte[] mechToken = null;
        while (fields.hasMore()) {
            Der.Element field = fields.next();
            if (field.tag() == Der.context(0)) {
                Der.Element list = field.single(Der.SEQUENCE);
                mechTypes = list.encoded();
                Der.Reader oids = list.contents();
                while (oids.hasMore()) {
                    mechs.add(oids.next(Der.OBJECT_IDENTIFIER).content());
                }
            } else if (field.tag() == Der.context(2)) {
                mechToken = field.single(Der.OCTET_STRING).content();
            }
        }
        if (mechTypes == null) {
            throw AuthException.invalid("SPNEGO: negTokenInit without mechTypes");
        }
        return new Init(mechTypes, List.copyOf(mechs), mechToken);
    }

    private static Resp resp(Der.Element choice) throws AuthException {
        Der.Reader fields = choice.single(Der.SEQUENCE).contents();
        int negState = NO_STATE;
        byte[] supportedMech = null;
        byte[] responseToken = null;
        byte[] mechListMic = null;
        while (fields.hasMore()) {
            Der.Element field = fields.next();
            if (field.tag() == Der.context(0)) {
                negState = enumerated(field.single(Der.ENUMERATED));
            } else if (field.tag() == Der.context(1)) {
                supportedMech = field.single(Der.OBJECT_IDENTIFIER).content();
            } else if (field.tag() == Der.context(2)) {
                responseToken = field.single(Der.OCTET_STRING).content();
            } else if (field.tag() == Der.context(3)) {
                mechListMic = field.single(Der.OCTET_STRING).content();
            }
        }
        return new Resp(negState, supportedMech, responseToken, mechListMic);
    }

    private static int enumerated(Der.Element element) throws AuthException {
        byte[] value = element.content();
        if (value.length != 1) {
            throw AuthException.invalid("SPNEGO: a negState of " + value.length + " bytes");
        }
        return value[0] & 0xFF;
    }

    /** The NEGOTIATE response's security buffer: negTokenInit2 offering NTLMSSP (MS-SPNG 3.2.5.2). */
    static byte[] negTokenInit2() {
        byte[] mechTypes = Der.encode(Der.context(0),
                Der.encode(Der.SEQUENCE, Der.encode(Der.OBJECT_IDENTIFIER, NTLMSSP_OID)));
        byte[] negHints = Der.encode(Der.context(3), Der.encode(Der.SEQUENCE, Der.encode(Der.context(0),
                Der.encode(Der.GENERAL_STRING, HINT_NAME.getBytes(StandardCharsets.US_ASCII)))));
        byte[] init = Der.encode(Der.context(0), Der.encode(Der.SEQUENCE, mechTypes, negHints));
        return Der.encode(Der.APPLICATION_0, Der.encode(Der.OBJECT_IDENTIFIER, SPNEGO_OID), init);
    }

    /** A negTokenResp; null arguments (and {@link #NO_STATE}) leave their fields out. */
    static byte[] resp(int negState, byte[] supportedMech, byte[] responseToken, byte[] mechListMic) {
        List<byte[]> fields = new ArrayList<>();
        if (negState != NO_STATE) {
            fields.add(Der.encode(Der.context(0), Der.encode(Der.ENUMERATED, new byte[] {(byte) negState})));
        }
        if (supportedMech != null) {
            fields.add(Der.encode(Der.context(1), Der.encode(Der.OBJECT_IDENTIFIER, supportedMech)));
        }
        if (responseToken != null) {
            fields.add(Der.encode(Der.context(2), Der.encode(Der.OCTET_STRING, responseToken)));
        }
        if (mechListMic != null) {
            fields.add(Der.encode(Der.context(3), Der.encode(Der.OCTET_STRING, mechListMic)));
        }
        return Der.encode(Der.context(1), Der.encode(Der.SEQUENCE, fields.toArray(byte[][]::new)));
    }
}
