package io.berth.server.aws.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.server.aws.AwsReply;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A Query-protocol response parsed back with the JDK's DOM parser, for assertions by element path
 * ({@code CreateUserResult/User/UserName}, relative to the root). The parser is not namespace-aware, so paths use
 * plain element names; {@link #namespace()} checks the root's {@code xmlns} separately.
 */
public final class XmlDoc {
    private final Document document;
    private final int status;

    private XmlDoc(Document document, int status) {
        this.document = document;
        this.status = status;
    }

    public static XmlDoc of(AwsReply reply) {
        assertEquals("text/xml", reply.contentType());
        return parse(reply.body(), reply.status());
    }

    public static XmlDoc parse(byte[] xml, int status) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new XmlDoc(factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)), status);
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + new String(xml), e);
        }
    }

    public int status() {
        return status;
    }

    public String rootName() {
        return document.getDocumentElement().getTagName();
    }

    public String namespace() {
        return document.getDocumentElement().getAttribute("xmlns");
    }

    /** The text of the single element at {@code path}; fails when there is none or several. */
    public String text(String path) {
        NodeList nodes = nodes(path);
        if (nodes.getLength() != 1) {
            throw new AssertionError(nodes.getLength() + " elements at " + path + " in " + this);
        }
        return nodes.item(0).getTextContent();
    }

    public boolean has(String path) {
        return nodes(path).getLength() > 0;
    }

    public int count(String path) {
        return nodes(path).getLength();
    }

    /** The texts of every element at {@code path}, in document order. */
    public List<String> texts(String path) {
        NodeList nodes = nodes(path);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    /** The names of the child elements of the single element at {@code path}, in order. */
    public List<String> children(String path) {
        NodeList nodes = nodes(path);
        if (nodes.getLength() != 1) {
            throw new AssertionError(nodes.getLength() + " elements at " + path);
        }
        List<String> names = new ArrayList<>();
        NodeList children = nodes.item(0).getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element) {
                names.add(element.getTagName());
            }
        }
        return names;
    }

    private NodeList nodes(String path) {
        try {
            return (NodeList) XPathFactory.newInstance().newXPath()
                    .evaluate("/" + rootName() + "/" + path, document, XPathConstants.NODESET);
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    @Override
    public String toString() {
        try {
            var transformer = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
            var out = new java.io.StringWriter();
            transformer.transform(new javax.xml.transform.dom.DOMSource(document),
                    new javax.xml.transform.stream.StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            return "(unprintable)";
        }
    }
}
