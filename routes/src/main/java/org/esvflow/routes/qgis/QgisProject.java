package org.esvflow.routes.qgis;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.esvflow.io.AtomicFiles;
import org.esvflow.style.ColorMap;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A QGIS 3 project file ({@code .qgs}) of a study: raster layers from local GeoTIFFs styled as the server's SLD colour
 * maps (ramp → pseudocolour interpolated, intervals → pseudocolour discrete, values → paletted), one mutually exclusive
 * group per theme with one layer per epoch (the latest shown), polygon boundaries as outlines on top, and the same
 * themes as WMS layers of the server in a hidden group. Paths are written relative to the project file, so the folder
 * can be moved; QGIS resolves {@code ./} and {@code ../} against the project's folder.
 */
public final class QgisProject {

    /** A local raster: {@code group} is the theme's title, {@code time} the epoch (null for none). */
    public record Raster(String group, String name, String time, Path file, String style) {}

    /** A polygon layer drawn as outlines, {@code width} in millimetres, its CRS as a code and WKT. */
    public record Outline(String name, Path file, double width, String crs, String crsWkt) {}

    /** A layer of the server's WMS (a {@code workspace:name} layer). */
    public record Wms(String name, String layer) {}

    private final String title;
    private final String crs;
    private final String crsWkt;
    private final double[] extent;
    private final List<Raster> rasters = new ArrayList<>();
    private final List<Outline> outlines = new ArrayList<>();
    private final List<Wms> wms = new ArrayList<>();
    private String wmsUrl;

    /**
     * @param crs the project CRS as an authority code ({@code EPSG:32650})
     * @param crsWkt its WKT (QGIS reads a CRS from WKT; the code alone is not enough)
     * @param extent initial view {xmin, ymin, xmax, ymax} in the project CRS, or null
     */
    public QgisProject(String title, String crs, String crsWkt, double[] extent) {
        this.title = title;
        this.crs = crs;
        this.crsWkt = crsWkt;
        this.extent = extent;
    }

    public QgisProject raster(Raster r) {
        rasters.add(r);
        return this;
    }

    public QgisProject outline(Outline o) {
        outlines.add(o);
        return this;
    }

    public QgisProject wms(String url, List<Wms> layers) {
        this.wmsUrl = url;
        this.wms.addAll(layers);
        return this;
    }

