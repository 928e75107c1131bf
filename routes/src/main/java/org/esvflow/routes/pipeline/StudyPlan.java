package org.esvflow.routes.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.esvflow.routes.manifest.StudyManifest;

/**
 * The step table expanded over a study: the setup steps, one list of steps per epoch, per period and for the study,
 * each list in table order (a step only uses outputs of steps listed before it in the same list, or of earlier groups).
 */
public record StudyPlan(List<List<StepInstance>> epochs, List<List<StepInstance>> periods, List<StepInstance> study,
        List<StepInstance> setup) {

    public static StudyPlan of(StepTable table, StudyManifest m) {
        StudyManifest.Epoch last = m.epochs().get(m.epochs().size() - 1);
        List<List<StepInstance>> epochs = new ArrayList<>();
        for (StudyManifest.Epoch e : m.epochs()) {
            List<StepInstance> group = new ArrayList<>();
            for (StepTable.Step s : table.steps()) {
                if (s.scope() != StepTable.Scope.EPOCH) continue;
                StepInstance i = new StepInstance(s, String.valueOf(e.year()), e, null, last);
                if (applies(i, m)) group.add(i);
            }
            epochs.add(group);
        }
        List<List<StepInstance>> periods = new ArrayList<>();
        for (StudyManifest.Period p : m.periods()) {
            List<StepInstance> group = new ArrayList<>();
            for (StepTable.Step s : table.steps()) {
                if (s.scope() != StepTable.Scope.PERIOD) continue;
                StepInstance i = new StepInstance(s, p.label(), null, p, last);
                if (applies(i, m)) group.add(i);
            }
            periods.add(group);
        }
        return new StudyPlan(epochs, periods, studyScope(table, m, StepTable.Scope.STUDY, last),
                studyScope(table, m, StepTable.Scope.SETUP, last));
    }

    /** Steps run once per study (label {@code study}): the setup steps or the final ones. */
    private static List<StepInstance> studyScope(StepTable table, StudyManifest m, StepTable.Scope scope, StudyManifest.Epoch last) {
        List<StepInstance> out = new ArrayList<>();
        for (StepTable.Step s : table.steps()) {
            if (s.scope() != scope) continue;
            StepInstance i = new StepInstance(s, "study", null, null, last);
            if (applies(i, m)) out.add(i);
        }
        return out;
    }

    private static boolean applies(StepInstance i, StudyManifest m) {
        String when = i.step().when();
        return when == null || Sources.lookup(when, i, m) != null;
    }

    public List<StepInstance> all() {
        List<StepInstance> out = new ArrayList<>(setup);
        epochs.forEach(out::addAll);
        periods.forEach(out::addAll);
        out.addAll(study);
        return out;
    }

    public int size() {
        return all().size();
    }
}
