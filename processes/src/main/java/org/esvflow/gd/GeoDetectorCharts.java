package org.esvflow.gd;

import java.text.DecimalFormat;
import java.util.Arrays;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.title.TextTitle;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.esvflow.table.Table;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** PNG charts of the detectors: q per factor with significance, and the interaction q12 heatmap. */
public final class GeoDetectorCharts {
    private static final Color SIGNIFICANT = new Color(0x1f, 0x77, 0xb4);
    private static final Color NOT_SIGNIFICANT = new Color(0xb0, 0xb0, 0xb0);

    private GeoDetectorCharts() {}

    /**
     * Horizontal bars of q from the factor table (columns factor, q, p_value, significant), largest first; significant
     * factors in blue, the others grey, each labelled with q and p.
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
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        boolean[] significant = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Object[] r = rows.get(i);
            double p = r[pc] instanceof Number n ? n.doubleValue() : Double.NaN;
            data.addValue(((Number) r[qc]).doubleValue(), "q", String.format(Locale.ROOT, "%s (p %s)", r[fc], formatP(p)));
            significant[i] = Boolean.TRUE.equals(r[sc]);
        }
        JFreeChart chart = ChartFactory.createBarChart("Factor detector", null, "q", data, PlotOrientation.HORIZONTAL,
                false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.getRangeAxis().setRange(0, 1);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer renderer = new BarRenderer() {
            @Override
            public java.awt.Paint getItemPaint(int row, int column) {
                return significant[column] ? SIGNIFICANT : NOT_SIGNIFICANT;
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator(
                "{2}", new DecimalFormat("0.000")));
        renderer.setDefaultItemLabelsVisible(true);
        plot.setRenderer(renderer);
        chart.addSubtitle(new TextTitle("blue: significant (p < alpha); grey: not significant"));
        chart.setBackgroundPaint(Color.WHITE);
        double s = dpi / (double) SCREEN_DPI;
        return png(chart.createBufferedImage((int) Math.round(width * s), (int) Math.round(height * s), width, height, null), dpi);
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

    private static byte[] png(BufferedImage image, int dpi) throws IOException {
        if (dpi == SCREEN_DPI) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        }
        return org.esvflow.figure.FigureFiles.png(image, dpi);
    }
}
