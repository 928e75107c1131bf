package org.esvflow.esv;

import java.util.Collection;
import java.util.stream.Collectors;
import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Table;

/** Turns the valuation inputs shared by the esv processes into value coefficients per land-use class. */
public final class Valuation {
    /** What to do with land-use codes the class mapping does not know. */
    public enum UnknownCodes {
        /** Fail, listing the codes. */
        ERROR,
        /** Value them at 0 (their area is still counted and reported). */
        ZERO
    }

    /** Description text shared by the processes' parameters. */
    static final String D_DESCRIPTION = "Value D of one standard equivalent, currency per ha per year (e.g. 3406.50 "
            + "yuan/ha, national 2010 prices, Xie 2015; 884.9 yuan/ha, the Xie 2003 basis; see esv:StandardEquivalent). "
            + "Required for equivalent tables; for unit-value tables (Costanza, de Groot) an optional multiplier "
            + "(exchange rate or deflator), default 1.";

    private final ValueCoefficients table;
    private final ClassValues classes;
    private final double scale;

    private Valuation(ValueCoefficients table, ClassValues classes, double scale) {
        this.table = table;
        this.classes = classes;
        this.scale = scale;
    }

    public static Valuation of(Double standardEquivalent, ValueCoefficients.Preset coefficients, Table coefficientTable,
                               ValueCoefficients.Unit tableUnit, ClassMapping.Preset classPreset, Table classMapping) {
        ValueCoefficients table = coefficientTable != null
                ? ValueCoefficients.of(coefficientTable, "user table", tableUnit == null ? ValueCoefficients.Unit.EQUIVALENT : tableUnit, "coefficientTable")
                : ValueCoefficients.preset(coefficients == null ? ValueCoefficients.Preset.XIE2015 : coefficients);
        double scale;
        if (table.unit() == ValueCoefficients.Unit.EQUIVALENT) {
            if (standardEquivalent == null) {
                throw new InvalidInputException("standardEquivalent", "is required with the equivalent table " + table.name());
            }
            scale = standardEquivalent;
        } else {
            scale = standardEquivalent == null ? 1.0 : standardEquivalent;
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new InvalidInputException("standardEquivalent", "must be a positive number, got " + standardEquivalent);
        }
        ClassMapping mapping = classMapping != null ? ClassMapping.of(classMapping, "classMapping")
                : ClassMapping.preset(classPreset == null ? ClassMapping.Preset.CLCD : classPreset);
        String input = classMapping != null ? "classMapping" : coefficientTable != null ? "coefficientTable" : "classPreset";
        return new Valuation(table, mapping.resolve(table, scale, input), scale);
    }

    public ValueCoefficients table() {
        return table;
    }

    public ClassValues classes() {
        return classes;
    }

    /** D, or the multiplier of a unit-value table. */
    public double scale() {
        return scale;
    }

    static void failOnUnknown(Collection<Integer> unknown, String input) {
        if (unknown.isEmpty()) return;
        throw new InvalidInputException(input, "land-use codes not in the class mapping: "
                + unknown.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "))
                + "; add them to a classMapping or set unknownCodes=ZERO to value them at 0");
    }
}
