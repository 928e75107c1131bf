package org.esvflow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import javax.imageio.ImageIO;
import org.esvflow.server.testing.Fixture;
import org.esvflow.server.testing.Schemas;
import org.geotools.geometry.jts.ReferencedEnvelope;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class WmsTest {
    static Fixture f;
    /** Native bbox of the fixture layers: 100 pixels of 30 m from (500 000, 4 000 000). */
    static final String NATIVE_BBOX = "500000,3997000,503000,4000000";
    static final int CROPLAND = 0xFFFAE39D;
    static final int FOREST = 0xFF446F33;
    static final int WATER = 0xFF1E69B4;
    static final int IMPERVIOUS = 0xFFE24290;

    @BeforeAll
    static void start() throws Exception {
        f = new Fixture();
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    static BufferedImage map(String query) throws Exception {
        HttpResponse<byte[]> r = f.get("/wms?service=WMS&request=GetMap&" + query);
        assertEquals(200, r.statusCode(), Fixture.text(r));
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    @Test
    void capabilities130AreValidWithTimeDimension() throws Exception {
        HttpResponse<byte[]> r = f.get("/wms?service=WMS&version=1.3.0&request=GetCapabilities");
        assertEquals(200, r.statusCode());
        Schemas.validate(Schemas.wms(), r.body());
        String caps = Fixture.text(r);
        assertTrue(caps.contains("<Name>demo:esv</Name>"));
        assertTrue(caps.contains("<Dimension name=\"time\" units=\"ISO8601\" default=\"2023\" nearestValue=\"0\">2019,2023</Dimension>"), caps);
        String caps111 = Fixture.text(f.get("/wms?service=WMS&version=1.1.1&request=GetCapabilities"));
        assertTrue(caps111.contains("<Extent name=\"time\" default=\"2023\">2019,2023</Extent>"));
    }

    @Test
    void nativeMapUsesTheValuesColourMap() throws Exception {
        BufferedImage img = map("version=1.3.0&layers=demo:landuse&styles=&crs=EPSG:32650&bbox=" + NATIVE_BBOX
                + "&width=100&height=100&format=image/png&transparent=true");
        assertEquals(CROPLAND, img.getRGB(10, 10));
        assertEquals(FOREST, img.getRGB(90, 10));
        assertEquals(WATER, img.getRGB(10, 90));
        assertEquals(IMPERVIOUS, img.getRGB(90, 90));
    }

    @Test
    void rampTimeNodataTransparencyAndBackground() throws Exception {
        String q = "version=1.3.0&layers=demo:esv&crs=EPSG:32650&bbox=" + NATIVE_BBOX + "&width=100&height=100&format=image/png";
        BufferedImage y2019 = map(q + "&transparent=true&time=2019");
        assertEquals(0, y2019.getRGB(5, 5) >>> 24, "nodata is transparent");
        assertEquals(0xFFC2E699, y2019.getRGB(30, 50), "10 000 is the second ramp entry");
        assertEquals(0xFF31A354, y2019.getRGB(70, 50), "60 000 is the fourth ramp entry");
        BufferedImage y2023 = map(q + "&bgcolor=0x0000FF&time=2023-01-01T00:00:00Z");
        assertEquals(0xFF0000FF, y2023.getRGB(5, 5), "background shows through nodata");
        // 20 000 is halfway between 10 000 (c2e699) and 30 000 (78c679): (194+120)/2=157, (230+198)/2=214, (153+121)/2=137
        assertEquals(0xFF9DD689, y2023.getRGB(30, 50));
        assertEquals(0xFF006837, y2023.getRGB(70, 50), "120 000 is above the last entry");
        HttpResponse<byte[]> bad = f.get("/wms?service=WMS&request=GetMap&" + q + "&time=2001");
        assertWmsException(bad, "InvalidDimensionValue");
    }

    @Test
    void reprojectsTo4326WithLatitudeFirstBboxIn130And3857() throws Exception {
        ReferencedEnvelope nat = new ReferencedEnvelope(500000, 503000, 3997000, 4000000, CRS.decode("EPSG:32650", true));
        ReferencedEnvelope ll = nat.transform(CRS.decode("EPSG:4326", true), true);
        String bbox130 = ll.getMinY() + "," + ll.getMinX() + "," + ll.getMaxY() + "," + ll.getMaxX();
        BufferedImage a = map("version=1.3.0&layers=demo:landuse&crs=EPSG:4326&bbox=" + bbox130
                + "&width=100&height=100&format=image/png&transparent=true");
        assertQuadrants(a);
        String bbox111 = ll.getMinX() + "," + ll.getMinY() + "," + ll.getMaxX() + "," + ll.getMaxY();
        assertQuadrants(map("version=1.1.1&layers=demo:landuse&srs=EPSG:4326&bbox=" + bbox111
                + "&width=100&height=100&format=image/png&transparent=true"));
        ReferencedEnvelope merc = nat.transform(CRS.decode("EPSG:3857", true), true);
        assertQuadrants(map("version=1.3.0&layers=demo:landuse&crs=EPSG:3857&bbox=" + merc.getMinX() + "," + merc.getMinY()
                + "," + merc.getMaxX() + "," + merc.getMaxY() + "&width=100&height=100&format=image/png&transparent=true"));
        BufferedImage jpeg = map("version=1.3.0&layers=demo:landuse&crs=EPSG:4326&bbox=" + bbox130
                + "&width=100&height=100&format=image/jpeg");
        int c = jpeg.getRGB(75, 75);
        assertTrue(Math.abs(((c >> 16) & 0xFF) - 0xE2) < 12 && Math.abs((c & 0xFF) - 0x90) < 12, Integer.toHexString(c));
    }

    private static void assertQuadrants(BufferedImage img) {
        assertEquals(CROPLAND, img.getRGB(25, 25));
        assertEquals(FOREST, img.getRGB(75, 25));
        assertEquals(WATER, img.getRGB(25, 75));
        assertEquals(IMPERVIOUS, img.getRGB(75, 75));
    }

    @Test
    void publishedLayersGetOverviewsThatMapsRead() throws Exception {
        // 600 x 600 pixels of 5 m over the same 3 km square: overview levels 300 and 150
        java.awt.image.WritableRaster r = javax.media.jai.RasterFactory.createBandedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 600, 600, 1, null);
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < 600; x++) r.setSample(x, y, 0, y < 300 ? (x < 300 ? 1 : 2) : (x < 300 ? 5 : 8));
        }
        javax.media.jai.TiledImage image = new javax.media.jai.TiledImage(0, 0, 600, 600, 0, 0, r.getSampleModel(),
                javax.media.jai.PlanarImage.createColorModel(r.getSampleModel()));
        image.setData(r);
        f.server.publish(org.esvflow.raster.Rasters.coverage("fine", image, org.esvflow.raster.Rasters.grid(600, 600, 500000,
                4000000, 5, CRS.decode("EPSG:32650", true)), 0), "demo", "fine", "landuse", null);
        org.esvflow.server.catalog.Granule g = f.server.catalog().layer("demo:fine").granules().get(0);
        assertEquals(2, g.reader().getMaskOverviewProvider().getNumExternalOverviews());
        BufferedImage img = map("version=1.3.0&layers=demo:fine&crs=EPSG:32650&bbox=" + NATIVE_BBOX
                + "&width=64&height=64&format=image/png&transparent=true");
        assertEquals(CROPLAND, img.getRGB(16, 16));
        assertEquals(FOREST, img.getRGB(48, 16));
        assertEquals(WATER, img.getRGB(16, 48));
        assertEquals(IMPERVIOUS, img.getRGB(48, 48));
    }

    @Test
    void featureInfoAndLegend() throws Exception {
        String q = "/wms?service=WMS&version=1.3.0&request=GetFeatureInfo&layers=demo:esv&query_layers=demo:esv"
                + "&crs=EPSG:32650&bbox=" + NATIVE_BBOX + "&width=100&height=100&i=70&j=50&time=2019";
        String text = Fixture.text(f.get(q + "&info_format=text/plain"));
        assertTrue(text.contains("GRAY_INDEX = 60000"), text);
        String json = Fixture.text(f.get(q + "&info_format=application/json"));
        assertTrue(json.contains("\"GRAY_INDEX\":60000"), json);
        HttpResponse<byte[]> legend = f.get("/wms?service=WMS&request=GetLegendGraphic&layer=demo:landuse&format=image/png");
        assertEquals(200, legend.statusCode());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(legend.body()));
        assertEquals(CROPLAND, img.getRGB(10, 10), "first swatch is class 1");
    }

    @Test
    void errorsAreServiceExceptionReports() throws Exception {
        assertWmsException(f.get("/wms?service=WMS&version=1.3.0&request=GetMap&layers=demo:nothing&crs=EPSG:4326"
                + "&bbox=0,0,1,1&width=10&height=10&format=image/png"), "LayerNotDefined");
        assertWmsException(f.get("/wms?service=WMS&version=1.3.0&request=GetMap&layers=demo:landuse&crs=EPSG:999999"
                + "&bbox=0,0,1,1&width=10&height=10&format=image/png"), "InvalidCRS");
        assertWmsException(f.get("/wms?service=WMS&version=1.3.0&request=GetMap&layers=demo:landuse&styles=nope&crs=EPSG:4326"
                + "&bbox=0,0,1,1&width=10&height=10&format=image/png"), "StyleNotDefined");
        assertWmsException(f.get("/wms?service=WMS&version=1.3.0&request=GetMap&layers=demo:landuse&crs=EPSG:4326"
                + "&bbox=0,0,1,1&width=10&height=10&format=image/gif"), "InvalidFormat");
    }

    static void assertWmsException(HttpResponse<byte[]> r, String code) throws Exception {
        assertEquals(400, r.statusCode(), Fixture.text(r));
        Schemas.validate(Schemas.wms(), r.body());
        Element e = WpsTest.firstElement(WpsTest.dom(r.body()), "ServiceException");
        assertEquals(code, e.getAttribute("code"));
    }

    @Test
    void getStylesAnswersTheLayerSld() throws Exception {
        HttpResponse<byte[]> r = f.get("/wms?service=WMS&version=1.1.1&request=GetStyles&layers=demo:landuse");
        assertEquals(200, r.statusCode(), Fixture.text(r));
        assertEquals("application/vnd.ogc.sld+xml", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(java.nio.file.Files.readString(java.nio.file.Path.of("..", "geoserver-data", "styles", "landuse.sld")),
                Fixture.text(r));
        assertWmsException(f.get("/wms?service=WMS&version=1.3.0&request=GetStyles&layers=demo:nothing"), "LayerNotDefined");
    }

    /** fig:MapPanels reads the layer by WCS and its style by WMS GetStyles, both in-process: the figure has the WMS colours. */
    @Test
    void mapFigureFromReferencesHasTheWmsColours() throws Exception {
        String base = f.server.baseUrl();
        String inputs = "rasters=@xlink:href=" + base + "/wcs?service=WCS&version=2.0.1&request=GetCoverage&coverageId=demo__landuse"
                + "@mimeType=image/tiff;colorMap=@xlink:href=" + base
                + "/ows?service=WMS&version=1.1.1&request=GetStyles&layers=demo:landuse@mimeType=application/vnd.ogc.sld+xml;"
                + "titles=2023;dpi=100;width=80";
        HttpResponse<byte[]> r = f.get("/wps?service=WPS&version=1.0.0&request=Execute&identifier=fig:MapPanels"
                + "&DataInputs=" + WpsTest.enc(inputs) + "&RawDataOutput=png");
        assertEquals(200, r.statusCode(), Fixture.text(r));
        BufferedImage fig = ImageIO.read(new ByteArrayInputStream(r.body()));
        // 80 mm at 100 dpi: 3.1496 in × 100 = 314.96 → 315 px
        assertEquals(315, fig.getWidth());
        BufferedImage wms = map("version=1.3.0&layers=demo:landuse&styles=&crs=EPSG:32650&bbox=" + NATIVE_BBOX
                + "&width=100&height=100&format=image/png&transparent=true");
        java.util.Set<Integer> wmsColours = new java.util.HashSet<>(), figColours = new java.util.HashSet<>();
        for (int y = 0; y < 100; y++) for (int x = 0; x < 100; x++) wmsColours.add(wms.getRGB(x, y));
        // the map frame of the only panel: rows and columns whose pixels are WMS colours
        int hits = 0;
        for (int y = 0; y < fig.getHeight(); y++) {
            for (int x = 0; x < fig.getWidth(); x++) {
                int c = fig.getRGB(x, y);
                if (wmsColours.contains(c)) {
                    hits++;
                    figColours.add(c);
                }
            }
        }
        assertTrue(hits > 10_000, "map pixels in WMS colours: " + hits);
        // every class colour the WMS shows appears in the figure
        assertEquals(wmsColours.stream().filter(c -> (c >>> 24) == 0xFF).collect(java.util.stream.Collectors.toSet()), figColours);
    }
}
