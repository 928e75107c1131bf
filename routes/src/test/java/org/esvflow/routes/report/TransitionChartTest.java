package org.esvflow.routes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransitionChartTest {
    @TempDir
    Path dir;

    /**
     * lu_transitions with two periods; the longer one (2013-2023) is charted: 1→1 60 ha, 1→2 20 ha, 2→2 20 ha.
     * Start: class 1 80 ha, class 2 20 ha; end: class 1 60 ha, class 2 40 ha; 100 ha in all.
     */
    static final List<List<String>> TRANSITIONS = List.of(
            List.of("period", "from_year", "to_year", "from_class", "to_class", "area_ha"),
            List.of("2013-2015", "2013", "2015", "1", "1", "99"),
            List.of("2013-2023", "2013", "2023", "1", "1", "60"),
            List.of("2013-2023", "2013", "2023", "1", "2", "20"),
            List.of("2013-2023", "2013", "2023", "2", "2", "20"));

    @Test
    void nodesAreProportionalToArea() {
        TransitionChart.Flows flows = TransitionChart.span(TRANSITIONS);
        assertEquals("2013-2023", flows.period());
        assertEquals(100, flows.total(), 0);
        TransitionChart.Layout layout = TransitionChart.layout(flows);
        // drawing height 560 − 56 (top) − 24 (bottom) − 8 (one gap) = 472 px for 100 ha: 4.72 px/ha
        assertEquals(4.72, layout.pixelsPerHa(), 1e-12);
        Rectangle2D l1 = layout.left().get(1), l2 = layout.left().get(2), r1 = layout.right().get(1), r2 = layout.right().get(2);
        assertEquals(56, l1.getY(), 1e-9);
        assertEquals(80 * 4.72, l1.getHeight(), 1e-9);
        assertEquals(56 + 80 * 4.72 + 8, l2.getY(), 1e-9);
        assertEquals(20 * 4.72, l2.getHeight(), 1e-9);
        assertEquals(60 * 4.72, r1.getHeight(), 1e-9);
        assertEquals(56 + 60 * 4.72 + 8, r2.getY(), 1e-9);
        assertEquals(40 * 4.72, r2.getHeight(), 1e-9);
    }

    @Test
    void drawsThePngWithTheLandUseColours() throws Exception {
        Path file = dir.resolve("lu_transitions.png");
        assertTrue(TransitionChart.write(TRANSITIONS, Map.of(1, "cropland", 2, "forest"), file));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(file)));
        assertEquals(TransitionChart.WIDTH, image.getWidth());
        TransitionChart.Layout layout = TransitionChart.layout(TransitionChart.span(TRANSITIONS));
        // node centres are painted in the colours of the landuse style: cropland #fae39d, forest #446f33
        Rectangle2D l1 = layout.left().get(1), r2 = layout.right().get(2);
        assertEquals(0xfae39d, image.getRGB((int) l1.getCenterX(), (int) l1.getCenterY()) & 0xffffff);
        assertEquals(0x446f33, image.getRGB((int) r2.getCenterX(), (int) r2.getCenterY()) & 0xffffff);
        // no transitions: no chart
        assertFalse(TransitionChart.write(List.of(TRANSITIONS.get(0)), Map.of(), dir.resolve("none.png")));
        assertFalse(Files.exists(dir.resolve("none.png")));
        assertNull(TransitionChart.span(null));
    }
    /**
     * The figure for a paper: 180 mm at 300 dpi is round(180 / 25.4 × 300) = 2126 px wide, 2126 × 560 / 900 = 1323 px
     * high, and the PNG says 300 dpi (pHYs 11 811 px/m); the PDF page is 180 mm = 510.2 pt wide and vector.
     */
    @Test
    void writesThePublicationFigureAt300Dpi() throws Exception {
        assertTrue(TransitionChart.writeFigure(TRANSITIONS, Map.of(1, "cropland", 2, "forest"), dir, "lu_transitions"));
        BufferedImage image = ImageIO.read(dir.resolve("lu_transitions.png").toFile());
        assertEquals(2126, image.getWidth());
        assertEquals(1323, image.getHeight());
        javax.imageio.ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (var in = ImageIO.createImageInputStream(dir.resolve("lu_transitions.png").toFile())) {
            reader.setInput(in);
            org.w3c.dom.Element root = (org.w3c.dom.Element) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            org.w3c.dom.Element phys = (org.w3c.dom.Element) root.getElementsByTagName("pHYs").item(0);
            assertEquals("11811", phys.getAttribute("pixelsPerUnitXAxis"));
        } finally {
            reader.dispose();
        }
        // the left node of class 1 keeps its land-use colour at the figure's scale (2126 / 900 of the screen chart)
        Rectangle2D l1 = TransitionChart.layout(TransitionChart.span(TRANSITIONS)).left().get(1);
        double k = 2126 / 900.0;
        assertEquals(0xfae39d, image.getRGB((int) (l1.getCenterX() * k), (int) (l1.getCenterY() * k)) & 0xffffff);
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(dir.resolve("lu_transitions.pdf").toFile())) {
            assertEquals(180 / 25.4 * 72, pdf.getPage(0).getMediaBox().getWidth(), 0.1);
        }
        assertFalse(TransitionChart.writeFigure(List.of(TRANSITIONS.get(0)), Map.of(), dir, "none"));
        assertFalse(Files.exists(dir.resolve("none.png")));
    }
}
