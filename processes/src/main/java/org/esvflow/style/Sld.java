package org.esvflow.style;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.esvflow.io.HardenedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads and writes the first {@code RasterSymbolizer/ColorMap} of an SLD 1.0 or SE 1.1 document. Only colour maps
 * are understood: that is all a raster style needs here (the GeoTools wrapper has no SLD parser). The WMS, the map
 * figures and the SLD a QGIS user loads therefore share one reading of each style.
 */
public final class Sld {
    public static final String MIME_TYPE = "application/vnd.ogc.sld+xml";

    private static final DocumentBuilderFactory FACTORY = HardenedXml.factory();

    private Sld() {}

    /**
     * The colour map of an SLD document; {@code source} names it in errors. A DOCTYPE (external entities) is refused.
     *
     * @throws IllegalArgumentException when the bytes are not XML, hold no ColorMap or an entry does not parse
     */
    public static ColorMap read(byte[] sld, String source) {
        Document doc = parse(sld, source);
        NodeList maps = doc.getElementsByTagNameNS("*", "ColorMap");
        if (maps.getLength() == 0) throw new IllegalArgumentException(source + ": no RasterSymbolizer ColorMap");
        Element map = (Element) maps.item(0);
        String typeAttr = map.getAttribute("type").trim();
        ColorMap.Type type;
        try {
            type = typeAttr.isEmpty() ? ColorMap.Type.RAMP : ColorMap.Type.valueOf(typeAttr.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": ColorMap type '" + typeAttr + "' is not ramp, intervals or values");
        }
        // the symbolizer's Opacity scales every entry's own opacity, as GeoServer composes them
        double layerOpacity = 1.0;
        if (map.getParentNode() instanceof Element symbolizer) {
            String o = childText(symbolizer, "Opacity");
            if (o != null && !o.isEmpty()) layerOpacity = number(o, source, "Opacity");
        }
        List<ColorMap.Entry> entries = new ArrayList<>();
        for (Node n = map.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e) || !"ColorMapEntry".equals(e.getLocalName())) continue;
            String color = e.getAttribute("color").trim();
            String opacity = e.getAttribute("opacity").trim();
            int rgb;
            try {
                rgb = Integer.parseInt(color.startsWith("#") ? color.substring(1) : color, 16);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(source + ": ColorMapEntry color '" + color + "' is not #RRGGBB");
            }
            entries.add(new ColorMap.Entry(number(e.getAttribute("quantity"), source, "quantity"), rgb,
                    layerOpacity * (opacity.isEmpty() ? 1.0 : number(opacity, source, "opacity")), e.getAttribute("label")));
        }
        if (entries.isEmpty()) throw new IllegalArgumentException(source + ": the ColorMap has no ColorMapEntry");
        return new ColorMap(type, entries);
    }

    /** A minimal SLD 1.0 document holding {@code map} as the RasterSymbolizer of a style named {@code name}. */
    public static byte[] write(ColorMap map, String name) {
        StringBuilder b = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld">
                  <NamedLayer>
                    <Name>%s</Name>
                    <UserStyle>
                      <FeatureTypeStyle>
                        <Rule>
                          <RasterSymbolizer>
                            <ColorMap type="%s">
                """.formatted(escape(name), map.type().name().toLowerCase(Locale.ROOT)));
        for (ColorMap.Entry e : map.entries()) {
            b.append(String.format(Locale.ROOT, "              <ColorMapEntry color=\"#%06x\" quantity=\"%s\" opacity=\"%s\" label=\"%s\"/>%n",
                    e.rgb() & 0xFFFFFF, plain(e.quantity()), plain(e.opacity()), escape(e.label())));
        }
        b.append("""
                            </ColorMap>
                          </RasterSymbolizer>
                        </Rule>
                      </FeatureTypeStyle>
                    </UserStyle>
                  </NamedLayer>
                </StyledLayerDescriptor>
                """);
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String escape(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static double number(String text, String source, String what) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + what + " '" + text + "' is not a number");
        }
    }

    private static String childText(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) return e.getTextContent().trim();
        }
        return null;
    }

    /** Namespace-aware DOM without DOCTYPEs, external entities or XInclude ({@link HardenedXml}). */
    private static Document parse(byte[] xml, String source) {
        try {
            return HardenedXml.builder(FACTORY).parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException(source + ": not a readable SLD document (" + e.getMessage() + ")");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be hardened", e);
        }
    }
}
