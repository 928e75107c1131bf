package org.esvflow.routes.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.GeneralPath;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.esvflow.io.AtomicFiles;

/**
 * A Sankey-style chart of land-use transitions over the whole span (first → last epoch), drawn with Java2D from the
 * collected {@code lu_transitions} table: classes at the start on the left, at the end on the right, node heights
 * and band widths proportional to area; a band from class i to class j carries A[i→j] (unchanged land i→i included).
 */
final class TransitionChart {
    static final int WIDTH = 900, HEIGHT = 560;
    static final int TOP = 56, BOTTOM = 24, GAP = 8, NODE = 18, LEFT_X = 190, RIGHT_X = WIDTH - 190 - NODE;

    /** The colours of the land-use style ({@code geoserver-data/styles/landuse.sld}, CLCD codes 1–9). */
    private static final Map<Integer, Color> STYLE = Map.of(1, new Color(0xfae39d), 2, new Color(0x446f33), 3, new Color(0x33a02c),
            4, new Color(0xabd37b), 5, new Color(0x1e69b4), 6, new Color(0xa6cee3), 7, new Color(0xcfbda3), 8, new Color(0xe24290),
            9, new Color(0x289be8));

    /** The transitions of one period: area (ha) from each class to each class. */
    record Flows(String period, TreeMap<Integer, TreeMap<Integer, Double>> area) {
        double total() {
            double sum = 0;
            for (Map<Integer, Double> row : area.values()) for (double v : row.values()) sum += v;
            return sum;
        }

        TreeSet<Integer> from() {
            return new TreeSet<>(area.keySet());
        }

        TreeSet<Integer> to() {
            TreeSet<Integer> codes = new TreeSet<>();
            area.values().forEach(row -> codes.addAll(row.keySet()));
            return codes;
        }

        double start(int code) {
            return area.getOrDefault(code, new TreeMap<>()).values().stream().mapToDouble(Double::doubleValue).sum();
        }

        double end(int code) {
            double sum = 0;
            for (Map<Integer, Double> row : area.values()) sum += row.getOrDefault(code, 0.0);
            return sum;
        }
    }

    /** Node rectangles of both columns: code → [x, y, width, height] in pixels. */
    record Layout(Map<Integer, Rectangle2D> left, Map<Integer, Rectangle2D> right, double pixelsPerHa) {}

    private TransitionChart() {}

    /**
     * The longest period of the {@code lu_transitions} table (the whole span when the study has more than two
     * epochs), or null when the table is absent or empty. Columns used: period, from_year, to_year, from_class,
     * to_class, area_ha.
     */
    static Flows span(List<List<String>> table) {
        if (table == null || table.size() < 2) return null;
        List<String> h = table.get(0);
        int p = h.indexOf("period"), fy = h.indexOf("from_year"), ty = h.indexOf("to_year"), f = h.indexOf("from_class"),
                t = h.indexOf("to_class"), a = h.indexOf("area_ha");
        if (p < 0 || fy < 0 || ty < 0 || f < 0 || t < 0 || a < 0) return null;
        String best = null;
        double longest = -1;
        for (List<String> row : table.subList(1, table.size())) {
            double years = Double.parseDouble(row.get(ty)) - Double.parseDouble(row.get(fy));
            if (years > longest) {
                longest = years;
                best = row.get(p);
            }
        }
        TreeMap<Integer, TreeMap<Integer, Double>> area = new TreeMap<>();
        for (List<String> row : table.subList(1, table.size())) {
            if (!row.get(p).equals(best)) continue;
            area.computeIfAbsent(Integer.parseInt(row.get(f)), k -> new TreeMap<>())
                    .merge(Integer.parseInt(row.get(t)), Double.parseDouble(row.get(a)), Double::sum);
        }
        return new Flows(best, area);
    }

    /**
     * Each column's nodes stacked top to bottom in code order with {@code GAP} pixels between them; the scale is the
     * same for both columns: (drawing height − gaps of the fuller column) / total area.
     */
    static Layout layout(Flows flows) {
        double total = flows.total();
        int gaps = Math.max(flows.from().size(), flows.to().size()) - 1;
        double scale = (HEIGHT - TOP - BOTTOM - GAP * gaps) / total;
        Map<Integer, Rectangle2D> left = new LinkedHashMap<>(), right = new LinkedHashMap<>();
        double y = TOP;
        for (int c : flows.from()) {
            double h = flows.start(c) * scale;
            left.put(c, new Rectangle2D.Double(LEFT_X, y, NODE, h));
            y += h + GAP;
        }
        y = TOP;
        for (int c : flows.to()) {
            double h = flows.end(c) * scale;
            right.put(c, new Rectangle2D.Double(RIGHT_X, y, NODE, h));
            y += h + GAP;
        }
        return new Layout(left, right, scale);
    }

