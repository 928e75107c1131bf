package org.esvflow.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.esvflow.style.ColorMap;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.crs.GeographicCRS;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.api.referencing.operation.TransformException;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;

/**
 * Draws a multi-panel map figure on any {@link Graphics2D} in device pixels of a {@link FigureLayout}: the same calls
 * make the PNG (a raster at the DPI) and the PDF (vectors; only the panel rasters are images). Panels share one extent
 * and so one scale; coordinate ticks are longitude (bottom) and latitude (left) where those lines cross each frame.
 */
public final class MapFigure {
    /** Samples along a frame edge when finding where meridians and parallels cross it. */
    private static final int EDGE_SAMPLES = 64;

    /**
     * What to draw.
     *
     * @param panels coloured panel images, each exactly its map frame's size
     * @param extent minX, minY, maxX, maxY shown, in {@code crs}
     * @param boundaries region outlines in {@code crs}, or null
     */
    public record Spec(List<BufferedImage> panels, List<String> titles, double[] extent, CoordinateReferenceSystem crs,
            Shape boundaries, ColorMap colors, String legendTitle, String title) {}

    /** Where things were drawn, in PNG pixels (for the figure's users and its tests). */
    public record Summary(int widthPx, int heightPx, double dpi, List<Box> panels, List<Box> legend, Bar scaleBar,
            String crs) {}

    /** A rectangle in pixels with what it shows (a panel title, or a legend label and its colour #rrggbb). */
    public record Box(String label, String color, int x, int y, int width, int height) {}

    /** The scale bar: its length in metres and pixels, where it starts, and the metres per pixel it was fitted to. */
    public record Bar(String label, double metres, double metresPerPixel, int x, int y, int lengthPx, int heightPx) {}

    private MapFigure() {}

    public static Summary draw(Graphics2D g, FigureLayout l, Spec s) throws TransformException {
        double pt = l.pt();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, l.widthPx(), l.heightPx());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        if (s.title() != null && !s.title().isBlank()) {
            g.setColor(Color.BLACK);
            g.setFont(font(11, pt, true));
            centred(g, s.title(), l.widthPx() / 2.0, l.titleBaseline());
        }
        MathTransform toGeo = toGeographic(s.crs());
        List<Box> panels = new ArrayList<>();
        for (int i = 0; i < l.maps().size(); i++) {
            Rectangle m = l.maps().get(i);
            String title = i < s.titles().size() ? s.titles().get(i) : "";
            g.drawImage(s.panels().get(i), m.x, m.y, m.width, m.height, null);
            AffineTransform toPanel = toPanel(s.extent(), m);
            if (s.boundaries() != null) {
                Shape old = g.getClip();
                g.clip(m);
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setColor(new Color(0x33, 0x33, 0x33));
                g.setStroke(new BasicStroke((float) (0.5 * pt), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(toPanel.createTransformedShape(s.boundaries()));
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
                g.setClip(old);
            }
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke((float) (0.6 * pt)));
            g.drawRect(m.x, m.y, m.width, m.height);
            ticks(g, m, s.extent(), toGeo, pt);
            g.setFont(font(9, pt, true));
            centred(g, title, m.x + m.width / 2.0, m.y - 4 * pt);
            panels.add(new Box(title, null, m.x, m.y, m.width, m.height));
        }
        List<Box> legend = legend(g, l, s);
        Bar bar = scaleBar(g, l, s);
        northArrow(g, l.northArrow(), pt);
        return new Summary(l.widthPx(), l.heightPx(), l.dpi(), panels, legend, bar, s.crs().getName().getCode());
    }

    /** CRS coordinates → pixels of the frame {@code m} (y down). */
    static AffineTransform toPanel(double[] e, Rectangle m) {
        double sx = m.width / (e[2] - e[0]), sy = m.height / (e[3] - e[1]);
        return new AffineTransform(sx, 0, 0, -sy, m.x - e[0] * sx, m.y + e[3] * sy);
    }

