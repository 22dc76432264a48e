package io.manticore.protocol.s3.internal.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.fail;

import org.junit.Test;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

public class PercentCodecTest {

    @Test
    public void plainTextIsReturnedAsIs() {
        String raw = "/b/a+b c";
        assertSame(raw, PercentCodec.decode(raw));
    }

    @Test
    public void escapesAreDecodedAsUtf8() {
        assertEquals("/b/été ☃/😀", PercentCodec.decode("/b/%C3%A9t%c3%a9%20%E2%98%83/%F0%9F%98%80"));
    }

    @Test
    public void plusStaysPlus() {
        assertEquals("a+b+", PercentCodec.decode("a+b%2B"));
        assertEquals("a++b", PercentCodec.decode("a+%2Bb"));
    }

    @Test
    public void encodedSlashAndPercentAreDecoded() {
        assertEquals("a/b%c", PercentCodec.decode("a%2Fb%25c"));
    }

    @Test
    public void rawBytesAsNettyGivesThemAreUtf8() {
        // Netty makes one char of each byte: "é" in UTF-8 arrives as U+00C3 U+00A9.
        assertEquals("été", PercentCodec.decode("\u00c3\u00a9t\u00c3\u00a9"));
        assertEquals("été%", PercentCodec.decode("\u00c3\u00a9t%C3%A9%25"));
    }

    @Test
    public void rawBytesThatAreNotUtf8AreInvalidUri() {
        assertInvalid("\u00e9t\u00e9");
        assertInvalid("a\u00ff");
    }

    @Test
    public void charsBeyondOneByteAreTakenAsText() {
        assertEquals("😀!☃", PercentCodec.decode("😀%21☃"));
    }

    @Test
    public void cutShortEscapeIsInvalidUri() {
        assertInvalid("abc%");
        assertInvalid("abc%4");
    }

    @Test
    public void nonHexEscapeIsInvalidUri() {
        assertInvalid("%G0");
        assertInvalid("%0z");
    }

    @Test
    public void nonAsciiDigitsAreNotHex() {
        // Character.digit would take these for 3 and A.
        assertInvalid("%\u0663\u0663");
        assertInvalid("%4\uff21");
    }

    @Test
    public void bytesThatAreNotUtf8AreInvalidUri() {
        assertInvalid("%C3");
        assertInvalid("%FF%FE");
        assertInvalid("%C0%AF");
    }

    @Test
    public void encodeKeepsUnreservedCharacters() {
        assertEquals("AZaz09-_.~", PercentCodec.encode("AZaz09-_.~", false));
    }

    @Test
    public void encodeEscapesTheRestInUpperCaseHex() {
        assertEquals("a%2Fb%20c%2B%C3%A9%F0%9F%98%80", PercentCodec.encode("a/b c+é😀", false));
        assertEquals("a/b%20c", PercentCodec.encode("a/b c", true));
    }

    @Test
    public void encodeThenDecodeIsTheIdentity() {
        String text = "dir/été ☃ 100%+&=?#😀\u0001";
        assertEquals(text, PercentCodec.decode(PercentCodec.encode(text, false)));
        assertEquals(text, PercentCodec.decode(PercentCodec.encode(text, true)));
    }

    private static void assertInvalid(String raw) {
        try {
            String decoded = PercentCodec.decode(raw);
            fail(raw + " decoded to " + decoded);
        } catch (S3Exception e) {
            assertEquals(S3Error.INVALID_URI, e.error());
        }
    }
}
