package org.esvflow.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.esvflow.process.Document;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.Rasters;
import org.esvflow.style.ColorMap;
import org.esvflow.style.Sld;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;

class MapPanelsProcessTest {
    static final Path STYLES = Path.of("..", "geoserver-data", "styles");

    /** SLD entries read with a regular expression, independently of {@link Sld}: colour and label in file order. */
    record SldEntry(int rgb, double quantity, String label) {}

    static List<SldEntry> sldEntries(String style) throws Exception {
        String xml = Files.readString(STYLES.resolve(style + ".sld"));
        Matcher m = Pattern.compile("<ColorMapEntry color=\"#([0-9a-fA-F]{6})\" quantity=\"([^\"]+)\"[^>]*label=\"([^\"]*)\"").matcher(xml);
        List<SldEntry> out = new ArrayList<>();
        while (m.find()) out.add(new SldEntry(Integer.parseInt(m.group(1), 16), Double.parseDouble(m.group(2)), m.group(3)));
        return out;
    }

    static ColorMap style(String name) throws Exception {
        return Sld.read(Files.readAllBytes(STYLES.resolve(name + ".sld")), name);
    }

    static GridCoverage2D raster(String name, GridGeometry2D grid, int type, double nodata, DoubleBinaryOperator f) {
        int w = grid.getGridRange2D().width, h = grid.getGridRange2D().height;
        ComputedImage image = new ComputedImage(w, h, 256, type, r -> fill(r, f));
        return Rasters.coverage(name, image, grid, nodata);
    }

    static void fill(WritableRaster r, DoubleBinaryOperator f) {
        for (int y = r.getMinY(); y < r.getMinY() + r.getHeight(); y++) {
            for (int x = r.getMinX(); x < r.getMinX() + r.getWidth(); x++) r.setSample(x, y, 0, f.applyAsDouble(x, y));
        }
    }

