package org.esvflow.rsei;

/**
 * The five RSEI grades of Xu (2013) on equal intervals: 1 poor [0, 0.2), 2 fair [0.2, 0.4), 3 moderate [0.4, 0.6),
 * 4 good [0.6, 0.8), 5 excellent [0.8, 1]. Grade rasters are byte with nodata 0.
 */
public final class RseiGrades {
    public static final int COUNT = 5;
    public static final String[] NAMES = {"poor", "fair", "moderate", "good", "excellent"};
    /** Lower bound of grade g is LOWER[g − 1]; the upper bound is the next lower bound (1 for the last, inclusive). */
    public static final double[] LOWER = {0.0, 0.2, 0.4, 0.6, 0.8};

    private RseiGrades() {}

    /**
     * Grade 1–5 of an RSEI value, decided on the value as stored in a float32 raster, so that grading a written
     * RSEI raster again gives the same grades. Values below 0 or above 1 are put in the first or last grade.
     */
    public static int grade(double rsei) {
        float v = (float) rsei;
        if (v < 0.2f) return 1;
        if (v < 0.4f) return 2;
        if (v < 0.6f) return 3;
        if (v < 0.8f) return 4;
        return 5;
    }

    public static double upper(int grade) {
        return grade == COUNT ? 1.0 : LOWER[grade];
    }
}
