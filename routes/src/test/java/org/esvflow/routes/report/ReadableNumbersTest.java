package org.esvflow.routes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Each expectation is the rule of {@link ReadableNumbers} applied by hand to the decimal text of the value. */
class ReadableNumbersTest {
    @Test
    void largeValuesAreWholeAndGrouped() {
        // 2.5251873846590336E10 = 25 251 873 846.590336 → rounds up at .59 → 25,251,873,847
        assertEquals("25,251,873,847", ReadableNumbers.cell("2.5251873846590336E10"));
        // 41093.744999999995: the fraction .745 ≥ .5 → 41,094
        assertEquals("41,094", ReadableNumbers.cell("41093.744999999995"));
        // exactly half rounds up: 1000.5 → 1,001; negative: −1 234 567.49 → −1,234,567
        assertEquals("1,001", ReadableNumbers.cell("1000.5"));
        assertEquals("-1,234,567", ReadableNumbers.cell("-1234567.49"));
        assertEquals("1,000", ReadableNumbers.format(1000.0));
        // whole numbers too: 845 078 154 103 (8.45078154103125E11 → …103.125 → …103)
        assertEquals("845,078,154,103", ReadableNumbers.cell("8.45078154103125E11"));
    }

    @Test
    void middleValuesKeepFourSignificantDigits() {
        assertEquals("566.3", ReadableNumbers.cell("566.2849"));   // 566.2|849 → 566.3
        assertEquals("0.7912", ReadableNumbers.cell("0.791234"));  // 0.7912|34 → 0.7912
        assertEquals("12.35", ReadableNumbers.cell("12.345"));     // half-up on the decimal text
        assertEquals("1.5", ReadableNumbers.cell("1.50"));         // trailing zeros dropped
        assertEquals("-14.6", ReadableNumbers.cell("-14.6038"));   // −14.60|38 → −14.60 → −14.6
        assertEquals("0.001", ReadableNumbers.cell("0.001"));      // the lower bound is in the middle range
        assertEquals("42", ReadableNumbers.cell("42"));            // whole numbers stay
        assertEquals("1,000", ReadableNumbers.cell("999.96"));     // 4 digits round up to 1000 → grouped
        assertEquals("0.1235", ReadableNumbers.format(0.12345));   // the double's shortest text is 0.12345
    }

    @Test
    void smallValuesAreScientific() {
        assertEquals("1.23e-13", ReadableNumbers.cell("1.2345e-13"));  // 1.23|45 → 1.23
        assertEquals("9.88e-4", ReadableNumbers.cell("0.00098765"));   // 9.87|65 → 9.88
        assertEquals("1e-5", ReadableNumbers.format(1.0e-5));
        assertEquals("-2.5e-7", ReadableNumbers.cell("-2.50e-7"));
    }

    @Test
    void zeroTextAndBlanksAreKept() {
        assertEquals("0", ReadableNumbers.cell("0.000"));
        assertEquals("0", ReadableNumbers.format(-0.0));
        assertEquals("", ReadableNumbers.cell(""));
        assertEquals("2013-2023", ReadableNumbers.cell("2013-2023"));
        assertEquals("cropland", ReadableNumbers.cell("cropland"));
        assertEquals("NaN", ReadableNumbers.cell("NaN"));
        assertEquals("Infinity", ReadableNumbers.format(Double.POSITIVE_INFINITY));
    }
}
