package org.esvflow.gd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.esvflow.gd.GeoDetectorOptions.EcologicalTest;
import org.esvflow.gd.GeoDetectorOptions.Singletons;
import org.esvflow.gd.GeoDetectorOptions.Variance;
import org.esvflow.process.Document;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.esvflow.process.Results;
import org.esvflow.raster.Parallel;
import org.esvflow.table.Table;
import org.geotools.api.util.ProgressListener;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;
import org.geotools.process.factory.DescribeResults;

/** The geographical detector on a sample table: factor, interaction, risk and ecological detectors. */
@DescribeProcess(
        title = "Geographical detector",
        description = "Factor, interaction, risk and ecological detectors (Wang et al. 2010, 2016) of a numeric Y "
                + "against categorical factors and continuous factors discretized by OPGD (or a fixed method). "
                + "Rows missing Y or any factor are dropped and counted. Conventions (defaults = the official R "
                + "package geodetector): single-sample strata kept; λ = (1/σ²)[Σ Ȳ_h² − (Σ √N_h Ȳ_h)²/N] with "
                + "σ² = SST/(N − 1); p of the factor detector from the noncentral F upper tail, exact to ~1e-13 "
                + "relative; interactions on overlays keyed by the pair of stratum codes, independent when "
                + "|q12 − (q1 + q2)| ≤ independenceTolerance; risk pairs by Welch's t test (two-sided); ecological "
                + "F = N1(N2 − 1)SSW1 / (N2(N1 − 1)SSW2), df (N1 − 1, N2 − 1), tested two-sided by default. "
                + "Intervals of discretized factors are right-closed with the lowest value included. "
                + "CSV, XLSX, JSON and PNG views: GeoDetectorFiles.")
public class DetectProcess {

    /** The detectors' tables, the discretization used for continuous factors and the dropped row count. */
    public record Detection(Table factor, Table interaction, Table riskMeans, Table risk, Table ecological,
                            Table discretization, Table opgdGrid, Table conventions, Integer dropped,
                            Document workbook, Document qChart, Document interactionChart) {}

