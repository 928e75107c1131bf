package org.esvflow.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.esvflow.table.Table;
import org.junit.jupiter.api.Test;

class GeoDetectorChartsDpiTest {
    static final Table FACTOR = Table.builder("factor", "q", "p_value", "significant")
            .row("a", 0.6, 0.001, true).row("b", 0.3, 0.02, true).row("c", 0.05, 0.4, false).build();
    static final Table INTERACTION = Table.builder("factor_a", "factor_b", "q12")
            .row("a", "b", 0.7).row("a", "c", 0.62).row("b", "c", 0.33).build();

    static BufferedImage read(byte[] png) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void chartsAtADpiAreThatManyTimesFiner() throws Exception {
        // q bars: 800 × (120 + 40 × 3) = 800 × 240 screen pixels; at 300 dpi × 300/96 = 3.125: 2500 × 750
        BufferedImage screen = read(GeoDetectorCharts.qBarChart(FACTOR, 800, 240));
        BufferedImage print = read(GeoDetectorCharts.qBarChart(FACTOR, 800, 240, 300));
        assertEquals(800, screen.getWidth());
        assertEquals(240, screen.getHeight());
        assertEquals(2500, print.getWidth());
        assertEquals(750, print.getHeight());
        // heat map: 140 + 3 × 64 + 20 = 352 wide, 40 + 3 × 64 + 140 = 372 high; × 3.125 = 1100 × 1162.5 → 1163
        BufferedImage heat = read(GeoDetectorCharts.interactionHeatmap(FACTOR, INTERACTION, 64, 300));
        assertEquals(1100, heat.getWidth());
        assertEquals(1163, heat.getHeight());
        // the top-left cell (q of a = 0.6) keeps its colour at the finer resolution: centre of cell (0, 0) at
        // screen (140 + 32, 40 + 32) = (172, 72) → print (537.5, 225)
        BufferedImage heatScreen = read(GeoDetectorCharts.interactionHeatmap(FACTOR, INTERACTION, 64));
        assertEquals(heatScreen.getRGB(172 - 20, 72 - 20), heat.getRGB((int) ((172 - 20) * 3.125), (int) ((72 - 20) * 3.125)));
    }
}
