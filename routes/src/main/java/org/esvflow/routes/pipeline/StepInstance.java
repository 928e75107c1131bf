package org.esvflow.routes.pipeline;

import org.esvflow.routes.manifest.StudyManifest;

/**
 * A step of the table applied to one epoch, one period or the whole study.
 *
 * @param label the epoch year, the period {@code 2013_2015}, the pair {@code 2013-2023} or {@code study}
 * @param epoch the epoch of an epoch step, else null
 * @param period the period of a period step, or the two epochs of a pair step, else null
 * @param last the study's last epoch (context {@code last.} of study steps)
 */
public record StepInstance(StepTable.Step step, String label, StudyManifest.Epoch epoch, StudyManifest.Period period,
        StudyManifest.Epoch last) {

    /** Unique within a study: {@code esv@2013}, {@code change@2013_2015}, {@code detect_change@2013-2023}. */
    public String key() {
        return step.id() + "@" + label;
    }

    /** The epoch a context name refers to: epoch, before, after or last; null if not available here. */
    public StudyManifest.Epoch context(String name) {
        return switch (name) {
            case "epoch" -> epoch;
            case "before" -> period == null ? null : period.before();
            case "after" -> period == null ? null : period.after();
            case "last" -> last;
            default -> null;
        };
    }

    /** The instance in a collected table's first column: the year, the period, {@code change:2013-2023} for a pair. */
    public String tableLabel() {
        return step.scope() == StepTable.Scope.PAIR ? "change:" + label : label;
    }

    /** TIME of a published layer: the epoch's year, the period's end year, none for the study. */
    public String time() {
        if (epoch != null) return String.valueOf(epoch.year());
        if (period != null) return String.valueOf(period.after().year());
        return null;
    }
}