    @DescribeResults({
            @DescribeResult(name = "factor", type = Table.class, description = "One row per factor: factor, strata "
                    + "(L), n (N), singletons, q, F, lambda, p_value, significant (p < alpha), warning."),
            @DescribeResult(name = "interaction", type = Table.class, description = "One row per pair: factor_a, "
                    + "factor_b, q_a, q_b, q12, overlay_strata, overlay_singletons, interaction (Weaken, nonlinear | "
                    + "Weaken, uni- | Enhance, bi- | Independent | Enhance, nonlinear)."),
            @DescribeResult(name = "riskMeans", type = Table.class, description = "Strata means: factor, stratum, n, "
                    + "mean of Y, variance (N_h − 1; empty for one sample)."),
            @DescribeResult(name = "risk", type = Table.class, description = "Welch t test for every pair of strata "
                    + "of each factor: factor, stratum_a, stratum_b, mean_a, mean_b, t, df, p_value (two-sided), "
                    + "significant. Undefined (empty) when a stratum has one sample or both have zero variance."),
            @DescribeResult(name = "ecological", type = Table.class, description = "One row per pair: factor_a, "
                    + "factor_b, F, df_a, df_b, p_value, significant, test."),
            @DescribeResult(name = "discretization", type = Table.class, description = "Continuous factors: factor, "
                    + "method, k, classes, q, breaks, counts."),
            @DescribeResult(name = "opgdGrid", type = Table.class, description = "Continuous factors: q of every "
                    + "method × k tried (factor, method, k, classes, q, chosen)."),
            @DescribeResult(name = "conventions", type = Table.class, description = "The options in force (name, "
                    + "value, meaning), so that every output file documents how it was computed."),
            @DescribeResult(name = "dropped", type = Integer.class, description = "Rows dropped for a missing or "
                    + "non-numeric Y, a missing factor value or a non-finite continuous factor."),
            @DescribeResult(name = "workbook", type = Document.class, description = "geodetector.xlsx: one sheet per "
                    + "table above, as the Excel GeoDetector lays them out."),
            @DescribeResult(name = "qChart", type = Document.class, description = "q_bar.png: q of each factor, "
                    + "coloured by significance."),
            @DescribeResult(name = "interactionChart", type = Document.class, description = "interaction_heatmap.png: "
                    + "q12 of every pair with its interaction class.")})
    public Map<String, Object> execute(
            @DescribeParameter(name = "table", description = "Samples: one row per sample (CSV).") Table table,
            @DescribeParameter(name = "y", description = "Column of the explained variable Y (numeric).") String y,
            @DescribeParameter(name = "categorical", min = 0, description = "Comma-separated columns used as strata "
                    + "as they are (codes or texts; compared by value, so 2 and 2.0 are one stratum).") String categorical,
            @DescribeParameter(name = "continuous", min = 0, description = "Comma-separated numeric columns to "
                    + "discretize first.") String continuous,
            @DescribeParameter(name = "discretization", min = 0, defaultValue = "OPGD", description = "OPGD (the "
                    + "method and k of largest q among 'methods' × kMin..kMax) or one method for every continuous "
                    + "factor: EQUAL, QUANTILE (R type 7), NATURAL (exact Fisher–Jenks), GEOMETRIC, SD.") String discretization,
            @DescribeParameter(name = "classes", min = 0, defaultValue = "5", description = "Number of classes for a "
                    + "fixed discretization method.") Integer classes,
            @DescribeParameter(name = "methods", min = 0, defaultValue = Parameters.ALL_METHODS, description = "OPGD: "
                    + "comma-separated methods to try.") String methods,
            @DescribeParameter(name = "kMin", min = 0, defaultValue = "3", description = "OPGD: fewest classes.") Integer kMin,
            @DescribeParameter(name = "kMax", min = 0, defaultValue = "8", description = "OPGD: most classes.") Integer kMax,
            @DescribeParameter(name = "singletons", min = 0, defaultValue = "KEEP", description = "Single-sample "
                    + "strata: KEEP (R geodetector, py-geodetector) or DROP their samples (GD, gdverse).") Singletons singletons,
            @DescribeParameter(name = "variance", min = 0, defaultValue = "SAMPLE", description = "σ² in λ: SAMPLE "
                    + "(SST/(N − 1), R geodetector) or POPULATION (SST/N, GD, gdverse).") Variance variance,
            @DescribeParameter(name = "alpha", min = 0, defaultValue = "0.05", description = "Significance level "
                    + "of the factor, risk and ecological tests.") Double alpha,
            @DescribeParameter(name = "ecologicalTest", min = 0, defaultValue = "TWO_SIDED", description = "TWO_SIDED "
                    + "(p = 2 min(P(F' ≤ F), P(F' ≥ F))), UPPER_TAIL (p = P(F' ≥ F), order matters, gdverse) or "
                    + "R_PACKAGES (R geodetector/GD: max(q1/q2, q2/q1) against F(N − 1, N − 1) at the 0.9 quantile, "
                    + "whatever alpha).") EcologicalTest ecologicalTest,
            @DescribeParameter(name = "independenceTolerance", min = 0, defaultValue = "1e-12", description = "An "
                    + "interaction is Independent when |q12 − (q1 + q2)| is at most this.") Double independenceTolerance,
            @DescribeParameter(name = "gdCompatible", min = 0, defaultValue = "false", description = "true: the "
                    + "methods, rejections, q and choice of R package GD 10.8's optidisc (equal to its figures to "
                    + "1e-12; NATURAL then costs O(N²·k), at most " + GdDiscretization.NATURAL_LIMIT + " rows) for "
                    + "the continuous factors; an error if GD's breaks leave a sample outside them.")
            Boolean gdCompatible,
            @DescribeParameter(name = "chartDpi", min = 0, defaultValue = "96", description = "Resolution of the PNG "
                    + "charts, dots per inch, 72–600 (96: screen; 300 for print: the same chart, finer).")
            Integer chartDpi,
            ProgressListener monitor) {
        ChartWarmUp.begin(); // Java 2D's start-up overlaps the input checks and the detectors
        int dpi = chartDpi == null ? GeoDetectorCharts.SCREEN_DPI : chartDpi;
        if (dpi < 72 || dpi > 600) throw new InvalidInputException("chartDpi", "must be 72–600, got " + dpi);
        List<String> catNames = SampleTable.names(categorical), conNames = SampleTable.names(continuous);
        if (catNames.isEmpty() && conNames.isEmpty()) {
            throw new InvalidInputException("categorical", "give at least one categorical or continuous factor");
        }
        String choice = discretization == null ? "OPGD" : discretization.trim().toUpperCase(Locale.ROOT);
        boolean opgd = choice.equals("OPGD");
        Discretization.Method fixed = opgd ? null : Parameters.method(choice, "discretization");
        if (fixed == Discretization.Method.MANUAL) {
            throw new InvalidInputException("discretization", "MANUAL breaks: discretize with gd:Discretize first");
        }
        List<Discretization.Method> searched = opgd ? Parameters.methods(methods, "methods") : List.of(fixed);
        int lo = opgd ? Parameters.classRange(kMin, 3, "kMin") : Parameters.classRange(classes, 5, "classes");
        int hi = opgd ? Parameters.classRange(kMax, 8, "kMax") : lo;
        if (hi < lo) throw new InvalidInputException("kMax", "must be at least kMin (" + lo + ")");
        double tolerance = independenceTolerance == null ? 1e-12 : independenceTolerance;
        if (!(tolerance >= 0)) throw new InvalidInputException("independenceTolerance", "must be ≥ 0");
        GeoDetectorOptions options = new GeoDetectorOptions(singletons == null ? Singletons.KEEP : singletons,
                variance == null ? Variance.SAMPLE : variance, Parameters.alpha(alpha),
                ecologicalTest == null ? EcologicalTest.TWO_SIDED : ecologicalTest, tolerance);
        SampleTable samples = SampleTable.of(table, y, catNames, conNames, "categorical", "continuous");
        Discretization.Convention convention = Boolean.TRUE.equals(gdCompatible) ? Discretization.Convention.GD
                : Discretization.Convention.ESVFLOW;
        if (convention == Discretization.Convention.GD && !conNames.isEmpty()
                && searched.contains(Discretization.Method.NATURAL) && samples.y.length > GdDiscretization.NATURAL_LIMIT) {
            throw new InvalidInputException("gdCompatible", "GD's natural breaks take O(N²·k) time and N = "
                    + samples.y.length + " exceeds " + GdDiscretization.NATURAL_LIMIT + ": leave NATURAL out of "
                    + "methods or use gdCompatible = false (exact Fisher–Jenks)");
        }

        Progress.started(monitor);
        List<Strata> factors = new ArrayList<>();
        factors.addAll(samples.categorical);
        List<OptimalDiscretization.Result> chosen = new ArrayList<>();
        for (int i = 0; i < conNames.size(); i++) {
            OptimalDiscretization.Result r = OptimalDiscretization.optimize(conNames.get(i), samples.y,
                    samples.continuous.get(i), searched, lo, hi, convention, options.singletons(), null);
            chosen.add(r);
            int inside = java.util.Arrays.stream(r.counts()).sum();
            if (inside < samples.y.length) {
                // GD's geometric end breaks can leave min or max outside; GD's q counts them in SST only, a stratum
                // of the detectors cannot
                throw new InvalidInputException("gdCompatible", conNames.get(i) + ": GD's " + r.best().method()
                        + " breaks (k " + r.best().k() + ") leave " + (samples.y.length - inside) + " sample(s) outside "
                        + "them; use gdCompatible = false or other methods");
            }
            factors.add(Discretization.strata(conNames.get(i), samples.continuous.get(i), r.best().breaks()));
            Progress.report(monitor, i + 1, conNames.size(), 0f, 30f);
        }
        for (Strata s : factors) {
            if (s.count() < 2) throw new InvalidInputException("categorical", s.name() + " has a single stratum");
        }
        GeoDetector.Report report = GeoDetector.run(samples.y, factors, options, monitor, 30f, 99f);
        Detection tables = new Detection(report.factor(), report.interaction(), report.riskMeans(), report.risk(),
                report.ecological(), chosen.isEmpty() ? null : OpgdTables.chosen(chosen),
                chosen.isEmpty() ? null : OpgdTables.grid(chosen), conventions(options, opgd ? "OPGD "
                        + searched + " k " + lo + ".." + hi : fixed + " k " + lo, convention, samples), samples.dropped,
                null, null, null);
        Detection detection = withDocuments(tables, dpi);
        Progress.completed(monitor);
        return Results.of(detection);
    }

