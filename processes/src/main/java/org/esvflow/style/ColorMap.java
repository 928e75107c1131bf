package org.esvflow.style;

import java.util.List;

/**
 * An SLD {@code RasterSymbolizer/ColorMap}: entries sorted by quantity, interpreted as GeoServer does.
 * <ul>
 *   <li>{@code ramp}: colours are interpolated linearly (including opacity) between consecutive entries; values below
 *       the first entry take the first colour, values above the last take the last colour.
 *   <li>{@code intervals}: entry {@code i} colours values in {@code [q(i-1), q(i))}; the first entry colours everything
 *       below its quantity; values at or above the last quantity are not painted.
 *   <li>{@code values}: only values equal to an entry's quantity are painted.
 * </ul>
 * Nodata and NaN are never painted. Colours are returned as ARGB ints, 0 meaning fully transparent.
 */
public final class ColorMap {
    public enum Type { RAMP, INTERVALS, VALUES }

    /** One entry; colour as 0xRRGGBB, opacity in [0, 1]. */
    public record Entry(double quantity, int rgb, double opacity, String label) {
        public int argb() {
            int a = (int) Math.round(Math.max(0, Math.min(1, opacity)) * 255);
            return (a << 24) | (rgb & 0xFFFFFF);
        }
    }

    private final Type type;
    private final List<Entry> entries;
    private final int[] argb;
    private final double[] quantities;

    public ColorMap(Type type, List<Entry> entries) {
        if (entries.isEmpty()) throw new IllegalArgumentException("a ColorMap needs at least one entry");
        this.type = type;
        this.entries = entries.stream().sorted((a, b) -> Double.compare(a.quantity(), b.quantity())).toList();
        this.argb = this.entries.stream().mapToInt(Entry::argb).toArray();
        this.quantities = this.entries.stream().mapToDouble(Entry::quantity).toArray();
    }

    public Type type() {
        return type;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** ARGB colour of {@code value}; 0 (transparent) for NaN, nodata and values the map does not paint. */
    public int argb(double value, double nodata) {
        if (Double.isNaN(value) || value == nodata) return 0;
        int n = quantities.length;
        switch (type) {
            case VALUES -> {
                int i = java.util.Arrays.binarySearch(quantities, value);
                return i >= 0 ? argb[i] : 0;
            }
            case INTERVALS -> {
                for (int i = 0; i < n; i++) {
                    if (value < quantities[i]) return argb[i];
                }
                return 0;
            }
            default -> {
                if (value <= quantities[0]) return argb[0];
                if (value >= quantities[n - 1]) return argb[n - 1];
                int hi = 1;
                while (quantities[hi] < value) hi++;
                double t = (value - quantities[hi - 1]) / (quantities[hi] - quantities[hi - 1]);
                return interpolate(argb[hi - 1], argb[hi], t);
            }
        }
    }

    @Override
    public String toString() {
        return "ColorMap[" + type.name().toLowerCase(java.util.Locale.ROOT) + ", " + entries.size() + " entries]";
    }

    /** Linear interpolation of two ARGB colours channel by channel, rounded; t in [0, 1]. */
    public static int interpolate(int c0, int c1, double t) {
        int out = 0;
        for (int shift = 0; shift <= 24; shift += 8) {
            int a = (c0 >>> shift) & 0xFF;
            int b = (c1 >>> shift) & 0xFF;
            out |= ((int) Math.round(a + (b - a) * t) & 0xFF) << shift;
        }
        return out;
    }
}
