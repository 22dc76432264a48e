package io.manticore.protocol.portmap.internal;

/**
 * A program version a Manticore protocol declares in its
 * {@value io.manticore.api.protocol.ProtocolHandler#RPC_PROGRAMS_PROPERTY} service property,
 * written {@code "<program>:<version>"}; both numbers are unsigned 32-bit (RFC 5531 7.3).
 */
record ProgramVersion(int program, int version) {

    /**
     * Parses {@code "100003:3"}.
     *
     * @throws IllegalArgumentException when {@code text} is not two unsigned numbers around a colon
     */
    static ProgramVersion parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not <program>:<version>: " + text);
        }
        return new ProgramVersion(unsigned(text.substring(0, colon), text), unsigned(text.substring(colon + 1), text));
    }

    boolean is(int program, int version) {
        return this.program == program && this.version == version;
    }

    private static int unsigned(String number, String text) {
        if (!number.matches("\\d{1,10}")) {
            throw new IllegalArgumentException("not <program>:<version>: " + text);
        }
        try {
            return Integer.parseUnsignedInt(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not <program>:<version>: " + text, e);
        }
    }
}
