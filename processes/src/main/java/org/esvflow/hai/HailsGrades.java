package org.esvflow.hai;

/**
 * The five HAILS grades (Xu Yong et al. 2015), on the percentage: 1 very low &lt; 6, 2 low [6, 10), 3 medium
 * [10, 16), 4 high [16, 27], 5 very high &gt; 27. The source gives the open ends "&lt; 6" and "&gt; 27"; the inner
 * boundaries are taken as lower-inclusive.
 */
final class HailsGrades {
    static final String[] NAMES = {"very low", "low", "medium", "high", "very high"};

    private HailsGrades() {}

    /** Grade 1–5 of a HAILS percentage, decided on the float32 value a raster would store. */
    static int grade(double percent) {
        float p = (float) percent;
        if (p < 6f) return 1;
        if (p < 10f) return 2;
        if (p < 16f) return 3;
        if (p <= 27f) return 4;
        return 5;
    }

    static String name(int grade) {
        return NAMES[grade - 1];
    }
}
