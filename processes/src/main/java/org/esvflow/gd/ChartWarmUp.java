package org.esvflow.gd;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Java 2D's start-up for {@link GeoDetectorCharts}, on a thread of its own, once per process: the graphics
 * environment, the fonts the charts use (SansSerif plain 12, bold 12, 13, 14 and 20: the font configuration, the font
 * files, a glyph of each strike) and the dashed-line renderer, ~0.1–0.2 s of CPU in a fresh JVM that would otherwise
 * come after the detectors. A caller that knows charts will follow calls {@link #begin} first. The charts need
 * nothing from it (Java 2D initializes under its own locks) and a failure here is left for the chart to meet and
 * report. This class touches no AWT class until its thread runs, so the caller's thread starts none of it.
 */
final class ChartWarmUp extends Thread {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private ChartWarmUp() {
        super("esvflow-chart-warm-up");
        setDaemon(true);
    }

    /** Starts the warm-up unless it ran already in this process. */
    static void begin() {
        if (STARTED.compareAndSet(false, true)) new ChartWarmUp().start();
    }

    @Override
    public void run() {
        try {
            BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("0.5", 0, 2);
            for (int size : new int[] {12, 13, 14, 20}) {
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
                g.getFontMetrics().stringWidth("q");
            }
            g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {2, 2}, 0));
            g.drawLine(0, 0, 0, 3);
            g.dispose();
        } catch (RuntimeException | Error e) {
            // no graphics here: the chart will say so
        }
    }
}