    /**
     * Writes the project to {@code qgs} (atomically); {@code styles} gives the colour map of a style name (null: the
     * layer keeps QGIS's default renderer).
     */
    public void write(Path qgs, Function<String, ColorMap> styles) throws IOException {
        Path dir = qgs.toAbsolutePath().getParent();
        Document doc;
        try {
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IOException(e);
        }
        Element qgis = doc.createElement("qgis");
        doc.appendChild(qgis);
        qgis.setAttribute("projectname", title);
        qgis.setAttribute("version", "3.22.0");
        text(qgis, "homePath", null).setAttribute("path", "");
        text(qgis, "title", title);
        srs(text(qgis, "projectCrs", null), crs, crsWkt);

        Element tree = text(qgis, "layer-tree-group", null);
        Element layers = doc.createElement("projectlayers");

        Element bounds = group(tree, "Boundaries", true, false);
        for (Outline o : outlines) {
            String id = id("boundary", o.name(), null);
            String source = relative(dir, o.file());
            treeLayer(bounds, id, o.name(), source, "ogr", true);
            layers.appendChild(outline(doc, id, o, source));
        }
        Map<String, List<Raster>> byGroup = new LinkedHashMap<>();
        rasters.forEach(r -> byGroup.computeIfAbsent(r.group(), k -> new ArrayList<>()).add(r));
        boolean first = true;
        for (Map.Entry<String, List<Raster>> g : byGroup.entrySet()) {
            Element group = group(tree, g.getKey(), first, true);
            List<Raster> list = g.getValue();
            for (int i = list.size() - 1; i >= 0; i--) { // latest epoch on top, the one shown
                Raster r = list.get(i);
                String id = id(r.group(), r.name(), r.time());
                String name = r.time() == null ? r.name() : r.name() + " " + r.time();
                String source = relative(dir, r.file());
                treeLayer(group, id, name, source, "gdal", i == list.size() - 1);
                layers.appendChild(raster(doc, id, name, source, styles.apply(r.style()), r.style()));
            }
            first = false;
        }
        if (wmsUrl != null && !wms.isEmpty()) {
            Element group = group(tree, "WMS " + wmsUrl, false, false);
            for (Wms w : wms) {
                String id = id("wms", w.layer(), null);
                String source = "contextualWMSLegend=0&crs=" + crs + "&dpiMode=7&featureCount=10&format=image/png&layers="
                        + w.layer() + "&styles&url=" + wmsUrl;
                treeLayer(group, id, w.name(), source, "wms", false);
                Element layer = mapLayer(doc, "raster", id, w.name(), source, "wms");
                Element renderer = text(text(layer, "pipe", null), "rasterrenderer", null);
                renderer.setAttribute("type", "singlebandcolordata");
                renderer.setAttribute("band", "1");
                renderer.setAttribute("opacity", "1");
                renderer.setAttribute("alphaBand", "-1");
                layers.appendChild(layer);
            }
        }
        qgis.appendChild(layers);

        if (extent != null) {
            Element canvas = text(qgis, "mapcanvas", null);
            canvas.setAttribute("name", "theMapCanvas");
            text(canvas, "units", "meters");
            Element e = text(canvas, "extent", null);
            text(e, "xmin", num(extent[0]));
            text(e, "ymin", num(extent[1]));
            text(e, "xmax", num(extent[2]));
            text(e, "ymax", num(extent[3]));
            srs(text(canvas, "destinationsrs", null), crs, crsWkt);
        }
        Element properties = text(qgis, "properties", null);
        Element absolute = text(text(properties, "Paths", null), "Absolute", "false");
        absolute.setAttribute("type", "bool");
        // QGIS reads projectCrs only when projections are enabled
        text(text(properties, "SpatialRefSys", null), "ProjectionsEnabled", "1").setAttribute("type", "int");
        Element server = text(properties, "esvflow", null);
        if (wmsUrl != null) text(server, "wms", wmsUrl).setAttribute("type", "QString");

        AtomicFiles.write(qgs, serialize(doc).getBytes(StandardCharsets.UTF_8));
    }

    private Element raster(Document doc, String id, String name, String source, ColorMap map, String style) {
        Element layer = mapLayer(doc, "raster", id, name, source, "gdal");
        if (map == null) return layer; // an unknown style: QGIS's default renderer
        Element r = text(text(layer, "pipe", null), "rasterrenderer", null);
        r.setAttribute("band", "1");
        r.setAttribute("opacity", "1");
        r.setAttribute("alphaBand", "-1");
        r.setAttribute("nodataColor", "");
        text(r, "rasterTransparency", null);
        if (map.type() == ColorMap.Type.VALUES) {
            r.setAttribute("type", "paletted");
            Element palette = text(r, "colorPalette", null);
            for (ColorMap.Entry e : map.entries()) {
                Element p = text(palette, "paletteEntry", null);
                p.setAttribute("value", num(e.quantity()));
                p.setAttribute("color", hex(e));
                p.setAttribute("alpha", String.valueOf(alpha(e)));
                p.setAttribute("label", e.label());
            }
        } else {
            // ramp: colours interpolated between entries; intervals: an entry's colour up to its quantity
            double min = map.entries().get(0).quantity(), max = map.entries().get(map.entries().size() - 1).quantity();
            r.setAttribute("type", "singlebandpseudocolor");
            r.setAttribute("classificationMin", num(min));
            r.setAttribute("classificationMax", num(max));
            Element origin = text(r, "minMaxOrigin", null);
            text(origin, "limits", "None");
            text(origin, "extent", "WholeRaster");
            text(origin, "statAccuracy", "Estimated");
            Element shader = text(text(r, "rastershader", null), "colorrampshader", null);
            shader.setAttribute("colorRampType", map.type() == ColorMap.Type.INTERVALS ? "DISCRETE" : "INTERPOLATED");
            shader.setAttribute("classificationMode", "1");
            shader.setAttribute("clip", "0");
            shader.setAttribute("minimumValue", num(min));
            shader.setAttribute("maximumValue", num(max));
            for (ColorMap.Entry e : map.entries()) {
                Element item = text(shader, "item", null);
                item.setAttribute("value", num(e.quantity()));
                item.setAttribute("color", hex(e));
                item.setAttribute("alpha", String.valueOf(alpha(e)));
                item.setAttribute("label", e.label());
            }
        }
        layer.setAttribute("styleName", style);
        return layer;
    }

