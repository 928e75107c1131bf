package org.esvflow.figure;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.esvflow.style.ColorMap;
import org.esvflow.table.Csv;

/**
 * The legend of a colour map: one swatch per class for {@code values} and {@code intervals} maps, a ramp with the
 * entries' labels at equally spaced stops for {@code ramp} maps. Entries with zero opacity (e.g. a nodata entry) are
 * left out; an entry without a label shows its quantity. Sizes in points.
 */
public final class Legend {
    static final double TITLE = 12, ROW = 11, SWATCH_W = 12, SWATCH_H = 8, TEXT = 7, RAMP_H = 9, RAMP_LABELS = 10;

    /** Entries shown, with the label printed for each. */
    public record Item(ColorMap.Entry entry, String label) {}

    private Legend() {}

    public static List<Item> items(ColorMap map) {
        List<Item> out = new ArrayList<>();
        for (ColorMap.Entry e : map.entries()) {
            if (e.opacity() <= 0) continue;
            String label = e.label() == null || e.label().isBlank() ? Csv.format(e.quantity()) : e.label();
            out.add(new Item(e, label));
        }
        return out;
    }

    public static boolean isRamp(ColorMap map) {
        return map.type() == ColorMap.Type.RAMP;
    }

    /** Columns of swatches that fit {@code widthPt}. */
    static int columns(List<Item> items, double widthPt) {
        double item = itemWidthPt(items);
        return (int) Math.max(1, Math.min(items.size(), Math.floor(widthPt / item)));
    }

    /** Width of one swatch column: swatch, gap, the longest label and a gutter, in points. */
    static double itemWidthPt(List<Item> items) {
        FontMetrics fm = metrics(TEXT);
        double longest = 0;
        for (Item i : items) longest = Math.max(longest, fm.stringWidth(i.label()));
        return SWATCH_W + 3 + longest + 10;
    }

    /** Height the legend needs at {@code widthPt}, in points. */
    public static double heightPt(ColorMap map, double widthPt) {
        List<Item> items = items(map);
        if (isRamp(map)) return TITLE + RAMP_H + RAMP_LABELS + 2;
        int cols = columns(items, widthPt);
        int rows = (items.size() + cols - 1) / cols;
        return TITLE + rows * ROW;
    }

    /** Font metrics of the sans-serif face at {@code size} points, measured at 72 dpi. */
    static FontMetrics metrics(double size) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont((float) size));
        } finally {
            g.dispose();
        }
    }
}
