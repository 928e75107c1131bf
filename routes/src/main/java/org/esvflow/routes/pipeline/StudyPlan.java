package org.esvflow.routes.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.esvflow.routes.manifest.StudyManifest;

/**
 * The step table expanded over a study: the setup steps, one list of steps per epoch, per period and for the study,
 * each list in table order (a step only uses outputs of steps listed before it in the same list, or of earlier groups).
 * Pair steps (two epochs compared, e.g. the GeoDetector on the change between the first and the last) run with the
 * study's.
 */
public record StudyPlan(List<List<StepInstance>> epochs, List<List<StepInstance>> periods, List<StepInstance> study,
        List<StepInstance> setup) {

    public static StudyPlan of(StepTable table, StudyManifest m) {
        StudyManifest.Epoch last = m.epochs().get(m.epochs().size() - 1);
        List<List<StepInstance>> epochs = new ArrayList<>();
        for (StudyManifest.Epoch e : m.epochs()) {
            List<StepInstance> group = new ArrayList<>();
            for (StepTable.Step s : table.steps()) {
                if (s.scope() != StepTable.Scope.EPOCH || !inEpochs(s, e, m)) continue;
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
            boolean wanted = scope == StepTable.Scope.STUDY ? s.scope() == StepTable.Scope.STUDY || s.scope() == StepTable.Scope.PAIR
                    : s.scope() == scope;
            if (!wanted) continue;
            StudyManifest.Period pair = s.scope() == StepTable.Scope.PAIR ? pair(s, m) : null;
            if (s.scope() == StepTable.Scope.PAIR && pair == null) continue;
            StepInstance i = pair == null ? new StepInstance(s, "study", null, null, last)
                    : new StepInstance(s, pair.before().year() + "-" + pair.after().year(), null, pair, last);
            if (applies(i, m)) out.add(i);
        }
        return out;
    }

    /** Whether epoch {@code e} is among the years at the step's {@code epochs} path (absent or {@code all}: every one). */
    private static boolean inEpochs(StepTable.Step s, StudyManifest.Epoch e, StudyManifest m) {
        Object years = s.epochs() == null ? null : m.value(s.epochs());
        if (years == null || "all".equals(years)) return true;
        if (!(years instanceof List<?> list)) return String.valueOf(years).equals(String.valueOf(e.year()));
        return list.stream().anyMatch(y -> String.valueOf(y).equals(String.valueOf(e.year())));
    }

    /**
     * The two epochs at the step's {@code pair} path: two years, {@code first} or {@code last}; the first and the last
     * epoch when absent; none when the value is {@code none} or the study has a single epoch.
     */
    static StudyManifest.Period pair(StepTable.Step s, StudyManifest m) {
        Object v = s.pair() == null ? null : m.value(s.pair());
        List<StudyManifest.Epoch> epochs = m.epochs();
        if (epochs.size() < 2 || "none".equals(v) || Boolean.FALSE.equals(v)) return null;
        List<?> years = v instanceof List<?> list ? list : List.of("first", "last");
        if (years.size() != 2) return null;
        StudyManifest.Epoch from = epoch(years.get(0), epochs), to = epoch(years.get(1), epochs);
        return from == null || to == null || from.year() >= to.year() ? null : new StudyManifest.Period(from, to);
    }

    private static StudyManifest.Epoch epoch(Object year, List<StudyManifest.Epoch> epochs) {
        if ("first".equals(year)) return epochs.get(0);
        if ("last".equals(year)) return epochs.get(epochs.size() - 1);
        for (StudyManifest.Epoch e : epochs) if (String.valueOf(e.year()).equals(String.valueOf(year))) return e;
        return null;
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
