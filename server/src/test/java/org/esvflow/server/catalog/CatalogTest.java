package org.esvflow.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.esvflow.server.testing.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** The catalog writes GeoServer's layout with consistent cross-references, and reads it back. */
class CatalogTest {
    @TempDir
    Path dir;

    static Element xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    static String text(Element e, String path) {
        Element cur = e;
        for (String step : path.split("/")) cur = (Element) cur.getElementsByTagName(step).item(0);
        return cur.getTextContent().trim();
    }

    @Test
    void publishWritesCrossReferencedGeoServerFiles() throws Exception {
        Files.createDirectories(dir.resolve("styles"));
        for (String f : List.of("esv.xml", "esv.sld")) {
            Files.copy(Path.of("..", "geoserver-data", "styles", f), dir.resolve("styles").resolve(f));
        }
        Catalog catalog = Catalog.open(dir);
        assertEquals("demo:esv", catalog.publish(Fixture.esv(1), "demo", "esv_2019", "esv", "2019"));
        assertEquals("demo:esv", catalog.publish(Fixture.esv(2), "demo", "esv_2023", "esv", "2023"));
        assertEquals("demo:plain", catalog.publish(Fixture.landUse(), "demo", "plain", null, null));

        Path ws = dir.resolve("workspaces/demo");
        Element workspace = xml(ws.resolve("workspace.xml"));
        Element namespace = xml(ws.resolve("namespace.xml"));
        Element store = xml(ws.resolve("esv/coveragestore.xml"));
        Element coverage = xml(ws.resolve("esv/esv/coverage.xml"));
        Element layer = xml(ws.resolve("esv/esv/layer.xml"));
        Element style = xml(dir.resolve("styles/esv.xml"));
        assertEquals(text(workspace, "id"), text(store, "workspace/id"));
        assertEquals(text(namespace, "id"), text(coverage, "namespace/id"));
        assertEquals(text(store, "id"), text(coverage, "store/id"));
        assertEquals(text(coverage, "id"), text(layer, "resource/id"));
        assertEquals(text(style, "id"), text(layer, "defaultStyle/id"));
        assertEquals("ImageMosaic", text(store, "type"));
        assertEquals("file:data/demo/esv", text(store, "url"));
        assertEquals("true", text(coverage, "metadata/entry/dimensionInfo/enabled"));
        assertEquals("EPSG:32650", text(coverage, "srs"));
        assertEquals("500000.0", text(coverage, "nativeBoundingBox/minx"));
        assertEquals("3997000.0", text(coverage, "nativeBoundingBox/miny"));
        assertTrue(Files.readString(dir.resolve("data/demo/esv/indexer.properties")).contains("TimeAttribute=time"));
        assertEquals("GeoTIFF", text(xml(ws.resolve("plain/coveragestore.xml")), "type"));
        assertFalse(Files.exists(dir.resolve("data/demo/plain.tif.ovr")), "100 x 100 fits one tile: no overviews");

        // a fresh catalog over the same directory sees the same layers
        Catalog again = Catalog.open(dir);
        assertEquals(List.of("2019", "2023"), again.layer("demo:esv").times());
        assertEquals("esv", again.layer("demo:esv").style());
        assertNull(again.layer("demo:plain").style());
        assertEquals("2023", again.layer("demo:esv").granule(null).time());
        assertNull(again.layer("demo:esv").granule("2001"));
        assertThrows(IllegalArgumentException.class, () -> again.publish(Fixture.landUse(), "demo", "x", "nosuchstyle", null));
        assertThrows(IllegalArgumentException.class, () -> again.publish(Fixture.landUse(), "../demo", "x", null, null));
        assertThrows(IllegalArgumentException.class, () -> again.publish(Fixture.landUse(), "demo", "x", null, "2019/../../x"));
    }
}
