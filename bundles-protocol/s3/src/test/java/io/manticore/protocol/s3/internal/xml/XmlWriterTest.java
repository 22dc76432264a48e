package io.manticore.protocol.s3.internal.xml;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.Rule;
import org.junit.Test;

import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;

public class XmlWriterTest {

    private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    @Test
    public void rootCarriesS3Namespace() {
        assertEquals(PROLOG + "<R xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><A>1</A></R>",
                new XmlWriter().root("R").element("A", 1L).end().toString());
    }

    @Test
    public void markupCharactersAreEscaped() {
        assertEquals(PROLOG + "<K>a&amp;b&lt;c&gt;d&quot;e&apos;f</K>",
                new XmlWriter().element("K", "a&b<c>d\"e'f").toString());
    }

    @Test
    public void controlCharactersAreWrittenAsReferences() {
        assertEquals(PROLOG + "<K>a&#x1;b&#x1f;c&#x0;</K>", new XmlWriter().element("K", "a\u0001b\u001fc\0").toString());
    }

    @Test
    public void nonCharactersBecomeTheReplacementCharacter() {
        assertEquals(PROLOG + "<K>a\ufffdb\ufffd</K>", new XmlWriter().element("K", "a\ufffeb\uffff").toString());
    }

    @Test
    public void tabNewlineAndCarriageReturnStayRaw() {
        assertEquals(PROLOG + "<K>\t\n\r</K>", new XmlWriter().element("K", "\t\n\r").toString());
    }

    @Test
    public void nonAsciiStaysRaw() {
        assertEquals(PROLOG + "<K>été ☃ 日本</K>", new XmlWriter().element("K", "été ☃ 日本").toString());
    }

    @Test
    public void nullTextWritesNoElement() {
        assertEquals(PROLOG + "<A></A>", new XmlWriter().start("A").element("B", (String) null).end().toString());
    }

    @Test
    public void textIsEscapedInsideTheOpenElement() {
        assertEquals(PROLOG + "<A>x&lt;y</A>", new XmlWriter().start("A").text("x<y").end().toString());
    }

    @Test
    public void booleansAreWords() {
        assertEquals(PROLOG + "<T>true</T><F>false</F>", new XmlWriter().element("T", true).element("F", false).toString());
    }

    @Test
    public void toByteBufClosesOpenElementsInUtf8() {
        ByteBuf buf = new XmlWriter().root("R").start("A").element("K", "é&").toByteBuf(UnpooledByteBufAllocator.DEFAULT);
        try {
            assertEquals(PROLOG + "<R xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><A><K>é&amp;</K></A></R>",
                    buf.toString(StandardCharsets.UTF_8));
        } finally {
            buf.release();
        }
    }

    @Test
    public void escapedTextReadsBackUnchanged() {
        String text = "a&b<c>\"'\t\n";
        XmlReader r = XmlReader.parse(new XmlWriter().element("K", text).toString());
        assertEquals(text, r.text("K"));
    }
}