    /** The chart as PNG bytes; {@code labels} maps class codes to names (codes are shown when absent). */
    static byte[] png(Flows flows, Map<Integer, String> labels) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g, flows, labels);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** Width of the publication figure: 180 mm, a full page width, as the map figures. */
    static final double FIGURE_WIDTH_MM = 180, FIGURE_DPI = 300;

    /** Pixels of the publication figure: round(180 mm / 25.4 × 300 dpi) wide, the screen chart's aspect. */
    static int[] figurePixels() {
        int w = (int) Math.round(FIGURE_WIDTH_MM / 25.4 * FIGURE_DPI);
        return new int[] {w, (int) Math.round(w * (double) HEIGHT / WIDTH)};
    }

    /**
     * The chart as a publication figure: {@code <name>.png} at 300 dpi (DPI stated in the file) and {@code <name>.pdf}
     * (vector) of 180 mm width, drawn by the same code as the report's chart, scaled; false without transitions.
     */
    static boolean writeFigure(List<List<String>> transitions, Map<Integer, String> labels, java.nio.file.Path dir,
                               String name) throws Exception {
        Flows flows = span(transitions);
        if (flows == null || !(flows.total() > 0)) return false;
        int[] px = figurePixels();
        double scale = px[0] / (double) WIDTH;
        BufferedImage image = new BufferedImage(px[0], px[1], BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.scale(scale, scale);
            draw(g, flows, labels);
        } finally {
            g.dispose();
        }
        java.nio.file.Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(name + ".png"), org.esvflow.figure.FigureFiles.png(image, FIGURE_DPI));
        AtomicFiles.write(dir.resolve(name + ".pdf"), org.esvflow.figure.FigureFiles.pdf(px[0], px[1], FIGURE_DPI / 72.0,
                "esvflow land-use transitions", pdf -> {
                    pdf.scale(scale, scale);
                    draw(pdf, flows, labels);
                }));
        return true;
    }

    /** Writes the chart of the whole span atomically; false (and nothing written) without transitions. */
    static boolean write(List<List<String>> transitions, Map<Integer, String> labels, java.nio.file.Path file) throws IOException {
        Flows flows = span(transitions);
        if (flows == null || !(flows.total() > 0)) return false;
        AtomicFiles.write(file, png(flows, labels));
        return true;
    }

    private static void draw(Graphics2D g, Flows flows, Map<Integer, String> labels) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        Layout layout = layout(flows);
        // bands: leave each left node top to bottom in target order, enter each right node top to bottom in source order
        Map<Integer, Double> leftOffset = new TreeMap<>(), rightOffset = new TreeMap<>();
        List<Object[]> bands = new ArrayList<>(); // {from, to, y0, y1, thickness}
        for (int from : flows.from()) {
            for (Map.Entry<Integer, Double> e : flows.area().get(from).entrySet()) {
                if (!(e.getValue() > 0)) continue;
                double h = e.getValue() * layout.pixelsPerHa();
                double y0 = layout.left().get(from).getY() + leftOffset.getOrDefault(from, 0.0);
                leftOffset.merge(from, h, Double::sum);
                bands.add(new Object[] {from, e.getKey(), y0, 0.0, h});
            }
        }
        for (int to : flows.to()) {
            for (Object[] b : bands) {
                if ((int) b[1] != to) continue;
                b[3] = layout.right().get(to).getY() + rightOffset.getOrDefault(to, 0.0);
                rightOffset.merge(to, (double) b[4], Double::sum);
            }
        }
        double x0 = LEFT_X + NODE, x1 = RIGHT_X, mid = (x0 + x1) / 2;
        for (Object[] b : bands) {
            double y0 = (double) b[2], y1 = (double) b[3], h = (double) b[4];
            GeneralPath path = new GeneralPath();
            path.moveTo(x0, y0);
            path.curveTo(mid, y0, mid, y1, x1, y1);
            path.lineTo(x1, y1 + h);
            path.curveTo(mid, y1 + h, mid, y0 + h, x0, y0 + h);
            path.closePath();
            Color c = color((int) b[0]);
            boolean unchanged = b[0].equals(b[1]);
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), unchanged ? 70 : 150));
            g.fill(path);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (boolean leftSide : new boolean[] {true, false}) {
            for (Map.Entry<Integer, Rectangle2D> n : (leftSide ? layout.left() : layout.right()).entrySet()) {
                Rectangle2D r = n.getValue();
                g.setColor(color(n.getKey()));
                g.fill(r);
                g.setColor(Color.DARK_GRAY);
                g.setStroke(new BasicStroke(0.5f));
                g.draw(r);
                double ha = leftSide ? flows.start(n.getKey()) : flows.end(n.getKey());
                String text = labels.getOrDefault(n.getKey(), "class " + n.getKey())
                        + String.format(Locale.ROOT, "  %,.0f km²", ha / 100);
                int ty = (int) Math.round(r.getCenterY() + fm.getAscent() / 2.0 - 2);
                int tx = leftSide ? (int) r.getX() - 8 - fm.stringWidth(text) : (int) r.getMaxX() + 8;
                g.drawString(text, tx, ty);
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        String[] years = flows.period().split("-");
        String title = "Land-use transitions " + String.join(" → ", years) + " (area; unchanged land lighter)";
        g.drawString(title, (WIDTH - g.getFontMetrics().stringWidth(title)) / 2, 30);
    }

    /** The land-use style's colour of a CLCD code, else a hue spread by the code. */
    static Color color(int code) {
        Color c = STYLE.get(code);
        return c != null ? c : Color.getHSBColor((code * 0.618034f) % 1f, 0.55f, 0.85f);
    }
}