    private Element outline(Document doc, String id, Outline o, String source) {
        Element layer = mapLayer(doc, "vector", id, o.name(), source, "ogr");
        Element srs = (Element) layer.getElementsByTagName("srs").item(0);
        layer.removeChild(srs);
        srs(text(layer, "srs", null), o.crs(), o.crsWkt());
        layer.setAttribute("geometry", "Polygon");
        Element renderer = text(layer, "renderer-v2", null);
        renderer.setAttribute("type", "singleSymbol");
        Element symbol = text(text(renderer, "symbols", null), "symbol", null);
        symbol.setAttribute("type", "fill");
        symbol.setAttribute("name", "0");
        symbol.setAttribute("alpha", "1");
        Element fill = text(symbol, "layer", null);
        fill.setAttribute("class", "SimpleFill");
        fill.setAttribute("enabled", "1");
        fill.setAttribute("pass", "0");
        Element options = text(fill, "Option", null);
        options.setAttribute("type", "Map");
        option(options, "style", "no");
        option(options, "color", "0,0,0,0");
        option(options, "outline_style", "solid");
        option(options, "outline_color", "50,50,50,255");
        option(options, "outline_width", num(o.width()));
        option(options, "outline_width_unit", "MM");
        return layer;
    }

    private Element mapLayer(Document doc, String type, String id, String name, String source, String provider) {
        Element layer = doc.createElement("maplayer");
        layer.setAttribute("type", type);
        text(layer, "id", id);
        text(layer, "datasource", source);
        text(layer, "layername", name);
        srs(text(layer, "srs", null), crs, crsWkt);
        text(layer, "provider", provider);
        return layer;
    }

    private static void srs(Element parent, String code, String wkt) {
        Element s = text(parent, "spatialrefsys", null);
        text(s, "wkt", wkt);
        text(s, "authid", code);
    }

    private static Element group(Element parent, String name, boolean checked, boolean exclusive) {
        Element g = text(parent, "layer-tree-group", null);
        g.setAttribute("name", name);
        g.setAttribute("checked", checked ? "Qt::Checked" : "Qt::Unchecked");
        g.setAttribute("expanded", checked ? "1" : "0");
        if (exclusive) g.setAttribute("mutually-exclusive", "1");
        return g;
    }

    private static void treeLayer(Element group, String id, String name, String source, String provider, boolean checked) {
        Element l = text(group, "layer-tree-layer", null);
        l.setAttribute("id", id);
        l.setAttribute("name", name);
        l.setAttribute("source", source);
        l.setAttribute("providerKey", provider);
        l.setAttribute("checked", checked ? "Qt::Checked" : "Qt::Unchecked");
        l.setAttribute("expanded", "0");
    }

    private static void option(Element map, String name, String value) {
        Element o = text(map, "Option", null);
        o.setAttribute("name", name);
        o.setAttribute("type", "QString");
        o.setAttribute("value", value);
    }

    private static Element text(Element parent, String name, String text) {
        Element e = parent.getOwnerDocument().createElement(name);
        if (text != null) e.setTextContent(text);
        parent.appendChild(e);
        return e;
    }

    /** A layer id QGIS accepts: letters, digits and '_' only. */
    static String id(String group, String name, String time) {
        String raw = group + "_" + name + (time == null ? "" : "_" + time);
        return raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
    }

    /** {@code file} relative to {@code dir}, '/'-separated, starting with {@code ./} or {@code ../}. */
    static String relative(Path dir, Path file) {
        String rel = dir.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
        return rel.startsWith("../") ? rel : "./" + rel;
    }

    /** {@code #rrggbb} of an entry, as QGIS writes colours. */
    private static String hex(ColorMap.Entry e) {
        return String.format(Locale.ROOT, "#%06x", e.rgb() & 0xFFFFFF);
    }

    private static int alpha(ColorMap.Entry e) {
        return (int) Math.round(Math.max(0, Math.min(1, e.opacity())) * 255);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String serialize(Document doc) throws IOException {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(w));
            return w.toString();
        } catch (TransformerException e) {
            throw new IOException("cannot write the QGIS project: " + e.getMessage(), e);
        }
    }
}
