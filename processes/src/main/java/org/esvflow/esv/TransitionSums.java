package org.esvflow.esv;

import org.esvflow.lu.TransferMatrix;

/**
 * Sums per land-use transition (from → to) over the pixels valid at both epochs: the area and Σ a·VC_e(lu_l), the value
 * coefficients of epoch e (0 before, 1 after; corrected by that epoch's factors at the pixel) applied to the land use of
 * epoch l, in currency per year (a in ha, VC in currency per ha per year). ESV before = S00, after = S11; holding the
 * coefficients at the first epoch gives S01, holding the land use at the first epoch gives S10.
 */
final class TransitionSums {
    final TransferMatrix area = new TransferMatrix();
    final TransferMatrix s00 = new TransferMatrix(), s01 = new TransferMatrix(), s10 = new TransferMatrix(), s11 = new TransferMatrix();

    void add(int from, int to, double hectares, double vc00, double vc01, double vc10, double vc11) {
        area.add(from, to, hectares);
        s00.add(from, to, hectares * vc00);
        s01.add(from, to, hectares * vc01);
        s10.add(from, to, hectares * vc10);
        s11.add(from, to, hectares * vc11);
    }

    void addAll(TransitionSums later) {
        area.addAll(later.area);
        s00.addAll(later.s00);
        s01.addAll(later.s01);
        s10.addAll(later.s10);
        s11.addAll(later.s11);
    }

    /**
     * The decomposition of ΔESV = S11 − S00: land-use effect S01 − S00 (coefficients held at the first epoch),
     * correction effect S10 − S00 (land use held at the first epoch) and the interaction, the rest, so that the three
     * add up to ΔESV. Without correction the coefficients are the same at both epochs: ΔESV is all land-use effect.
     */
    double[] decomposition() {
        double before = s00.total(), delta = s11.total() - before;
        double landUse = s01.total() - before, correction = s10.total() - before;
        return new double[] {delta, landUse, correction, delta - landUse - correction};
    }
}
