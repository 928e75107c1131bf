package org.esvflow.figure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Round coordinate tick values and their labels. */
public final class Ticks {
    private Ticks() {}

    /** The smallest round step (1, 2, 2.5 or 5 × 10^k) giving at most about {@code target} ticks over {@code [min, max]}. */
    public static double step(double min, double max, int target) {
        double raw = (max - min) / Math.max(1, target);
        if (!(raw > 0)) return 1;
        return atLeast(raw);
    }

    /** The next round step above {@code step}. */
    public static double next(double step) {
        return atLeast(step * 1.0001);
    }

    private static double atLeast(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / p;
        double lead = r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10;
        return lead * p;
    }

    /** Multiples of {@code step} inside {@code [min, max]}. */
    public static List<Double> values(double min, double max, double step) {
        List<Double> out = new ArrayList<>();
        for (long k = (long) Math.ceil(min / step - 1e-9); k * step <= max + 1e-9 * step; k++) out.add(k * step);
        return out;
    }

    /** A longitude ({@code east}) or latitude label in degrees with as many decimals as the step needs: 116.5°E. */
    public static String degrees(double value, double step, boolean longitude) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        if (step * Math.pow(10, decimals) % 1 > 1e-6) decimals++; // 2.5 steps need one more
        double v = Math.abs(value) < 1e-9 ? 0 : value;
        String hemi = v == 0 ? "" : longitude ? (v > 0 ? "E" : "W") : (v > 0 ? "N" : "S");
        return String.format(Locale.ROOT, "%." + decimals + "f°%s", Math.abs(v), hemi);
    }

    /** A number without trailing zeros: 2, 2.5, 0.25. */
    static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
