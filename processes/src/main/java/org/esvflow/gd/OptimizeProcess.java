package org.esvflow.gd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.esvflow.process.Results;
import org.esvflow.table.Table;
import org.geotools.api.util.ProgressListener;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;
import org.geotools.process.factory.DescribeResults;

/** OPGD: the discretization of each continuous factor that maximizes q. */
@DescribeProcess(
        title = "Optimal discretization (OPGD)",
        description = "For each continuous factor, tries every method × number of classes and keeps the one with "
                + "the largest factor-detector q (first in method order, then smaller k, on ties). Natural breaks are "
                + "the exactly optimal Fisher–Jenks partition of all values (no sampling). With gdCompatible = true, "
                + "R package GD 10.8's optidisc instead: GD's own breaks for each method (sd steps, quantile repeats, "
                + "geometric ends, Jenks as BAMMtools computes it), candidates with repeated breaks or a class of "
                + "fewer than 2 samples rejected, q with samples outside the breaks in SST only. Rows missing Y or "
                + "the factor are dropped.")
public class OptimizeProcess {

    public record Optimization(Table best, Table grid, Integer dropped) {}

    @DescribeResults({
            @DescribeResult(name = "best", type = Table.class, description = "factor, method, k, classes, q, breaks "
                    + "(space-separated), counts (per class)."),
            @DescribeResult(name = "grid", type = Table.class, description = "Every candidate: factor, method, k, "
                    + "classes obtained, q, chosen, rejected (why GD's rules reject it; q then empty)."),
            @DescribeResult(name = "dropped", type = Integer.class, description = "Rows dropped (missing Y or factor).")})
    public Map<String, Object> execute(
            @DescribeParameter(name = "table", description = "Samples (CSV).") Table table,
            @DescribeParameter(name = "y", description = "Column of Y (numeric).") String y,
            @DescribeParameter(name = "continuous", description = "Comma-separated numeric factor columns.") String continuous,
            @DescribeParameter(name = "methods", min = 0, defaultValue = Parameters.ALL_METHODS, description = "Comma-"
                    + "separated methods among EQUAL, QUANTILE, NATURAL, GEOMETRIC, SD.") String methods,
            @DescribeParameter(name = "kMin", min = 0, defaultValue = "3", description = "Fewest classes.") Integer kMin,
            @DescribeParameter(name = "kMax", min = 0, defaultValue = "8", description = "Most classes.") Integer kMax,
            @DescribeParameter(name = "singletons", min = 0, defaultValue = "KEEP", description = "Single-sample strata "
                    + "in q: KEEP or DROP (not used with gdCompatible).") GeoDetectorOptions.Singletons singletons,
            @DescribeParameter(name = "gdCompatible", min = 0, defaultValue = "false", description = "true: the "
                    + "methods, rejections, q and choice of R package GD 10.8's optidisc (equal to its figures to "
                    + "1e-12; NATURAL then costs O(N²·k), at most " + GdDiscretization.NATURAL_LIMIT + " rows).")
            Boolean gdCompatible,
            ProgressListener monitor) {
        List<String> names = SampleTable.names(continuous);
        if (names.isEmpty()) throw new InvalidInputException("continuous", "give at least one column");
        List<Discretization.Method> searched = Parameters.methods(methods, "methods");
        int lo = Parameters.classRange(kMin, 3, "kMin"), hi = Parameters.classRange(kMax, 8, "kMax");
        if (hi < lo) throw new InvalidInputException("kMax", "must be at least kMin (" + lo + ")");
        SampleTable samples = SampleTable.of(table, y, List.of(), names, "continuous", "continuous");
        Discretization.Convention convention = Boolean.TRUE.equals(gdCompatible) ? Discretization.Convention.GD
                : Discretization.Convention.ESVFLOW;
        if (convention == Discretization.Convention.GD && searched.contains(Discretization.Method.NATURAL)
                && samples.y.length > GdDiscretization.NATURAL_LIMIT) {
            throw new InvalidInputException("gdCompatible", "GD's natural breaks take O(N²·k) time and N = "
                    + samples.y.length + " exceeds " + GdDiscretization.NATURAL_LIMIT + ": leave NATURAL out of "
                    + "methods or use gdCompatible = false (exact Fisher–Jenks)");
        }
        Progress.started(monitor);
        List<OptimalDiscretization.Result> results = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            results.add(OptimalDiscretization.optimize(names.get(i), samples.y, samples.continuous.get(i), searched, lo,
                    hi, convention, singletons == null ? GeoDetectorOptions.Singletons.KEEP : singletons, null));
            Progress.report(monitor, i + 1, names.size(), 0f, 100f);
        }
        Progress.completed(monitor);
        return Results.of(new Optimization(OpgdTables.chosen(results), OpgdTables.grid(results), samples.dropped));
    }
}