    /** 100 × 80 px of 500 m in UTM 50N: 50 km × 40 km, classes 1..9 in bands. */
    static GridCoverage2D utmLandUse(int shift) throws Exception {
        GridGeometry2D grid = Rasters.grid(100, 80, 400_000, 4_400_000, 500, CRS.decode("EPSG:32650", true));
        return raster("lu", grid, DataBuffer.TYPE_BYTE, 255, (x, y) -> (x / 12 + y / 10 + shift) % 9 + 1);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> run(List<GridCoverage2D> rasters, ColorMap colors, String titles, Double width, Double height,
            Integer dpi) {
        return new MapPanelsProcess().execute(rasters, colors, titles, null, null, "Land use", null, width, height, dpi, null);
    }

    static BufferedImage png(Map<String, Object> r) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(((Document) r.get("png")).content()));
    }

    @Test
    void pixelSizeIsDpiTimesPhysicalSize() throws Exception {
        Map<String, Object> r = run(List.of(utmLandUse(0), utmLandUse(3)), style("landuse"), "2013,2023", 120.0, 90.0, 200);
        BufferedImage img = png(r);
        // 120 mm = 4.7244 in × 200 = 944.88 → 945 px; 90 mm = 3.5433 in × 200 = 708.66 → 709 px
        assertEquals(945, img.getWidth());
        assertEquals(709, img.getHeight());
        // the default: 300 dpi, 180 mm wide = 7.0866 in × 300 = 2125.98 → 2126 px
        BufferedImage dflt = png(run(List.of(utmLandUse(0)), style("landuse"), null, null, null, null));
        assertEquals(2126, dflt.getWidth());
    }

    @Test
    void legendSwatchesHaveTheStyleColoursAndLabels() throws Exception {
        Map<String, Object> r = run(List.of(utmLandUse(0), utmLandUse(3)), style("landuse"), "2013,2023", 180.0, null, 300);
        BufferedImage img = png(r);
        MapFigure.Summary s = (MapFigure.Summary) r.get("layout");
        List<SldEntry> expected = sldEntries("landuse");
        assertEquals(9, expected.size());
        assertEquals(expected.size(), s.legend().size());
        for (int i = 0; i < expected.size(); i++) {
            MapFigure.Box box = s.legend().get(i);
            assertEquals(expected.get(i).label(), box.label());
            int rgb = img.getRGB(box.x() + box.width() / 2, box.y() + box.height() / 2) & 0xFFFFFF;
            assertEquals(expected.get(i).rgb(), rgb, box.label() + ": swatch colour");
        }
        // the labels are text in the PDF too
        try (PDDocument pdf = Loader.loadPDF(((Document) r.get("pdf")).content())) {
            String text = new PDFTextStripper().getText(pdf);
            for (SldEntry e : expected) assertTrue(text.contains(e.label()), e.label() + " in " + text);
            assertTrue(text.contains("2013") && text.contains("2023"), "panel titles");
        }
        // map pixels carry the style colours too: panel 1, pixel (0, 0) is class (0/12 + 0/10 + 0) % 9 + 1 = 1, Cropland
        MapFigure.Box panel = s.panels().get(0);
        assertEquals(expected.get(0).rgb(), img.getRGB(panel.x() + 3, panel.y() + 3) & 0xFFFFFF);
    }

    @Test
    void rampLegendStopsHaveTheStyleColours() throws Exception {
        GridGeometry2D grid = Rasters.grid(60, 40, 400_000, 4_400_000, 500, CRS.decode("EPSG:32650", true));
        GridCoverage2D esv = raster("esv", grid, DataBuffer.TYPE_FLOAT, -9999, (x, y) -> x * 2000);
        Map<String, Object> r = run(List.of(esv), style("esv"), "2023", 100.0, null, 300);
        BufferedImage img = png(r);
        MapFigure.Summary s = (MapFigure.Summary) r.get("layout");
        List<SldEntry> expected = sldEntries("esv");
        assertEquals(expected.size(), s.legend().size());
        for (int i = 0; i < expected.size(); i++) {
            MapFigure.Box stop = s.legend().get(i);
            assertEquals(expected.get(i).label(), stop.label());
            int rgb = img.getRGB(stop.x(), stop.y() + stop.height() / 2);
            int want = expected.get(i).rgb();
            // a stop's column is at most one pixel column of interpolation away from the entry colour
            for (int shift = 0; shift <= 16; shift += 8) {
                assertEquals((want >> shift) & 0xFF, (rgb >> shift) & 0xFF, 6, stop.label() + " channel " + shift);
            }
        }
    }

    @Test
    void scaleBarLengthInAProjectedCrs() throws Exception {
        Map<String, Object> r = run(List.of(utmLandUse(0), utmLandUse(1), utmLandUse(2)), style("landuse"), "a,b,c", 180.0, null, 300);
        MapFigure.Summary s = (MapFigure.Summary) r.get("layout");
        // 100 px × 500 m = 50 000 m across each map frame, UTM metres
        double mpp = 50_000.0 / s.panels().get(0).width();
        assertBar(png(r), s.scaleBar(), mpp);
    }

    @Test
    void scaleBarLengthInAGeographicCrs() throws Exception {
        // 100 × 80 px of 0.01°: 116–117°E, 39–39.8°N; centre latitude 39.4°
        GridGeometry2D grid = Rasters.grid(100, 80, 116.0, 39.8, 0.01, CRS.decode("EPSG:4326", true));
        GridCoverage2D lu = raster("lu", grid, DataBuffer.TYPE_BYTE, 255, (x, y) -> (x / 12 + y / 10) % 9 + 1);
        Map<String, Object> r = run(List.of(lu, lu), style("landuse"), "2013,2023", 160.0, null, 300);
        MapFigure.Summary s = (MapFigure.Summary) r.get("layout");
        // length of one degree of longitude on the WGS 84 ellipsoid at φ = 39.4°: π/180 · a cos φ / √(1 − e² sin² φ)
        double a = 6378137, f = 1 / 298.257223563, e2 = f * (2 - f), phi = Math.toRadians(39.4);
        double metresPerDegree = Math.PI / 180 * a * Math.cos(phi) / Math.sqrt(1 - e2 * Math.sin(phi) * Math.sin(phi));
        // ≈ 86 100 m: a sphere of 6 371 km would give 85 950 m
        assertEquals(86_100, metresPerDegree, 200);
        double mpp = 1.0 * metresPerDegree / s.panels().get(0).width();
        assertBar(png(r), s.scaleBar(), mpp);
    }

    /** The dark run of the bar's top row spans its length in metres divided by metres per pixel, ± 1 px. */
    static void assertBar(BufferedImage img, MapFigure.Bar bar, double metresPerPixel) {
        assertEquals(metresPerPixel, bar.metresPerPixel(), metresPerPixel * 1e-6);
        double lead = bar.metres() / Math.pow(10, Math.floor(Math.log10(bar.metres())));
        assertTrue(Set.of(1.0, 2.0, 5.0).contains(Math.rint(lead * 1e9) / 1e9), "a round length: " + bar.metres());
        assertEquals(bar.metres() >= 1000 ? Ticks.plain(bar.metres() / 1000) + " km" : Ticks.plain(bar.metres()) + " m", bar.label());
        int y = bar.y(), first = -1, last = -1;
        for (int x = Math.max(0, bar.x() - 20); x < Math.min(img.getWidth(), bar.x() + bar.lengthPx() + 20); x++) {
            int rgb = img.getRGB(x, y);
            int lum = ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
            if (lum < 150) {
                if (first < 0) first = x;
                last = x;
            }
        }
        double measured = last - first + 1;
        double expected = bar.metres() / metresPerPixel;
        assertEquals(expected, measured, 1.0, "scale bar of " + bar.label() + " at " + metresPerPixel + " m/px");
        // and it is a sensible share of the map: at least a tenth of the first panel's width in metres
        assertTrue(bar.metres() > 0);
    }

    @Test
    void pdfIsVectorAndOpens() throws Exception {
        Map<String, Object> r = run(List.of(utmLandUse(0), utmLandUse(3)), style("landuse"), "2013,2023", 120.0, 90.0, 150);
        Document doc = (Document) r.get("pdf");
        assertEquals(Document.PDF, doc.mimeType());
        try (PDDocument pdf = Loader.loadPDF(doc.content())) {
            assertEquals(1, pdf.getNumberOfPages());
            PDPage page = pdf.getPage(0);
            // 120 mm = 340.16 pt, 90 mm = 255.12 pt (within half a pixel at 150 dpi: 0.24 pt)
            assertEquals(340.16, page.getMediaBox().getWidth(), 0.3);
            assertEquals(255.12, page.getMediaBox().getHeight(), 0.3);
            Set<String> ops = new HashSet<>();
            List<PDImageXObject> images = new ArrayList<>();
            collect(page.getResources(), ops, images, 0);
            try (var in = page.getContents()) {
                for (Object t : new PDFStreamParser(in.readAllBytes()).parse()) if (t instanceof Operator o) ops.add(o.getName());
            }
            assertTrue(ops.contains("m") && ops.contains("l"), "path construction operators: " + ops);
            assertTrue(ops.contains("re") || ops.contains("h"), "closed paths or rectangles: " + ops);
            assertTrue(ops.contains("f") || ops.contains("f*"), "fills: " + ops);
            assertTrue(ops.contains("S") || ops.contains("s"), "strokes: " + ops);
            assertTrue(ops.contains("Tj") || ops.contains("TJ"), "text: " + ops);
            // the panel rasters are images, none of them the whole page (120 mm at 150 dpi = 709 px)
            assertEquals(2, images.size(), "one image per panel");
            for (PDImageXObject img : images) assertTrue(img.getWidth() < 709 / 2, "image " + img.getWidth() + " px wide");
        }
    }

    private static void collect(PDResources res, Set<String> ops, List<PDImageXObject> images, int depth) throws Exception {
        if (res == null || depth > 4) return;
        for (COSName name : res.getXObjectNames()) {
            PDXObject x = res.getXObject(name);
            if (x instanceof PDImageXObject img) images.add(img);
            if (x instanceof PDFormXObject form) {
                try (var in = form.getContentStream().createInputStream()) {
                    for (Object t : new PDFStreamParser(in.readAllBytes()).parse()) if (t instanceof Operator o) ops.add(o.getName());
                }
                collect(form.getResources(), ops, images, depth + 1);
            }
        }
    }

    @Test
    void badInputsNameTheInput() throws Exception {
        ColorMap lu = style("landuse");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> run(List.of(utmLandUse(0), utmLandUse(1)), lu, "2013", null, null, null));
        assertEquals("titles", e.getInput());
        assertEquals("dpi", assertThrows(InvalidInputException.class,
                () -> run(List.of(utmLandUse(0)), lu, null, null, null, 20)).getInput());
        GridGeometry2D geo = Rasters.grid(10, 10, 116.0, 40.0, 0.01, CRS.decode("EPSG:4326", true));
        GridCoverage2D other = raster("g", geo, DataBuffer.TYPE_BYTE, 255, (x, y) -> 1);
        assertEquals("rasters", assertThrows(InvalidInputException.class,
                () -> run(List.of(utmLandUse(0), other), lu, null, null, null, null)).getInput());
        assertFalse(e.getMessage().isEmpty());
    }
}
