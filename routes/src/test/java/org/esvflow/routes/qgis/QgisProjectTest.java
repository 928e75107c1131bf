package org.esvflow.routes.qgis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code study.qgs} as QGIS needs it: well-formed, every local layer by a relative path to a file that exists (also
 * after the folder moved), and renderers carrying exactly the SLD colour maps (the SLDs read here with XPath, not
 * with {@link org.esvflow.style.Sld}).
 */
public class QgisProjectTest {
    static final Path STYLES = Path.of("..", "geoserver-data", "styles");
    static final List<String> STYLE_NAMES = List.of("landuse", "esv", "esv_change", "rsei", "hai", "hotspots");

    @TempDir
    Path dir;

    @Test
    void projectOfTwoEpochsPerThemeOpensFromAnywhere() throws Exception {
        Path study = dir.resolve("study");
        Path output = study.resolve("output");
        QgisProject p = new QgisProject("Test study", "EPSG:32650", "PROJCS[\"WGS 84 / UTM zone 50N\"]",
                new double[] {300000, 4200000, 780000, 4650000});
        for (String style : STYLE_NAMES) {
            for (String year : List.of("2013", "2023")) {
                // land use is an input published as it is (beside the output folder), the rest are outputs
                Path file = style.equals("landuse") ? study.resolve("landuse").resolve("lu_" + year + ".tif")
                        : output.resolve("rasters").resolve(style + "_" + year + ".tif");
                touch(file);
                p.raster(new QgisProject.Raster(style.toUpperCase(), style, year, file, style));
            }
        }
        Path counties = touch(study.resolve("boundaries").resolve("counties.geojson"));
        p.outline(new QgisProject.Outline("counties", counties, 0.25, "EPSG:4326", "GEOGCS[\"WGS 84\"]"));
        p.wms("http://127.0.0.1:8080/ows", List.of(new QgisProject.Wms("Land use (WMS)", "demo:landuse")));
        Path qgs = output.resolve("study.qgs");
        p.write(qgs, name -> {
            try (var in = Files.newInputStream(STYLES.resolve(name + ".sld"))) {
                return org.esvflow.style.Sld.read(in.readAllBytes(), name);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        int checked = check(qgs);
        // 6 themes x 2 epochs + 1 outline local layers, 12 styled rasters
        assertEquals(13, checked);
        // the whole study folder moved elsewhere: every path still resolves
        Path moved = Files.move(study, dir.resolve("elsewhere"));
        assertEquals(13, check(moved.resolve("output").resolve("study.qgs")));
    }

    /**
     * Checks a written {@code .qgs} (also the one of a whole study run) and returns how many local layers it holds.
     */
    public static int check(Path qgs) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(qgs.toFile()); // well-formed
        XPath x = XPathFactory.newInstance().newXPath();
        assertEquals("qgis", doc.getDocumentElement().getNodeName());
        assertEquals("false", x.evaluate("/qgis/properties/Paths/Absolute", doc));
        assertFalse(x.evaluate("/qgis/projectCrs/spatialrefsys/authid", doc).isEmpty(), "project CRS");
        NodeList layers = (NodeList) x.evaluate("/qgis/projectlayers/maplayer", doc, XPathConstants.NODESET);
        Set<String> inTree = new TreeSet<>();
        NodeList treeLayers = (NodeList) x.evaluate("//layer-tree-layer/@id", doc, XPathConstants.NODESET);
        for (int i = 0; i < treeLayers.getLength(); i++) inTree.add(treeLayers.item(i).getNodeValue());
        Map<String, Map<String, List<String>>> slds = new HashMap<>();
        int local = 0, styled = 0;
        for (int i = 0; i < layers.getLength(); i++) {
            Element layer = (Element) layers.item(i);
            String id = x.evaluate("id", layer), provider = x.evaluate("provider", layer), source = x.evaluate("datasource", layer);
            assertTrue(inTree.contains(id), id + " is not in the layer tree");
            if (provider.equals("wms")) {
                assertTrue(source.contains("url=http"), source);
                continue;
            }
            assertTrue(source.startsWith("./") || source.startsWith("../"), id + ": path not relative: " + source);
            Path file = qgs.getParent().resolve(source).normalize();
            assertTrue(Files.isRegularFile(file), id + ": " + source + " does not resolve to a file (" + file + ")");
            local++;
            if (!layer.getAttribute("type").equals("raster")) continue;
            String style = layer.getAttribute("styleName");
            Map<String, List<String>> sld = slds.computeIfAbsent(style, QgisProjectTest::sldEntries);
            String type = x.evaluate("pipe/rasterrenderer/@type", layer);
            List<String> entries = new ArrayList<>();
            String sldType = sld.get("type").get(0);
            if (sldType.equals("values")) {
                assertEquals("paletted", type, id);
                entries = values(x, layer, "pipe/rasterrenderer/colorPalette/paletteEntry");
            } else {
                assertEquals("singlebandpseudocolor", type, id);
                assertEquals(sldType.equals("intervals") ? "DISCRETE" : "INTERPOLATED",
                        x.evaluate("pipe/rasterrenderer/rastershader/colorrampshader/@colorRampType", layer), id);
                entries = values(x, layer, "pipe/rasterrenderer/rastershader/colorrampshader/item");
            }
            assertEquals(sld.get("entries"), entries, id + " against " + style + ".sld");
            styled++;
        }
        assertTrue(styled > 0, "no styled raster layer checked");
        return local;
    }

    /** quantity|colour|alpha|label of each renderer entry, numbers compared as doubles. */
    private static List<String> values(XPath x, Element layer, String path) throws Exception {
        NodeList items = (NodeList) x.evaluate(path, layer, XPathConstants.NODESET);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.getLength(); i++) {
            Element e = (Element) items.item(i);
            out.add(Double.parseDouble(e.getAttribute("value")) + "|" + e.getAttribute("color").toLowerCase() + "|"
                    + e.getAttribute("alpha") + "|" + e.getAttribute("label"));
        }
        return out;
    }

    /** The SLD's ColorMap: type and entries as quantity|colour|alpha (opacity × 255)|label. */
    private static Map<String, List<String>> sldEntries(String style) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Document sld = f.newDocumentBuilder().parse(STYLES.resolve(style + ".sld").toFile());
            XPath x = XPathFactory.newInstance().newXPath();
            String type = x.evaluate("//*[local-name()='ColorMap']/@type", sld);
            NodeList es = (NodeList) x.evaluate("//*[local-name()='ColorMapEntry']", sld, XPathConstants.NODESET);
            List<String> entries = new ArrayList<>();
            for (int i = 0; i < es.getLength(); i++) {
                Element e = (Element) es.item(i);
                long alpha = Math.round(Double.parseDouble(e.getAttribute("opacity")) * 255);
                entries.add(Double.parseDouble(e.getAttribute("quantity")) + "|" + e.getAttribute("color").toLowerCase() + "|"
                        + alpha + "|" + e.getAttribute("label"));
            }
            assertFalse(entries.isEmpty(), style + ".sld has no entries");
            return Map.of("type", List.of(type), "entries", entries);
        } catch (Exception e) {
            throw new AssertionError(style + ".sld: " + e, e);
        }
    }

    private static Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[] {0});
    }
}
