package org.esvflow.routes.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers as a reader wants them in the report (the CSV and XLSX files keep full precision):
 * <ul>
 * <li>|v| ≥ 1000: rounded to a whole number, thousands separated by commas ({@code 41093.745} → {@code 41,094});</li>
 * <li>0.001 ≤ |v| &lt; 1000: four significant digits, trailing zeros dropped ({@code 566.2849} → {@code 566.3},
 *     {@code 0.791234} → {@code 0.7912}, {@code 1.50} → {@code 1.5});</li>
 * <li>0 &lt; |v| &lt; 0.001: three significant digits in scientific form ({@code 1.2345e-13} → {@code 1.23e-13});</li>
 * <li>zero is {@code 0}, and whole numbers below 1000 stay as they are.</li>
 * </ul>
 * Rounding is half-up on the decimal text of the double (its shortest round-trip form), so 0.12345 gives 0.1235 as
 * written, whatever its binary value. Text, blanks, NaN and infinities are returned unchanged.
 */
public final class ReadableNumbers {
    static final int SIGNIFICANT = 4;
    static final double SMALL = 0.001, LARGE = 1000;

    private ReadableNumbers() {}

    /** The cell as a reader sees it: a number formatted by the rules above, anything else unchanged. */
    public static String cell(String text) {
        if (text == null) return "";
        String t = text.trim();
        if (!t.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) return text;
        BigDecimal v = new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
        return format(v);
    }

    /** A double formatted by the rules above; NaN and infinities as {@link Double#toString}. */
    public static String format(double v) {
        if (!Double.isFinite(v)) return Double.toString(v);
        return format(new BigDecimal(Double.toString(v)));
    }

    static String format(BigDecimal v) {
        if (v.signum() == 0) return "0";
        BigDecimal abs = v.abs();
        if (abs.compareTo(BigDecimal.valueOf(LARGE)) >= 0) {
            return grouped().format(v.setScale(0, RoundingMode.HALF_UP));
        }
        if (abs.compareTo(BigDecimal.valueOf(SMALL)) < 0) {
            BigDecimal r = v.round(new MathContext(3, RoundingMode.HALF_UP));
            int exponent = r.precision() - r.scale() - 1; // of the leading digit
            BigDecimal mantissa = r.movePointLeft(exponent).stripTrailingZeros();
            return mantissa.toPlainString() + "e" + exponent;
        }
        BigDecimal r = v.round(new MathContext(SIGNIFICANT, RoundingMode.HALF_UP)).stripTrailingZeros();
        if (r.abs().compareTo(BigDecimal.valueOf(LARGE)) >= 0) return grouped().format(r.setScale(0, RoundingMode.HALF_UP));
        return r.scale() < 0 ? r.setScale(0).toPlainString() : r.toPlainString();
    }

    private static DecimalFormat grouped() {
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f;
    }
}
