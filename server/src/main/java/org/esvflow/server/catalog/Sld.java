package org.esvflow.server.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.esvflow.server.ows.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the first {@code RasterSymbolizer/ColorMap} of an SLD 1.0 or SE 1.1 document. Only colour maps are
 * understood: that is all a raster style needs here (the wrapper has no SLD renderer).
 */
public final class Sld {
    private Sld() {}

    public static ColorMap read(Path sld) throws IOException {
        Document doc = SafeXml.parse(Files.readAllBytes(sld));
        NodeList maps = doc.getElementsByTagNameNS("*", "ColorMap");
        if (maps.getLength() == 0) throw new IOException("no RasterSymbolizer ColorMap in " + sld.getFileName());
        Element map = (Element) maps.item(0);
        String typeAttr = map.getAttribute("type");
        ColorMap.Type type = typeAttr.isEmpty() ? ColorMap.Type.RAMP
                : ColorMap.Type.valueOf(typeAttr.trim().toUpperCase(Locale.ROOT));
        // the symbolizer's Opacity scales every entry's own opacity, as GeoServer composes them
        double layerOpacity = 1.0;
        if (map.getParentNode() instanceof Element symbolizer) {
            String o = SafeXml.childText(symbolizer, "Opacity");
            if (o != null && !o.isEmpty()) layerOpacity = Double.parseDouble(o);
        }
        List<ColorMap.Entry> entries = new ArrayList<>();
        for (Element e : SafeXml.children(map, "ColorMapEntry")) {
            String color = e.getAttribute("color").trim();
            String opacity = e.getAttribute("opacity").trim();
            entries.add(new ColorMap.Entry(
                    Double.parseDouble(e.getAttribute("quantity").trim()),
                    Integer.parseInt(color.startsWith("#") ? color.substring(1) : color, 16),
                    layerOpacity * (opacity.isEmpty() ? 1.0 : Double.parseDouble(opacity)),
                    e.getAttribute("label")));
        }
        return new ColorMap(type, entries);
    }
}