    /** Adds the workbook and the charts, views of the same tables. */
    static Detection withDocuments(Detection d) {
        return withDocuments(d, GeoDetectorCharts.SCREEN_DPI);
    }

    /**
     * The same, with the charts at {@code dpi}. The workbook and the two charts are rendered at once, each on a core
     * of its own when one is free (the charts' Java 2D and font start-up, ~0.1 s in a fresh JVM, then overlaps the
     * workbook).
     */
    static Detection withDocuments(Detection d, int dpi) {
        Map<String, Table> sheets = GeoDetectorFiles.sheets(Results.of(d));
        boolean heatmap = d.interaction() != null && d.interaction().rowCount() > 0;
        byte[][] bytes = new byte[3][];
        Parallel.forEach(heatmap ? 3 : 2, i -> {
            try {
                bytes[i] = switch (i) {
                    case 0 -> GeoDetectorCharts.qBarChart(d.factor(), 800, 120 + 40 * d.factor().rowCount(), dpi);
                    case 1 -> {
                        java.io.ByteArrayOutputStream xlsx = new java.io.ByteArrayOutputStream();
                        GeoDetectorWorkbook.write(sheets, xlsx);
                        yield xlsx.toByteArray();
                    }
                    default -> GeoDetectorCharts.interactionHeatmap(d.factor(), d.interaction(), 64, dpi);
                };
            } catch (java.io.IOException e) {
                throw new org.geotools.process.ProcessException("cannot render the GeoDetector workbook or charts", e);
            }
        });
        return new Detection(d.factor(), d.interaction(), d.riskMeans(), d.risk(), d.ecological(), d.discretization(),
                d.opgdGrid(), d.conventions(), d.dropped(), new Document("geodetector.xlsx", Document.XLSX, bytes[1]),
                new Document("q_bar.png", Document.PNG, bytes[0]),
                heatmap ? new Document("interaction_heatmap.png", Document.PNG, bytes[2]) : null);
    }