    private static List<Box> legend(Graphics2D g, FigureLayout l, Spec s) {
        double pt = l.pt();
        Rectangle r = l.legend();
        List<Legend.Item> items = Legend.items(s.colors());
        g.setColor(Color.BLACK);
        g.setFont(font(8, pt, true));
        if (s.legendTitle() != null && !s.legendTitle().isBlank()) g.drawString(s.legendTitle(), r.x, (float) (r.y + 8 * pt));
        g.setFont(font(Legend.TEXT, pt, false));
        FontMetrics fm = g.getFontMetrics();
        List<Box> out = new ArrayList<>();
        int top = (int) Math.round(r.y + Legend.TITLE * pt);
        if (Legend.isRamp(s.colors())) {
            int stops = items.size();
            // stops equally spaced, far enough apart for the widest pair of neighbouring labels
            double spacing = 45 * pt;
            for (int k = 0; k + 1 < stops; k++) {
                spacing = Math.max(spacing, (fm.stringWidth(items.get(k).label()) + fm.stringWidth(items.get(k + 1).label())) / 2.0 + 6 * pt);
            }
            int h = (int) Math.round(Legend.RAMP_H * pt);
            int x0 = r.x + (int) Math.round(fm.stringWidth(items.get(0).label()) / 2.0);
            int w = (int) Math.round(Math.max(60 * pt, spacing * Math.max(1, stops - 1)));
            w = Math.min(w, r.x + r.width - x0 - fm.stringWidth(items.get(stops - 1).label()) / 2);
            for (int x = 0; x < w; x++) {
                double pos = stops == 1 ? 0 : (x + 0.5) / w * (stops - 1);
                int k = Math.min(stops - 2, (int) Math.floor(pos));
                int argb = stops == 1 ? items.get(0).entry().argb()
                        : ColorMap.interpolate(items.get(k).entry().argb(), items.get(k + 1).entry().argb(), pos - k);
                g.setColor(new Color(argb, true));
                g.fillRect(x0 + x, top, 1, h);
            }
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke((float) (0.4 * pt)));
            g.drawRect(x0, top, w, h);
            for (int k = 0; k < stops; k++) {
                int x = x0 + (int) Math.round(stops == 1 ? 0 : (double) k / (stops - 1) * (w - 1));
                g.drawLine(x, top + h, x, (int) Math.round(top + h + 2 * pt));
                centred(g, items.get(k).label(), x, top + h + 2 * pt + fm.getAscent());
                // the pixel column of the stop inside the frame (the frame's own columns are black)
                int inside = Math.max(x0 + 1, Math.min(x0 + w - 2, x));
                out.add(new Box(items.get(k).label(), hex(items.get(k).entry().rgb()), inside, top, 1, h));
            }
            return out;
        }
        int cols = Legend.columns(items, r.width / pt);
        double itemW = Legend.itemWidthPt(items) * pt;
        int sw = (int) Math.round(Legend.SWATCH_W * pt), sh = (int) Math.round(Legend.SWATCH_H * pt);
        for (int k = 0; k < items.size(); k++) {
            Legend.Item it = items.get(k);
            int x = (int) Math.round(r.x + (k % cols) * itemW);
            int y = (int) Math.round(top + (k / cols) * Legend.ROW * pt);
            g.setColor(new Color(it.entry().argb(), true));
            g.fillRect(x, y, sw, sh);
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke((float) (0.3 * pt)));
            g.drawRect(x, y, sw, sh);
            g.setColor(Color.BLACK);
            g.drawString(it.label(), (float) (x + sw + 3 * pt), (float) (y + sh / 2.0 + fm.getAscent() * 0.4));
            out.add(new Box(it.label(), hex(it.entry().rgb()), x, y, sw, sh));
        }
        return out;
    }

    private static Bar scaleBar(Graphics2D g, FigureLayout l, Spec s) {
        double pt = l.pt();
        double[] e = s.extent();
        Rectangle m = l.maps().get(0);
        double mpu = ScaleBar.metresPerUnit(s.crs(), (e[0] + e[2]) / 2, (e[1] + e[3]) / 2);
        double metresPerPixel = (e[2] - e[0]) * mpu / m.width;
        Rectangle r = l.scaleBar();
        ScaleBar.Bar bar = ScaleBar.fit(metresPerPixel, r.width - 14 * pt);
        int x = (int) Math.round(r.x + 4 * pt), y = (int) Math.round(r.y + 14 * pt);
        int len = (int) Math.round(bar.pixels()), h = (int) Math.max(3, Math.round(4 * pt));
        int inset = (int) Math.max(1, Math.round(0.6 * pt));
        g.setColor(Color.BLACK);
        g.fillRect(x, y, len, h);
        g.setColor(Color.WHITE);
        for (int k = 1; k < bar.segments(); k += 2) {
            int a = x + (int) Math.round((double) k * len / bar.segments());
            int b = x + (int) Math.round((double) (k + 1) * len / bar.segments());
            g.fillRect(a, y + inset, b - a - (k + 1 == bar.segments() ? inset : 0), h - 2 * inset);
        }
        g.setColor(Color.BLACK);
        g.setFont(font(7, pt, false));
        centred(g, "0", x, y - 2.5 * pt);
        centred(g, bar.label(), x + len, y - 2.5 * pt);
        return new Bar(bar.label(), bar.metres(), metresPerPixel, x, y, len, h);
    }

    private static void northArrow(Graphics2D g, Rectangle r, double pt) {
        double cx = r.x + r.width / 2.0, top = r.y + 12 * pt, bottom = r.y + 32 * pt, half = 5 * pt;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Path2D left = new Path2D.Double(), whole = new Path2D.Double();
        left.moveTo(cx, top);
        left.lineTo(cx - half, bottom);
        left.lineTo(cx, bottom - 5 * pt);
        left.closePath();
        whole.moveTo(cx, top);
        whole.lineTo(cx - half, bottom);
        whole.lineTo(cx, bottom - 5 * pt);
        whole.lineTo(cx + half, bottom);
        whole.closePath();
        g.setColor(Color.WHITE);
        g.fill(whole);
        g.setColor(Color.BLACK);
        g.fill(left);
        g.setStroke(new BasicStroke((float) (0.6 * pt), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(whole);
        g.setFont(font(9, pt, true));
        centred(g, "N", cx, top - 2 * pt);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    }

    /** Longitude ticks on the bottom edge, latitude ticks on the left edge, where those lines cross the frame. */
    private static void ticks(Graphics2D g, Rectangle m, double[] e, MathTransform toGeo, double pt) throws TransformException {
        g.setFont(font(6.5, pt, false));
        FontMetrics fm = g.getFontMetrics();
        g.setStroke(new BasicStroke((float) (0.5 * pt)));
        double len = 3 * pt;
        double[] lon = edge(toGeo, e[0], e[1], e[2], e[1], 0);
        double lonStep = Ticks.step(min(lon), max(lon), 4);
        // widen the step until the labels, one label width and a gap apart, fit along the edge
        while (fm.stringWidth(Ticks.degrees(max(lon), lonStep, true)) + 6 * pt > lonStep / (max(lon) - min(lon)) * m.width) {
            lonStep = Ticks.next(lonStep);
        }
        for (double v : Ticks.values(min(lon), max(lon), lonStep)) {
            double t = crossing(lon, v);
            if (Double.isNaN(t)) continue;
            double x = m.x + t * m.width, y = m.y + m.height;
            g.drawLine((int) Math.round(x), (int) Math.round(y), (int) Math.round(x), (int) Math.round(y + len));
            centred(g, Ticks.degrees(v, lonStep, true), x, y + len + fm.getAscent());
        }
        double[] lat = edge(toGeo, e[0], e[1], e[0], e[3], 1);
        double latStep = Ticks.step(min(lat), max(lat), 4);
        while (fm.getHeight() * 2 > latStep / (max(lat) - min(lat)) * m.height) latStep = Ticks.next(latStep);
        for (double v : Ticks.values(min(lat), max(lat), latStep)) {
            double t = crossing(lat, v);
            if (Double.isNaN(t)) continue;
            double x = m.x, y = m.y + m.height - t * m.height;
            g.drawLine((int) Math.round(x - len), (int) Math.round(y), (int) Math.round(x), (int) Math.round(y));
            String label = Ticks.degrees(v, latStep, false);
            g.drawString(label, (float) (x - len - 1.5 * pt - fm.stringWidth(label)), (float) (y + fm.getAscent() * 0.4));
        }
    }

    /** Longitudes (axis 0) or latitudes (axis 1) at {@link #EDGE_SAMPLES} + 1 points from (x0, y0) to (x1, y1). */
    private static double[] edge(MathTransform toGeo, double x0, double y0, double x1, double y1, int axis)
            throws TransformException {
        double[] pts = new double[2 * (EDGE_SAMPLES + 1)];
        for (int k = 0; k <= EDGE_SAMPLES; k++) {
            double t = (double) k / EDGE_SAMPLES;
            pts[2 * k] = x0 + t * (x1 - x0);
            pts[2 * k + 1] = y0 + t * (y1 - y0);
        }
        if (toGeo != null) toGeo.transform(pts, 0, pts, 0, EDGE_SAMPLES + 1);
        double[] out = new double[EDGE_SAMPLES + 1];
        for (int k = 0; k <= EDGE_SAMPLES; k++) out[k] = pts[2 * k + axis];
        return out;
    }

    /** Fraction along the edge where the sampled coordinate equals {@code v} (linear between samples), NaN if never. */
    static double crossing(double[] samples, double v) {
        for (int k = 0; k + 1 < samples.length; k++) {
            double a = samples[k], b = samples[k + 1];
            if ((a - v) * (b - v) <= 0 && a != b) return (k + (v - a) / (b - a)) / (samples.length - 1);
            if (a == v) return (double) k / (samples.length - 1);
        }
        return samples[samples.length - 1] == v ? 1 : Double.NaN;
    }

    /** Map CRS → WGS 84 longitude, latitude; null when the CRS is geographic already. */
    static MathTransform toGeographic(CoordinateReferenceSystem crs) {
        if (CRS.getHorizontalCRS(crs) instanceof GeographicCRS) return null;
        try {
            return CRS.findMathTransform(crs, DefaultGeographicCRS.WGS84, true);
        } catch (Exception ex) {
            throw new IllegalArgumentException("no transform from " + crs.getName() + " to WGS 84 for the coordinate ticks", ex);
        }
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) m = Math.min(m, x);
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) m = Math.max(m, x);
        return m;
    }

    static Font font(double sizePt, double pt, boolean bold) {
        return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) (sizePt * pt));
    }

    private static void centred(Graphics2D g, String text, double x, double baseline) {
        if (text == null || text.isEmpty()) return;
        g.drawString(text, (float) (x - g.getFontMetrics().stringWidth(text) / 2.0), (float) baseline);
    }

    static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xFFFFFF);
    }
}
