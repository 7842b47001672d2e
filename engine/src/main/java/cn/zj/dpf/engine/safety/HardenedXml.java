package cn.zj.dpf.engine.safety;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Our own reads of XML resources, with a JAXP parser that never fetches anything and never expands entities: we look
 * at a resource before the engine's parsers do, so ours must not be the one a hostile file exploits.
 */
public final class HardenedXml {

  private static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";

  private HardenedXml() {}

  private static SAXParser parser(boolean allowDoctypeEvent) throws Exception {
    SAXParserFactory factory = SAXParserFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setValidating(false);
    factory.setXIncludeAware(false);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    // When we only want to notice a DOCTYPE, let the parser report it (startDTD) instead of failing on it.
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", !allowDoctypeEvent);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    SAXParser parser = factory.newSAXParser();
    parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return parser;
  }

  private static final class DoctypeSeen extends SAXException {
    DoctypeSeen() {
      super("DOCTYPE");
    }
  }

  /** True when the document declares a DOCTYPE (the only place an ENTITY can be declared). Stops at the first one. */
  public static boolean hasDoctype(byte[] bytes) {
    DefaultHandler2 handler = new DefaultHandler2() {
      @Override
      public void startDTD(String name, String publicId, String systemId) throws SAXException {
        throw new DoctypeSeen();
      }

      @Override
      public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        // The prolog is over once the root element starts: no DOCTYPE can follow, so stop reading here.
        throw new SAXException("root reached");
      }
    };
    try {
      SAXParser parser = parser(true);
      parser.setProperty("http://xml.org/sax/properties/lexical-handler", handler);
      parser.parse(new ByteArrayInputStream(bytes), handler);
      return false;
    } catch (DoctypeSeen e) {
      return true;
    } catch (Exception e) {
      // Stopped at the root, or not well-formed: a text that is not XML is left to the engine's own parser to refuse.
      // Belt and braces: a raw "<!DOCTYPE" or "<!ENTITY" anywhere counts too.
      String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
      return text.contains("<!DOCTYPE") || text.contains("<!ENTITY");
    }
  }

  /** The ids of the BPMN process elements of a diagram (its process keys); empty when it cannot be read. */
  public static Set<String> processIds(byte[] bytes) {
    Set<String> ids = new LinkedHashSet<>();
    DefaultHandler2 handler = new DefaultHandler2() {
      @Override
      public void startElement(String uri, String localName, String qName, Attributes attributes) {
        if (BPMN_NS.equals(uri) && "process".equals(localName) && attributes.getValue("id") != null) {
          ids.add(attributes.getValue("id"));
        }
      }
    };
    try {
      parser(false).parse(new ByteArrayInputStream(bytes), handler);
    } catch (Exception e) {
      // unreadable: it defines nothing, and the engine's parser reports it
    }
    return ids;
  }
}
