package org.esvflow.gd;

/**
 * The interaction detector: q12 is the factor detector's q on the overlay X1 ∩ X2 (strata keyed by the pair of codes),
 * compared with q1 and q2 (Wang and Xu 2017).
 */
public final class InteractionDetector {
    private InteractionDetector() {}

    /** The five interaction classes, with the labels the GeoDetector literature prints. */
    public enum Kind {
        /** q12 &lt; min(q1, q2). */
        WEAKEN_NONLINEAR("Weaken, nonlinear"),
        /** min(q1, q2) ≤ q12 ≤ max(q1, q2). */
        WEAKEN_UNI("Weaken, uni-"),
        /** max(q1, q2) &lt; q12 &lt; q1 + q2. */
        ENHANCE_BI("Enhance, bi-"),
        /** q12 = q1 + q2 within the tolerance. */
        INDEPENDENT("Independent"),
        /** q12 &gt; q1 + q2. */
        ENHANCE_NONLINEAR("Enhance, nonlinear");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One pair: the overlay's factor-detector result and the interaction class. */
    public record Result(String factorA, String factorB, double qA, double qB, FactorDetector.Result overlay, Kind kind) {
        public double q12() {
            return overlay.q();
        }
    }

    public static Result detect(double[] y, Strata a, Strata b, double qA, double qB, GeoDetectorOptions options) {
        FactorDetector.Result overlay = FactorDetector.detect(y, Strata.overlay(a, b), options);
        return new Result(a.name(), b.name(), qA, qB, overlay, classify(qA, qB, overlay.q(), options.independenceTolerance()));
    }

    /** The detector from the stats of the overlay's strata (empty cells, n = 0, are ignored). */
    static Result detect(String a, String b, StratumStats overlay, double qA, double qB, GeoDetectorOptions options) {
        FactorDetector.Result r = FactorDetector.detect(a + " ∩ " + b, overlay, options, false);
        return new Result(a, b, qA, qB, r, classify(qA, qB, r.q(), options.independenceTolerance()));
    }

    /** Classifies q12 against q1 and q2; independence is tested first, with an absolute tolerance. */
    public static Kind classify(double q1, double q2, double q12, double tolerance) {
        double min = Math.min(q1, q2), max = Math.max(q1, q2), sum = q1 + q2;
        if (Math.abs(q12 - sum) <= tolerance) return Kind.INDEPENDENT;
        if (q12 > sum) return Kind.ENHANCE_NONLINEAR;
        if (q12 > max) return Kind.ENHANCE_BI;
        if (q12 >= min) return Kind.WEAKEN_UNI;
        return Kind.WEAKEN_NONLINEAR;
    }
}
