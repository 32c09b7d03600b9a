package io.berth.server.aws.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XmlWriterTest {
    @Test
    void writesNestedElementsUnderANamespacedRoot() {
        String xml = new XmlWriter().root("R", "https://example.com/doc/").start("A").element("B", "x")
                .element("N", 42).element("T", true).optional("Skipped", null).end().end().toString();
        assertEquals("<R xmlns=\"https://example.com/doc/\"><A><B>x</B><N>42</N><T>true</T></A></R>", xml);
    }

    @Test
    void escapesMarkupAndKeepsTextIntact() {
        String text = "a & b < c > d \"q\" 'a' \r\n\t é 😀";
        String xml = new XmlWriter().root("R", "ns").element("M", text).end().toString();
        XmlDoc doc = XmlDoc.parse(xml.getBytes(StandardCharsets.UTF_8), 200);
        assertEquals(text, doc.text("M"));
    }

    @Test
    void replacesCharactersXmlCannotCarry() {
        String xml = new XmlWriter().root("R", "ns").element("M", "a\u0000b\u0007c\uD800d\uFFFE").end().toString();
        XmlDoc doc = XmlDoc.parse(xml.getBytes(StandardCharsets.UTF_8), 200);
        assertEquals("a\uFFFDb\uFFFDc\uFFFDd\uFFFD", doc.text("M"));
    }

    @Test
    void refusesToFinishWithOpenElements() {
        XmlWriter writer = new XmlWriter().root("R", "ns").start("A");
        assertThrows(IllegalStateException.class, writer::toString);
    }
}