    static Table conventions(GeoDetectorOptions o, String discretization, Discretization.Convention convention,
                             SampleTable samples) {
        return Table.builder("name", "value", "meaning")
                .row("samples", samples.y.length, "rows used (Y and every factor present)")
                .row("dropped", samples.dropped, "rows dropped for a missing Y or factor value")
                .row("singletons", o.singletons().name(), "single-sample strata: KEEP in N and L, or DROP their samples")
                .row("variance", o.variance().name(), "σ² in λ: SAMPLE = SST/(N − 1), POPULATION = SST/N")
                .row("alpha", o.alpha(), "significance level of the factor, risk and ecological tests")
                .row("ecologicalTest", o.ecologicalTest().name(), "F = N1(N2 − 1)SSW1 / (N2(N1 − 1)SSW2), df (N1 − 1, "
                        + "N2 − 1); TWO_SIDED, UPPER_TAIL or R_PACKAGES (max q ratio against qf(0.9))")
                .row("independenceTolerance", o.independenceTolerance(), "Independent when |q12 − (q1 + q2)| ≤ this")
                .row("riskTest", "WELCH", "two-sided Welch t test, Welch–Satterthwaite df")
                .row("discretization", samples.continuous.isEmpty() ? "none" : discretization,
                        "continuous factors; intervals right-closed, lowest value included")
                .row("gdCompatible", convention == Discretization.Convention.GD, "breaks, rejections and q of the "
                        + "optimisation as R package GD 10.8's optidisc (true) or esvflow's (false)")
                .row("pValue", "noncentral F upper tail", "P(F' > F), F' ~ F(L − 1, N − L; λ), ~1e-13 relative")
                .build();
    }
}
