package io.berth.server.aws.query;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal streaming XML writer for Query-protocol responses: elements and escaped text, no attributes but the
 * root's namespace, no declaration (AWS sends none). Characters XML 1.0 cannot carry are replaced by U+FFFD;
 * carriage returns are written as {@code &#xD;} so a parser gives them back.
 */
public final class XmlWriter {
    private final StringBuilder out = new StringBuilder(512);
    private final Deque<String> open = new ArrayDeque<>();

    /** Opens the root element with its default namespace. */
    public XmlWriter root(String name, String namespace) {
        out.append('<').append(name).append(" xmlns=\"");
        escape(namespace, true);
        out.append("\">");
        open.push(name);
        return this;
    }

    public XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    public XmlWriter end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** {@code <name>text</name>}. */
    public XmlWriter element(String name, String text) {
        out.append('<').append(name).append('>');
        escape(text, false);
        out.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>text</name>} when {@code text} is not null; nothing otherwise. */
    public XmlWriter optional(String name, String text) {
        return text == null ? this : element(name, text);
    }

    public XmlWriter element(String name, long number) {
        return element(name, Long.toString(number));
    }

    public XmlWriter element(String name, boolean value) {
        return element(name, Boolean.toString(value));
    }

    /** The document; every element must have been closed. */
    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements: " + open);
        }
        return out.toString();
    }

    /** Escapes markup characters; quotes only inside an attribute value. */
    private void escape(String text, boolean attribute) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#xD;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                default -> appendChecked(text, i, c);
            }
        }
    }

    private void appendChecked(String text, int i, char c) {
        boolean control = c < 0x20 && c != '\t' && c != '\n';
        boolean unpairedSurrogate = Character.isHighSurrogate(c)
                ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
                : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
        boolean nonCharacter = c == 0xFFFE || c == 0xFFFF;
        out.append(control || unpairedSurrogate || nonCharacter ? '\uFFFD' : c);
    }
}
