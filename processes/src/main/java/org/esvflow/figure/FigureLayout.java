package org.esvflow.figure;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * Where everything of a multi-panel map figure goes, in device pixels at the figure's DPI. Sizes of type and furniture
 * are in points (1/72 in) and scale with the DPI; the map frames are whole pixels so a panel raster maps one to one.
 *
 * <pre>
 *   [figure title]
 *   panel title        panel title        ...      (columns × rows, same map scale in every panel)
 *   lat |  map  |      lat |  map  |
 *         lon                lon
 *   [legend: title with units, swatches or ramp]   [scale bar]  [north arrow]
 * </pre>
 */
public record FigureLayout(int widthPx, int heightPx, double dpi, double pt, List<Rectangle> maps, Rectangle footer,
        Rectangle legend, Rectangle scaleBar, Rectangle northArrow, double titleBaseline) {

    static final double MARGIN = 8, TITLE = 16, PANEL_TITLE = 13, LEFT_LABELS = 30, BOTTOM_LABELS = 11, GAP_H = 8,
            GAP_V = 4, FOOTER_GAP = 6, SCALE_WIDTH = 100, ARROW_WIDTH = 28, MIN_FOOTER = 40;

    /** Pixels of a length in millimetres at {@code dpi}: round(mm / 25.4 × dpi). */
    public static int pixels(double mm, double dpi) {
        return (int) Math.round(mm / 25.4 * dpi);
    }

    /**
     * Lays out {@code n} panels of a map whose height/width ratio is {@code aspect}.
     *
     * @param widthMm figure width
     * @param heightMm figure height, or null to take what the panels need
     * @param footerPt height the legend needs, in points, at the legend width {@link #legendWidthPt}
     */
    public static FigureLayout of(int n, int columns, double aspect, double widthMm, Double heightMm, double dpi,
            boolean title, double footerPt) {
        double pt = dpi / 72.0;
        int cols = Math.max(1, Math.min(columns, n));
        int rows = (n + cols - 1) / cols;
        int width = pixels(widthMm, dpi);
        double content = width - 2 * MARGIN * pt;
        double mapW = (content - cols * LEFT_LABELS * pt - (cols - 1) * GAP_H * pt) / cols;
        double mapH = mapW * aspect;
        double fixedH = 2 * MARGIN * pt + (title ? TITLE * pt : 0) + rows * (PANEL_TITLE + BOTTOM_LABELS) * pt
                + (rows - 1) * GAP_V * pt + FOOTER_GAP * pt + Math.max(MIN_FOOTER, footerPt) * pt;
        int height;
        if (heightMm == null) {
            height = (int) Math.ceil(fixedH + rows * mapH);
        } else {
            height = pixels(heightMm, dpi);
            double fit = (height - fixedH) / rows;
            if (fit < mapH) {
                mapH = fit;
                mapW = mapH / aspect;
            }
            if (mapH < 8 * pt) throw new IllegalArgumentException("the figure is too small for " + rows + " rows of maps");
        }
        int w = (int) Math.floor(mapW), h = (int) Math.floor(mapH);
        double blockW = cols * (LEFT_LABELS * pt + w) + (cols - 1) * GAP_H * pt;
        double blockH = rows * ((PANEL_TITLE + BOTTOM_LABELS) * pt + h) + (rows - 1) * GAP_V * pt;
        double footerH = Math.max(MIN_FOOTER, footerPt) * pt;
        double used = 2 * MARGIN * pt + (title ? TITLE * pt : 0) + blockH + FOOTER_GAP * pt + footerH;
        double x0 = (width - blockW) / 2, y0 = MARGIN * pt + (title ? TITLE * pt : 0) + Math.max(0, (height - used) / 2);
        List<Rectangle> maps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int r = i / cols, c = i % cols;
            double x = x0 + c * (LEFT_LABELS * pt + w + GAP_H * pt) + LEFT_LABELS * pt;
            double y = y0 + r * ((PANEL_TITLE + BOTTOM_LABELS) * pt + h + GAP_V * pt) + PANEL_TITLE * pt;
            maps.add(new Rectangle((int) Math.round(x), (int) Math.round(y), w, h));
        }
        int footerY = (int) Math.round(y0 + blockH + FOOTER_GAP * pt);
        int left = (int) Math.round(MARGIN * pt), right = width - left;
        Rectangle footer = new Rectangle(left, footerY, right - left, (int) Math.round(footerH));
        int arrowW = (int) Math.round(ARROW_WIDTH * pt), scaleW = (int) Math.round(SCALE_WIDTH * pt);
        Rectangle arrow = new Rectangle(right - arrowW, footerY, arrowW, footer.height);
        Rectangle scale = new Rectangle(arrow.x - scaleW, footerY, scaleW, footer.height);
        Rectangle legend = new Rectangle(left, footerY, scale.x - left - (int) Math.round(8 * pt), footer.height);
        return new FigureLayout(width, height, dpi, pt, List.copyOf(maps), footer, legend, scale, arrow,
                MARGIN * pt + 11 * pt);
    }

    /** Width available to the legend, in points, for a figure {@code widthMm} wide. */
    public static double legendWidthPt(double widthMm) {
        return widthMm / 25.4 * 72 - 2 * MARGIN - SCALE_WIDTH - ARROW_WIDTH - 8;
    }
}
