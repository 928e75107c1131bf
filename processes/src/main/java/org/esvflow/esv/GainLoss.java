package org.esvflow.esv;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.esvflow.lu.TransferMatrix;

/**
 * Gain and loss ("profit and loss") of ESV by land-use transition: ΔESV[i→j] = A[i→j] · (VC_j − VC_i), A in ha,
 * VC in currency per ha per year. The diagonal contributes 0, so the net equals ESV_after − ESV_before.
 */
public final class GainLoss {
    public record Transition(int from, int to, double areaHa, double vcFrom, double vcTo, double delta) {}

    private final List<Transition> transitions;
    private final double before, after, gain, loss;

    private GainLoss(List<Transition> transitions, double before, double after, double gain, double loss) {
        this.transitions = transitions;
        this.before = before;
        this.after = after;
        this.gain = gain;
        this.loss = loss;
    }

    /** @param vc total value coefficient of a land-use code, currency per ha per year */
    public static GainLoss of(TransferMatrix matrix, IntToDoubleFunction vc) {
        List<Transition> list = new ArrayList<>();
        double before = 0, after = 0, gain = 0, loss = 0;
        for (int i : matrix.classes()) {
            for (int j : matrix.classes()) {
                double a = matrix.area(i, j);
                if (a == 0) continue;
                double vi = vc.applyAsDouble(i), vj = vc.applyAsDouble(j);
                before += a * vi;
                after += a * vj;
                if (i == j) continue;
                double delta = a * (vj - vi);
                list.add(new Transition(i, j, a, vi, vj, delta));
                if (delta > 0) gain += delta;
                else loss += delta;
            }
        }
        return new GainLoss(List.copyOf(list), before, after, gain, loss);
    }

    /**
     * From the sums of a change with possibly corrected coefficients: per transition, before = S00 and after = S11
     * (see {@link TransitionSums}), vc_from and vc_to their means per ha, ΔESV = after − before. Unchanged land (i = j)
     * is listed when its value changed (with correction), so that the net still equals ESV_after − ESV_before.
     */
    static GainLoss of(TransitionSums sums) {
        List<Transition> list = new ArrayList<>();
        double before = 0, after = 0, gain = 0, loss = 0;
        TransferMatrix matrix = sums.area;
        for (int i : matrix.classes()) {
            for (int j : matrix.classes()) {
                double a = matrix.area(i, j);
                if (a == 0) continue;
                double b = sums.s00.area(i, j), e = sums.s11.area(i, j);
                before += b;
                after += e;
                double delta = e - b;
                if (i == j && delta == 0) continue;
                list.add(new Transition(i, j, a, b / a, e / a, delta));
                if (delta > 0) gain += delta;
                else loss += delta;
            }
        }
        return new GainLoss(List.copyOf(list), before, after, gain, loss);
    }

    /** Changed transitions (i ≠ j with area, and i = j whose value changed), in class order. */
    public List<Transition> transitions() {
        return transitions;
    }

    public double before() {
        return before;
    }

    public double after() {
        return after;
    }

    /** Sum of positive ΔESV. */
    public double gain() {
        return gain;
    }

    /** Sum of negative ΔESV (≤ 0). */
    public double loss() {
        return loss;
    }

    public double net() {
        return gain + loss;
    }
}
