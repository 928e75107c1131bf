package org.esvflow.routes.qgis;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The first {@code ColorMap} of an SLD 1.0 raster symbolizer: its type ({@code ramp}, {@code intervals},
 * {@code values}) and entries in document order. Colours are {@code #rrggbb}, opacity 0..1 (1 when absent).
 */
public record SldColorMap(String type, List<Entry> entries) {

    public record Entry(String color, double quantity, double opacity, String label) {}

    public static SldColorMap read(InputStream sld, String name) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = f.newDocumentBuilder().parse(sld).getDocumentElement();
            NodeList maps = root.getElementsByTagNameNS("*", "ColorMap");
            if (maps.getLength() == 0) throw new IOException(name + ": no ColorMap in the style");
            Element map = (Element) maps.item(0);
            String type = map.getAttribute("type").isEmpty() ? "ramp" : map.getAttribute("type").toLowerCase(Locale.ROOT);
            List<Entry> entries = new ArrayList<>();
            NodeList es = map.getElementsByTagNameNS("*", "ColorMapEntry");
            for (int i = 0; i < es.getLength(); i++) {
                Element e = (Element) es.item(i);
                String opacity = e.getAttribute("opacity");
                entries.add(new Entry(e.getAttribute("color").toLowerCase(Locale.ROOT), Double.parseDouble(e.getAttribute("quantity")),
                        opacity.isEmpty() ? 1 : Double.parseDouble(opacity), e.getAttribute("label")));
            }
            if (entries.isEmpty()) throw new IOException(name + ": the ColorMap has no entries");
            return new SldColorMap(type, List.copyOf(entries));
        } catch (ParserConfigurationException | SAXException | NumberFormatException e) {
            throw new IOException(name + ": not a readable SLD colour map: " + e.getMessage(), e);
        }
    }
}
