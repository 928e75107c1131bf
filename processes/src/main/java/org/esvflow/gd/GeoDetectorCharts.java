package org.esvflow.gd;

import java.util.Arrays;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.esvflow.table.Table;

/** PNG charts of the detectors: q per factor with significance, and the interaction q12 heatmap. */
public final class GeoDetectorCharts {
    private static final Color SIGNIFICANT = new Color(0x1f, 0x77, 0xb4);
    private static final Color NOT_SIGNIFICANT = new Color(0xb0, 0xb0, 0xb0);

    private GeoDetectorCharts() {}

    /**
     * Horizontal bars of q from the factor table (columns factor, q, p_value, significant), largest first; significant
     * factors in blue, the others grey, each labelled with q and p. Drawn with Java 2D alone (JFreeChart's classes cost
     * ~0.4 s of CPU to load, more than the detectors on a million samples).
     */
    public static byte[] qBarChart(Table factor, int width, int height) throws IOException {
        return qBarChart(factor, width, height, SCREEN_DPI);
    }

    /** Screen resolution the chart sizes are given at; a chart at {@code dpi} is drawn the same, dpi/96 times finer. */
    public static final int SCREEN_DPI = 96;

    /** The same chart at {@code dpi}: {@code width × height} screen pixels drawn into (dpi/96)² as many pixels. */
    public static byte[] qBarChart(Table factor, int width, int height, int dpi) throws IOException {
        List<Object[]> rows = new ArrayList<>(factor.rows());
        int qc = factor.indexOf("q"), pc = factor.indexOf("p_value"), sc = factor.indexOf("significant"), fc = factor.indexOf("factor");
        rows.sort((a, b) -> Double.compare(((Number) b[qc]).doubleValue(), ((Number) a[qc]).doubleValue()));
        int m = rows.size();
        String[] labels = new String[m];
        for (int i = 0; i < m; i++) {
            Object[] r = rows.get(i);
            double p = r[pc] instanceof Number n ? n.doubleValue() : Double.NaN;
            labels[i] = String.format(Locale.ROOT, "%s (p %s)", r[fc], formatP(p));
        }
        double s = dpi / (double) SCREEN_DPI;
        BufferedImage image = new BufferedImage((int) Math.round(width * s), (int) Math.round(height * s), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.scale(s, s); // drawn in screen pixels of 1/96 in
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        centred(g, new Font(Font.SANS_SERIF, Font.BOLD, 20), "Factor detector", width / 2, 26);
        centred(g, new Font(Font.SANS_SERIF, Font.BOLD, 12), "blue: significant (p < alpha); grey: not significant",
                width / 2, 44);
        Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        g.setFont(plain);
        int labelWidth = 0;
        for (String l : labels) labelWidth = Math.max(labelWidth, g.getFontMetrics().stringWidth(l));
        // plot area in pixels; q from 0 (left) to 1 (right)
        int left = labelWidth + 16, right = width - 24, top = 84, bottom = height - 12;
        double scale = right - left;
        for (int t = 0; t <= 10; t++) {
            int x = left + (int) Math.round(t / 10.0 * scale);
            g.setColor(Color.LIGHT_GRAY);
            g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {2, 2}, 0));
            g.drawLine(x, top, x, bottom);
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1));
            centred(g, plain, String.format(Locale.ROOT, "%.1f", t / 10.0), x, top - 6);
        }
        centred(g, new Font(Font.SANS_SERIF, Font.BOLD, 13), "q", (left + right) / 2, top - 22);
        double band = (bottom - top) / (double) Math.max(1, m);
        for (int i = 0; i < m; i++) {
            Object[] r = rows.get(i);
            double q = ((Number) r[qc]).doubleValue();
            int y = top + (int) Math.round(i * band + band * 0.2), barHeight = Math.max(1, (int) Math.round(band * 0.6));
            int barWidth = (int) Math.round(Math.max(0, Math.min(1, q)) * scale);
            g.setColor("true".equals(String.valueOf(r[sc])) ? SIGNIFICANT : NOT_SIGNIFICANT);
            g.fillRect(left, y, barWidth, barHeight);
            g.setColor(Color.BLACK);
            g.setFont(plain);
            int baseline = y + barHeight / 2 + 5;
            g.drawString(labels[i], left - 8 - g.getFontMetrics().stringWidth(labels[i]), baseline);
            g.drawString(String.format(Locale.ROOT, "%.3f", q), left + barWidth + 4, baseline);
        }
        g.setColor(Color.GRAY);
        g.drawRect(left, top, right - left, bottom - top);
        g.dispose();
        return png(image, dpi);
    }

    private static void centred(Graphics2D g, Font font, String text, int x, int baseline) {
        g.setFont(font);
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }

    static String formatP(double p) {
        if (Double.isNaN(p)) return "n/a";
        return p < 1e-3 ? String.format(Locale.ROOT, "%.2e", p) : String.format(Locale.ROOT, "%.3f", p);
    }

    /**
     * A symmetric matrix of q12 from the interaction table (factor_a, factor_b, q12), with the factor q on the
     * diagonal from the factor table; white (0) to dark blue (1), values printed in each cell.
     */
    public static byte[] interactionHeatmap(Table factor, Table interaction, int cellSize) throws IOException {
        return interactionHeatmap(factor, interaction, cellSize, SCREEN_DPI);
    }

    /** The same heat map at {@code dpi} (sizes in screen pixels of 1/96 in). */
    public static byte[] interactionHeatmap(Table factor, Table interaction, int cellSize, int dpi) throws IOException {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Object[] r : factor.rows()) index.put(r[factor.indexOf("factor")].toString(), index.size());
        int m = index.size();
        double[][] q = new double[m][m];
        for (double[] row : q) Arrays.fill(row, Double.NaN);
        for (Object[] r : factor.rows()) {
            int i = index.get(r[factor.indexOf("factor")].toString());
            q[i][i] = ((Number) r[factor.indexOf("q")]).doubleValue();
        }
        for (Object[] r : interaction.rows()) {
            Integer a = index.get(r[interaction.indexOf("factor_a")].toString());
            Integer b = index.get(r[interaction.indexOf("factor_b")].toString());
            if (a == null || b == null) continue;
            q[a][b] = q[b][a] = ((Number) r[interaction.indexOf("q12")]).doubleValue();
        }
        int margin = 140, top = 40;
        double s = dpi / (double) SCREEN_DPI;
        BufferedImage image = new BufferedImage((int) Math.round((margin + m * cellSize + 20) * s),
                (int) Math.round((top + m * cellSize + margin) * s), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.scale(s, s);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, margin + m * cellSize + 20, top + m * cellSize + margin);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("Interaction detector: q12 (diagonal: q)", 10, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, cellSize / 5)));
        List<String> names = new ArrayList<>(index.keySet());
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                int x = margin + j * cellSize, y = top + i * cellSize;
                double v = q[i][j];
                g.setColor(Double.isNaN(v) ? Color.LIGHT_GRAY : shade(v));
                g.fillRect(x, y, cellSize, cellSize);
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke(1));
                g.drawRect(x, y, cellSize, cellSize);
                if (!Double.isNaN(v)) {
                    g.setColor(v > 0.5 ? Color.WHITE : Color.BLACK);
                    g.drawString(String.format(Locale.ROOT, "%.3f", v), x + 4, y + cellSize / 2 + 4);
                }
            }
            g.setColor(Color.BLACK);
            g.drawString(names.get(i), 6, top + i * cellSize + cellSize / 2 + 4);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.translate(margin + i * cellSize + cellSize / 2 + 4, top + m * cellSize + 6);
            rotated.rotate(Math.PI / 2);
            rotated.drawString(names.get(i), 0, 0);
            rotated.dispose();
        }
        g.dispose();
        return png(image, dpi);
    }

    private static Color shade(double v) {
        double t = Math.max(0, Math.min(1, v));
        return new Color((int) Math.round(255 - t * (255 - 0x08)), (int) Math.round(255 - t * (255 - 0x30)),
                (int) Math.round(255 - t * (255 - 0x6b)));
    }

    /** PNG bytes; at the screen DPI by the project's small encoder, otherwise with the DPI stated (pHYs). */
    private static byte[] png(BufferedImage image, int dpi) throws IOException {
        if (dpi == SCREEN_DPI) return org.esvflow.io.Png.encode(image);
        return org.esvflow.figure.FigureFiles.png(image, dpi);
    }
}
