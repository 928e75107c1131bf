package org.esvflow.gd;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import org.esvflow.gd.GeoDetectorOptions.EcologicalTest;
import org.esvflow.gd.GeoDetectorOptions.Singletons;
import org.esvflow.gd.GeoDetectorOptions.Variance;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.esvflow.process.Results;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.Grids;
import org.esvflow.raster.Rasters;
import org.esvflow.raster.Samples;
import org.esvflow.table.Table;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;
import org.geotools.process.factory.DescribeResults;

/**
 * The geographical detector over every valid pixel of aligned rasters, streamed block by block: no sampling, and the
 * heap holds per-stratum statistics (count, mean, squared deviations) and one block of each input, whatever the raster
 * size. Passes: (1) valid count, min/max of continuous factors, the codes of categorical ones and (QUANTILE) the
 * counts of float-valued factors' 32-bit keys by their top {@value #TOP_BITS} bits; (2) one joint table of all factors
 * ({@link JointStats}: one cell a pixel, merged exactly across blocks by Chan et al.), from which every factor's
 * strata and every pair overlay are summed. The QUANTILE breaks of float-valued factors come out of pass 2 itself: a
 * pixel whose value falls in the bucket of an inner break's rank is kept aside (Y, its other codes, the value), and
 * those values are all the values of those buckets, so they give the exact order statistics when the pass ends.
 * Fallbacks, same results: one more counting pass (low bits in the wanted buckets) when more than
 * {@value #MAX_DEFERRED} values would be kept aside; histogram refinement passes for float64 and 32-bit integer
 * factors; per-factor and per-pair statistics block by block when the joint table exceeds {@value #MAX_JOINT_CELLS}
 * cells. The detectors then run on the statistics alone ({@link GeoDetector#fromStats}). NATURAL breaks (float32 and
 * 8/16-bit factors only) come from the first pass too: Fisher–Jenks over its non-empty key buckets weighted by their
 * counts ({@link #naturalBreaks}), exact when every bucket holds one distinct value (every 8-bit raster, integers below
 * 4096 in magnitude, any raster with few distinct values), otherwise the exact optimum for the values moved by less
 * than 2^−11 of their magnitude to their bucket's midpoint (reported as NATURAL_BINNED); then one last pass as for
 * EQUAL. Fisher–Jenks on every distinct value instead would cost O(k·d log d) time and O(k·d) memory in the d distinct
 * values (d can be ~10⁸) and more passes.
 */
@DescribeProcess(
        title = "Geographical detector over all pixels",
        description = "Factor, interaction, risk and ecological detectors (conventions as gd:Detect) over every pixel "
                + "where Y and all factors are valid (not nodata, finite), streamed block by block with per-stratum "
                + "sufficient statistics: no sampling, memory bounded by the number of strata, not the raster size. "
                + "Y and the factors must share one grid. Categorical factors are stratified by pixel value; continuous "
                + "ones by EQUAL intervals between the exact global min and max, or QUANTILE breaks (R type 7) from "
                + "exact order statistics found by counting: float32 and 8/16-bit rasters by the counts of the "
                + "values' order-preserving 32-bit keys by their top 20 bits (first pass), then the values in the "
                + "buckets of the wanted ranks, kept aside during the last pass (2 passes in all; one more when they "
                + "are more than 2^23); others by histograms of 64-bit keys in 4096 bins around each wanted rank, "
                + "narrowed pass by pass until a bin is one value (at most 6 passes). NATURAL (float32 and 8/16-bit "
                + "factors only): Fisher-Jenks natural breaks on the first-pass counts of those 2^20 key buckets "
                + "(2 passes in all); exact when each bucket holds one distinct value (8-bit rasters, integers below "
                + "4096 in magnitude, few distinct values), otherwise exact for the values moved to their bucket's "
                + "midpoint, by less than 2^-11 (~4.9e-4) of their magnitude, and marked NATURAL_BINNED in the "
                + "discretization table. Intervals right-closed, lowest value included; repeated breaks merged.")
public class DetectRasterProcess {

    /** Most distinct values a categorical factor may have. */
    static final int MAX_CATEGORIES = 1000;
    /**
     * Most cells of a pair overlay: they are counted densely per block and per row of blocks in flight, so this bounds
     * the heap (20 bytes a cell) whatever the raster size.
     */
    static final long MAX_OVERLAY_CELLS = 1 << 16;
    /** Bins per refinement pass of the exact quantiles. */
    static final int BINS = 4096;
    /** Bits of a 32-bit key counted in the first pass (its bucket) and the rest (its place in the bucket). */
    static final int TOP_BITS = 20, LOW_BITS = 32 - TOP_BITS;
    /**
     * Most cells of the joint table of all factors ({@link JointStats}, 24 bytes a cell per row of blocks in flight);
     * beyond it, per-factor and per-pair statistics block by block.
     */
    static final long MAX_JOINT_CELLS = 1 << 20;
    /**
     * Most values kept aside in the last pass (≤ 20 bytes each with their pixel) while the exact quantile breaks are not known yet: the
     * pixels whose value falls in the first-pass bucket of an inner break. Beyond it, one more pass finds the breaks.
     */
    static final long MAX_DEFERRED = 1 << 23;

    /** Limits in force (package-private so that tests can force each path). */
    long maxJointCells = MAX_JOINT_CELLS, maxDeferred = MAX_DEFERRED;

    @DescribeResults({
            @DescribeResult(name = "factor", type = Table.class, description = "As gd:Detect."),
            @DescribeResult(name = "interaction", type = Table.class, description = "As gd:Detect."),
            @DescribeResult(name = "riskMeans", type = Table.class, description = "As gd:Detect."),
            @DescribeResult(name = "risk", type = Table.class, description = "As gd:Detect."),
            @DescribeResult(name = "ecological", type = Table.class, description = "As gd:Detect."),
            @DescribeResult(name = "discretization", type = Table.class, description = "Continuous factors: factor, "
                    + "method (NATURAL_BINNED: natural breaks of the values moved to their 2^-11-relative key bucket), "
                    + "k, classes, q, breaks, counts."),
            @DescribeResult(name = "conventions", type = Table.class, description = "The options in force (name, "
                    + "value, meaning)."),
            @DescribeResult(name = "dropped", type = Integer.class, description = "Pixels where Y or a factor is "
                    + "nodata or not finite."),
            @DescribeResult(name = "workbook", type = org.esvflow.process.Document.class, description = "geodetector.xlsx."),
            @DescribeResult(name = "qChart", type = org.esvflow.process.Document.class, description = "q_bar.png."),
            @DescribeResult(name = "interactionChart", type = org.esvflow.process.Document.class,
                    description = "interaction_heatmap.png.")})
    public Map<String, Object> execute(
            @DescribeParameter(name = "y", description = "Raster of the explained variable Y (band 1).") GridCoverage2D y,
            @DescribeParameter(name = "factors", collectionType = GridCoverage2D.class, max = 64, description = "Factor "
                    + "rasters on Y's grid (band 1).") List<GridCoverage2D> factors,
            @DescribeParameter(name = "factorNames", description = "Comma-separated names, one per factor raster.")
            String factorNames,
            @DescribeParameter(name = "categorical", min = 0, description = "Comma-separated names of the categorical "
                    + "factors (stratified by value); the others are continuous and discretized.") String categorical,
            @DescribeParameter(name = "discretization", min = 0, defaultValue = "QUANTILE", description = "EQUAL, "
                    + "QUANTILE or NATURAL (float32 and 8/16-bit factors; see the process description for when it is "
                    + "exact and its bound otherwise), for every continuous factor.") String discretization,
            @DescribeParameter(name = "classes", min = 0, defaultValue = "5", description = "Number of classes k.") Integer classes,
            @DescribeParameter(name = "singletons", min = 0, defaultValue = "KEEP", description = "As gd:Detect.") Singletons singletons,
            @DescribeParameter(name = "variance", min = 0, defaultValue = "SAMPLE", description = "As gd:Detect.") Variance variance,
            @DescribeParameter(name = "alpha", min = 0, defaultValue = "0.05", description = "As gd:Detect.") Double alpha,
            @DescribeParameter(name = "ecologicalTest", min = 0, defaultValue = "TWO_SIDED", description = "As gd:Detect.")
            EcologicalTest ecologicalTest,
            @DescribeParameter(name = "independenceTolerance", min = 0, defaultValue = "1e-12", description = "As "
                    + "gd:Detect.") Double independenceTolerance,
            ProgressListener monitor) {
        if (y == null) throw new InvalidInputException("y", "is required");
        if (factors == null || factors.isEmpty()) throw new InvalidInputException("factors", "give at least one factor raster");
        List<String> names = SampleTable.names(factorNames);
        if (names.size() != factors.size()) {
            throw new InvalidInputException("factorNames", names.size() + " names for " + factors.size() + " factor rasters");
        }
        if (names.stream().distinct().count() != names.size()) throw new InvalidInputException("factorNames", "repeated name");
        List<String> catNames = SampleTable.names(categorical);
        for (String c : catNames) {
            if (!names.contains(c)) throw new InvalidInputException("categorical", "'" + c + "' is not in factorNames " + names);
        }
        String choice = discretization == null ? "QUANTILE" : discretization.trim().toUpperCase(Locale.ROOT);
        Discretization.Method method = Parameters.method(choice, "discretization");
        if (method != Discretization.Method.EQUAL && method != Discretization.Method.QUANTILE
                && method != Discretization.Method.NATURAL) {
            throw new InvalidInputException("discretization", "EQUAL, QUANTILE or NATURAL over all pixels, not " + method);
        }
        int k = Parameters.classRange(classes, 5, "classes");
        for (GridCoverage2D f : factors) Grids.requireSameGrid(y, "y", f, "factors");
        long pixels = (long) y.getRenderedImage().getWidth() * y.getRenderedImage().getHeight();
        if (pixels > Integer.MAX_VALUE) {
            throw new InvalidInputException("y", pixels + " pixels: stratum counts are 32-bit, at most " + Integer.MAX_VALUE);
        }
        double tolerance = independenceTolerance == null ? 1e-12 : independenceTolerance;
        if (!(tolerance >= 0)) throw new InvalidInputException("independenceTolerance", "must be ≥ 0");
        GeoDetectorOptions options = new GeoDetectorOptions(singletons == null ? Singletons.KEEP : singletons,
                variance == null ? Variance.SAMPLE : variance, Parameters.alpha(alpha),
                ecologicalTest == null ? EcologicalTest.TWO_SIDED : ecologicalTest, tolerance);
        int m = factors.size();
        boolean[] isCategorical = new boolean[m];
        for (int i = 0; i < m; i++) isCategorical[i] = catNames.contains(names.get(i));

        Progress.started(monitor);
        Pixels source = new Pixels(y, factors);
        // continuous factors whose values are all floats (float32, 8/16-bit integers): exact quantiles by a radix
        // select on the 32-bit keys, the top 16 bits counted in the first pass, the low 16 bits in one more pass
        // NATURAL: the same first-pass counts, with each bucket's least and greatest key, give the breaks (no more pass)
        boolean[] radix = new boolean[m], natural = new boolean[m], counted = new boolean[m];
        for (int i = 0; i < m; i++) {
            int type = factors.get(i).getRenderedImage().getSampleModel().getDataType();
            boolean floats = type == java.awt.image.DataBuffer.TYPE_FLOAT || type == java.awt.image.DataBuffer.TYPE_BYTE
                    || type == java.awt.image.DataBuffer.TYPE_SHORT || type == java.awt.image.DataBuffer.TYPE_USHORT;
            radix[i] = !isCategorical[i] && method == Discretization.Method.QUANTILE && floats;
            natural[i] = !isCategorical[i] && method == Discretization.Method.NATURAL;
            if (natural[i] && !floats) {
                throw new InvalidInputException("factors", names.get(i) + " is "
                        + (type == java.awt.image.DataBuffer.TYPE_INT ? "int32" : type == java.awt.image.DataBuffer.TYPE_DOUBLE
                        ? "float64" : "of sample type " + type) + " (not float32, 8- or 16-bit integer): NATURAL over all pixels needs those; use EQUAL or QUANTILE, or convert the raster");
            }
            counted[i] = radix[i] || natural[i];
        }
        long started = System.nanoTime();
        Ranges ranges = ranges(source, isCategorical, counted, natural, names, monitor);
        long firstPass = System.nanoTime();
        if (ranges.valid == 0) throw new InvalidInputException("y", "no pixel where Y and every factor are valid");

        // each factor's classes: categorical by value, continuous by breaks from exact global statistics; radix factors'
        // breaks either in the last pass (fused: pixels near an inner break kept aside until the pass ends) or by one
        // more counting pass before it
        double[][] codesOf = new double[m][];
        double[][] breaks = new double[m][];
        Object[][] labelsOf = new Object[m][];
        boolean[] binned = new boolean[m];
        for (int i = 0; i < m; i++) {
            if (isCategorical[i]) {
                codesOf[i] = ranges.categories[i].stream().mapToDouble(Double::doubleValue).toArray();
                labelsOf[i] = Arrays.stream(codesOf[i]).mapToObj(v -> (Object) Strata.text(v)).toArray();
            } else if (natural[i]) {
                NaturalBreaks nb = naturalBreaks(ranges.counts(i), ranges.span[i], k, ranges.min[i], ranges.max[i]);
                setBreaks(breaks, labelsOf, i, nb.breaks());
                binned[i] = !nb.exact();
                ranges.total[i] = null; // 8 + 4 MB a factor, not needed any more
                ranges.span[i] = null;
            } else if (!radix[i]) {
                double[] b = method == Discretization.Method.EQUAL
                        ? Discretization.equal(new double[] {ranges.min[i], ranges.max[i]}, k)
                        : quantileBreaks(source, i, ranges.valid, k, ranges.min[i], ranges.max[i], monitor);
                setBreaks(breaks, labelsOf, i, b);
            }
        }
        Type7 type7 = Type7.of(ranges.valid, k);
        RankBuckets[] buckets = new RankBuckets[m];
        int[] provisional = new int[m];
        long deferrable = 0;
        boolean anyRadix = false;
        for (int i = 0; i < m; i++) {
            if (radix[i]) {
                anyRadix = true;
                buckets[i] = RankBuckets.of(ranges.counts(i), type7.ranks());
                deferrable += buckets[i].inner(ranges.counts(i));
            }
            provisional[i] = radix[i] ? k : labelsOf[i].length;
        }
        int[][] pairs = GeoDetector.pairs(m);
        boolean fused = anyRadix && JointStats.cells(provisional) <= maxJointCells && deferrable <= maxDeferred
                && overlayTooLarge(provisional, pairs) < 0;
        if (anyRadix && !fused) {
            double[][] radixBreaks = radixQuantileBreaks(source, ranges, radix, buckets, type7, monitor);
            for (int i = 0; i < m; i++) if (radix[i]) setBreaks(breaks, labelsOf, i, radixBreaks[i]);
        }
        long beforeLast = System.nanoTime(), inBreakBuckets = deferrable;
        int[] counts = fused ? provisional : classes(labelsOf);
        int tooLarge = overlayTooLarge(counts, pairs);
        if (tooLarge >= 0) {
            int a = pairs[tooLarge][0], b = pairs[tooLarge][1];
            throw new InvalidInputException("factors", names.get(a) + " × " + names.get(b) + " has more than "
                    + MAX_OVERLAY_CELLS + " overlay strata (" + counts[a] + " × " + counts[b] + "): use fewer classes");
        }
        // the last pass: one joint table of all factors when it is small enough, else per factor and per pair
        Stats stats = JointStats.cells(counts) <= maxJointCells
                ? jointPass(source, isCategorical, codesOf, breaks, labelsOf, fused ? radix : new boolean[m], buckets,
                        type7, ranges, counts, pairs, monitor)
                : pairPass(source, isCategorical, codesOf, breaks, counts, pairs, monitor);
        System.getLogger(DetectRasterProcess.class.getName()).log(System.Logger.Level.DEBUG, () -> String.format(Locale.ROOT,
                "gd:DetectRaster: first pass %.1f s; breaks %s, %.1f s (%d values in break buckets, at most %d kept "
                + "aside); last pass %s %.1f s", (firstPass - started) / 1e9, fused ? "in the last pass" : "before it",
                (beforeLast - firstPass) / 1e9, inBreakBuckets, maxDeferred, JointStats.cells(counts) <= maxJointCells
                ? "joint table of " + JointStats.cells(counts) + " cells" : "per factor and pair",
                (System.nanoTime() - beforeLast) / 1e9));
        List<Object[]> labels = new ArrayList<>(Arrays.asList(labelsOf));

        // empty strata (a class of equal intervals with no pixel) are not strata
        StratumStats[] singles = new StratumStats[m];
        Table.Builder disc = Table.builder("factor", "method", "k", "classes", "q", "breaks", "counts");
        for (int i = 0; i < m; i++) {
            StratumStats s = stats.singles[i];
            List<Object> kept = new ArrayList<>();
            for (int h = 0; h < s.strata(); h++) if (s.n[h] > 0) kept.add(labels.get(i)[h]);
            singles[i] = s.nonEmpty();
            if (!isCategorical[i]) {
                disc.row(names.get(i), binned[i] ? "NATURAL_BINNED" : method.name(), k, breaks[i].length - 1,
                        FactorDetector.q(s.nonEmpty(), options.singletons()),
                        DoubleStream.of(breaks[i]).mapToObj(org.esvflow.table.Csv::format).collect(Collectors.joining(" ")),
                        OpgdTables.join(s.n));
            }
            labels.set(i, kept.toArray());
            if (singles[i].strata() < 2) throw new InvalidInputException("factors", names.get(i) + " has a single stratum");
        }
        StratumStats[] overlays = new StratumStats[pairs.length];
        for (int p = 0; p < pairs.length; p++) overlays[p] = stats.overlays[p].nonEmpty();
        GeoDetector.Report report = GeoDetector.fromStats(names, labels, singles, overlays, options);
        int dropped = (int) (pixels - ranges.valid);
        Table conventions = Table.builder("name", "value", "meaning")
                .row("pixels", ranges.valid, "pixels used (Y and every factor valid), all of them: no sampling")
                .row("dropped", dropped, "pixels where Y or a factor is nodata or not finite")
                .row("singletons", options.singletons().name(), "single-sample strata: KEEP in N and L, or DROP their samples")
                .row("variance", options.variance().name(), "σ² in λ: SAMPLE = SST/(N − 1), POPULATION = SST/N")
                .row("alpha", options.alpha(), "significance level of the factor, risk and ecological tests")
                .row("ecologicalTest", options.ecologicalTest().name(), "as gd:Detect")
                .row("independenceTolerance", options.independenceTolerance(), "Independent when |q12 − (q1 + q2)| ≤ this")
                .row("riskTest", "WELCH", "two-sided Welch t test, Welch–Satterthwaite df")
                .row("discretization", method.name() + " k " + k, "continuous factors, from exact global statistics; "
                        + "intervals right-closed, lowest value included")
                .build();
        boolean anyContinuous = false;
        for (boolean c : isCategorical) anyContinuous |= !c;
        DetectProcess.Detection detection = DetectProcess.withDocuments(new DetectProcess.Detection(report.factor(),
                report.interaction(), report.riskMeans(), report.risk(), report.ecological(),
                anyContinuous ? disc.build() : null, null, conventions, dropped, null, null, null));
        Progress.completed(monitor);
        Map<String, Object> results = Results.of(detection);
        results.remove("opgdGrid");
        return results;
    }

    /** Natural breaks of a factor, and whether they are exact (every first-pass bucket held one distinct value). */
    record NaturalBreaks(double[] breaks, boolean exact) {}

    /**
     * Fisher–Jenks natural breaks ({@link FisherJenks}, exact least within-class sum of squares) on the non-empty
     * first-pass key buckets, each weighted by its count and standing at the midpoint of the least and greatest value
     * seen in it. Breaks: the minimum, then the greatest value of each class's last bucket, then the maximum, so
     * that classifying the pixels by them gives exactly the bucket partition. Exact natural breaks over all pixels
     * when every bucket holds one distinct value (always so for integers of magnitude below 4096, hence every 8-bit
     * raster; and for any raster with few distinct values); otherwise each value is moved, before the optimisation,
     * to its bucket's midpoint: by less than one bucket, 2^12 float ulps, ≤ 2^−11 ≈ 4.9e−4 of its magnitude, and
     * classes cannot split a bucket.
     */
    static NaturalBreaks naturalBreaks(long[] counts, int[] span, int k, double min, double max) {
        int mask = (1 << LOW_BITS) - 1, m = 0;
        for (long c : counts) if (c > 0) m++;
        double[] mid = new double[m], top = new double[m];
        long[] weight = new long[m];
        boolean exact = true;
        for (int j = 0, d = 0; j < counts.length; j++) {
            if (counts[j] == 0) continue;
            int lo = span[j] & mask, hi = span[j] >>> LOW_BITS;
            exact &= lo == hi;
            double a = value32(j << LOW_BITS | lo), b = value32(j << LOW_BITS | hi);
            mid[d] = a + (b - a) / 2; // a ≤ mid ≤ b: ascending across buckets
            top[d] = b;
            weight[d++] = counts[j];
        }
        FisherJenks jenks = FisherJenks.ofDistinct(mid, weight, k);
        int classes = jenks.maxClasses();
        double[] at = jenks.breaks(classes); // values[last index of each class], found back by position in mid
        double[] b = new double[classes + 1];
        b[0] = min;
        for (int c = 1; c < classes; c++) b[c] = top[Arrays.binarySearch(mid, at[c])];
        b[classes] = max;
        return new NaturalBreaks(b, exact);
    }

    /** Sets factor i's breaks (repeated ones merged; a single value makes one class) and its class labels. */
    static void setBreaks(double[][] breaks, Object[][] labels, int i, double[] raw) {
        double[] b = Discretization.unique(raw);
        if (b.length == 1) b = new double[] {b[0], b[0]};
        breaks[i] = b;
        labels[i] = Discretization.labels(b);
    }

    static int[] classes(Object[][] labels) {
        int[] c = new int[labels.length];
        for (int i = 0; i < c.length; i++) c[i] = labels[i].length;
        return c;
    }

    /** The first pair whose overlay has more than {@link #MAX_OVERLAY_CELLS} cells, −1 if none. */
    static int overlayTooLarge(int[] counts, int[][] pairs) {
        for (int p = 0; p < pairs.length; p++) {
            if ((long) counts[pairs[p][0]] * counts[pairs[p][1]] > MAX_OVERLAY_CELLS) return p;
        }
        return -1;
    }

    /**
     * Last pass when the joint table is too large: per block, each factor's strata (two passes over Y) and the pair
     * overlays of each factor a with all b &gt; a in one pass, shifted by a's stratum means in the block.
     */
    static Stats pairPass(Pixels source, boolean[] isCategorical, double[][] codesOf, double[][] breaks, int[] counts,
                          int[][] pairs, ProgressListener monitor) {
        int m = counts.length;
        return Blocks.reduce(source.inputs, monitor, 50f, 95f, () -> Stats.empty(counts, pairs), (acc, bounds, rasters) -> {
            Block block = source.read(bounds, rasters);
            if (block.n == 0) return;
            int[][] codes = new int[m][];
            for (int i = 0; i < m; i++) codes[i] = codes(block.factor[i], isCategorical[i] ? codesOf[i] : null, breaks[i]);
            StratumStats[] own = new StratumStats[m];
            for (int i = 0; i < m; i++) {
                own[i] = StratumStats.of(block.y, codes[i], counts[i]);
                acc.singles[i].merge(own[i]);
            }
            for (int a = 0, p = 0; a < m - 1; a++) {
                int[][] others = Arrays.copyOfRange(codes, a + 1, m);
                int[] widths = Arrays.copyOfRange(counts, a + 1, m);
                StratumStats[] grids = StratumStats.grids(block.y, codes[a], own[a].mean, counts[a], others, widths);
                for (StratumStats g : grids) acc.overlays[p++].merge(g);
            }
        }, Stats::merge);
    }

    /**
     * Last pass into one joint table of all factors ({@link JointStats}): per pixel one cell, Σ code_f · stride_f. Factors
     * marked {@code fused} (radix QUANTILE factors whose breaks are not known yet) are coded by their first-pass key
     * bucket against the buckets of the inner breaks' ranks: below or above each break for certain, or in a break's
     * bucket, and then the pixel is kept aside (Y, its cell without that factor, the factor's value). When the pass
     * ends, the values kept aside are all the values in those buckets, so they give the exact order statistics; the
     * certain codes (r = number of inner breaks below) are mapped to the classes of the merged breaks, and the pixels
     * kept aside are classified by value and added. Sets the breaks and labels of the fused factors.
     */
    static Stats jointPass(Pixels source, boolean[] isCategorical, double[][] codesOf, double[][] breaks,
                           Object[][] labelsOf, boolean[] fused, RankBuckets[] buckets, Type7 type7, Ranges ranges,
                           int[] counts, int[][] pairs, ProgressListener monitor) {
        int m = counts.length, k = type7.h().length - 1;
        // per fused factor and first-pass key bucket: the number of inner breaks certainly below the bucket's values,
        // or −1 if the bucket holds the rank of an inner break (lower or upper rank of its type 7 pair, or between)
        byte[][] codeOfBucket = new byte[m][];
        for (int f = 0; f < m; f++) {
            if (!fused[f]) continue;
            byte[] table = new byte[1 << TOP_BITS];
            for (int i = 1; i < k; i++) {
                int lo = buckets[f].bucket()[2 * i], hi = buckets[f].bucket()[2 * i + 1];
                for (int b = hi + 1; b < table.length; b++) if (table[b] >= 0) table[b]++;
                for (int b = lo; b <= hi; b++) table[b] = -1;
            }
            codeOfBucket[f] = table;
        }
        JointAcc all = Blocks.reduce(source.inputs, monitor, 20f, 95f, () -> new JointAcc(counts), (acc, bounds, rasters) -> {
            Block block = source.read(bounds, rasters);
            int n = block.n;
            if (n == 0) return;
            acc.ensure(n);
            int[] cell = acc.cell;
            long[] aside = acc.aside;
            Arrays.fill(cell, 0, n, 0);
            Arrays.fill(aside, 0, n, 0);
            boolean any = false;
            for (int f = 0; f < m; f++) {
                int stride = acc.joint.stride[f];
                double[] v = block.factor[f];
                if (fused[f]) {
                    // the code of the value's key bucket; in a break's bucket: coded 0 here and kept aside
                    byte[] table = codeOfBucket[f];
                    long bit = 1L << f;
                    for (int j = 0; j < n; j++) {
                        int r = table[key32((float) v[j]) >>> LOW_BITS];
                        if (r < 0) {
                            aside[j] |= bit;
                            any = true;
                        } else {
                            cell[j] += r * stride;
                        }
                    }
                } else {
                    int[] c = codes(v, isCategorical[f] ? codesOf[f] : null, breaks[f]);
                    for (int j = 0; j < n; j++) cell[j] += c[j] * stride;
                }
            }
            if (!any) {
                acc.joint.add(block.y, cell, n);
                return;
            }
            int kept = 0;
            for (int j = 0; j < n; j++) {
                if (aside[j] == 0) {
                    acc.y[kept] = block.y[j];
                    acc.cell[kept++] = cell[j]; // kept ≤ j: overwrites only cells already read
                } else {
                    acc.deferred.get(0).add(block.y[j], cell[j], aside[j], block.factor, j);
                }
            }
            acc.joint.add(acc.y, acc.cell, kept);
        }, JointAcc::merge);

        // the fused factors' exact breaks, and each certain code r's class among the merged breaks
        int[][] map = new int[m][];
        List<Deferred> late = all.deferred;
        for (int f = 0; f < m; f++) {
            if (!fused[f]) {
                map[f] = identity(counts[f]);
                continue;
            }
            double[] raw = type7.breaks(Deferred.orderStatistics(late, f, ranges, buckets[f], type7));
            setBreaks(breaks, labelsOf, f, raw);
            map[f] = new int[k];
            for (int r = 0; r < k; r++) map[f][r] = Discretization.unique(Arrays.copyOf(raw, r + 1)).length - 1;
        }
        int[] classes = classes(labelsOf);
        Stats out = Stats.empty(classes, pairs);
        all.joint.marginals(map, pairs, out.singles(), out.overlays());
        // the pixels kept aside, row of blocks by row: their cells among the final classes
        JointStats table = new JointStats(classes);
        for (Deferred chunk : late) {
            if (chunk.size == 0) continue;
            int[] cell = new int[chunk.size];
            for (int d = 0; d < chunk.size; d++) {
                int c = chunk.cell[d];
                for (int f = 0; f < m; f++) {
                    cell[d] += map[f][c / all.joint.stride[f] % counts[f]] * table.stride[f]; // aside in f: r = 0 → 0
                }
            }
            for (int f = 0; f < m; f++) {
                if (!fused[f]) continue;
                double[] values = new double[chunk.count[f]];
                for (int e = 0; e < values.length; e++) values[e] = chunk.value[f][e];
                int[] c = codes(values, null, breaks[f]);
                for (int e = 0; e < c.length; e++) cell[chunk.pixel[f][e]] += c[e] * table.stride[f];
            }
            table.add(chunk.y, cell, chunk.size);
        }
        int[][] identity = new int[m][];
        for (int f = 0; f < m; f++) identity[f] = identity(classes[f]);
        table.marginals(identity, pairs, out.singles(), out.overlays());
        return out;
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    /** One row of blocks of {@link #jointPass}: the joint table, the pixels kept aside, and block scratch. */
    static final class JointAcc {
        final JointStats joint;
        /** The pixels kept aside, one chunk per row of blocks, in row order. */
        final List<Deferred> deferred = new ArrayList<>();
        int[] cell = new int[0];
        long[] aside = new long[0];
        double[] y = new double[0];

        JointAcc(int[] counts) {
            joint = new JointStats(counts);
            deferred.add(new Deferred(counts.length));
        }

        void ensure(int n) {
            if (cell.length >= n) return;
            cell = new int[n];
            aside = new long[n];
            y = new double[n];
        }

        JointAcc merge(JointAcc later) {
            joint.merge(later.joint);
            deferred.addAll(later.deferred);
            return this;
        }
    }

    /**
     * Pixels kept aside by {@link #jointPass}: Y and the joint cell of the certain codes of each, and per fused factor
     * the pixels (indices) and values that fell in an inner break's bucket.
     */
    static final class Deferred {
        int size;
        double[] y = new double[64];
        int[] cell = new int[64];
        final int[] count;
        final int[][] pixel;
        /** Values of radix factors: exact as floats. */
        final float[][] value;

        Deferred(int m) {
            count = new int[m];
            pixel = new int[m][];
            value = new float[m][];
        }

        void add(double yv, int c, long factors, double[][] values, int j) {
            if (size == y.length) {
                y = Arrays.copyOf(y, 2 * size);
                cell = Arrays.copyOf(cell, 2 * size);
            }
            for (long bits = factors; bits != 0; bits &= bits - 1) {
                int f = Long.numberOfTrailingZeros(bits);
                put(f, size, values[f][j]);
            }
            y[size] = yv;
            cell[size++] = c;
        }

        private void put(int f, int at, double v) {
            if (pixel[f] == null) {
                pixel[f] = new int[64];
                value[f] = new float[64];
            } else if (count[f] == pixel[f].length) {
                pixel[f] = Arrays.copyOf(pixel[f], 2 * count[f]);
                value[f] = Arrays.copyOf(value[f], 2 * count[f]);
            }
            pixel[f][count[f]] = at;
            value[f][count[f]++] = (float) v;
        }

        /**
         * The values at type 7's ranks of fused factor f: min and max for the outer breaks; for the inner ones, rank
         * − below in the sorted values of the rank's bucket, all of which are here.
         */
        static double[] orderStatistics(List<Deferred> chunks, int f, Ranges ranges, RankBuckets rb, Type7 type7) {
            long[] ranks = type7.ranks();
            int r = ranks.length;
            double[] at = new double[r];
            at[0] = at[1] = value32(key32((float) ranges.min[f]));
            at[r - 2] = at[r - 1] = value32(key32((float) ranges.max[f]));
            long[] histogram = ranges.counts(f);
            java.util.Map<Integer, float[]> sorted = new java.util.HashMap<>();
            for (int t = 2; t < r - 2; t++) {
                float[] values = sorted.computeIfAbsent(rb.bucket()[t], b -> {
                    float[] in = new float[(int) histogram[b]];
                    int size = 0;
                    for (Deferred chunk : chunks) {
                        for (int e = 0; e < chunk.count[f]; e++) {
                            int key = key32(chunk.value[f][e]);
                            if (key >>> LOW_BITS != b) continue;
                            if (size == in.length) throw new IllegalStateException("bucket " + b + ": more values than counted");
                            in[size++] = value32(key);
                        }
                    }
                    if (size != in.length) throw new IllegalStateException("bucket " + b + ": " + size + " values, counted " + in.length);
                    Arrays.sort(in);
                    return in;
                });
                at[t] = values[(int) (ranks[t] - rb.below()[t])];
            }
            return at;
        }
    }

    /**
     * Where given ranks fall in a histogram of key buckets (the first pass's): each rank's bucket and the count of
     * values in lower buckets.
     */
    record RankBuckets(int[] bucket, long[] below) {
        static RankBuckets of(long[] counts, long[] ranks) {
            int[] bucket = new int[ranks.length];
            long[] below = new long[ranks.length];
            for (int t = 0; t < ranks.length; t++) {
                long cum = 0;
                int j = 0;
                while (cum + counts[j] <= ranks[t]) cum += counts[j++];
                bucket[t] = j;
                below[t] = cum;
            }
            return new RankBuckets(bucket, below);
        }

        /** Values in the buckets of the inner breaks' ranks (all but the first two and last two), each bucket once. */
        long inner(long[] counts) {
            return Arrays.stream(bucket, 2, bucket.length - 2).distinct().mapToLong(b -> counts[b]).sum();
        }
    }

    /** Each valid pixel's stratum index: by position in the sorted codes, or by class of the breaks. */
    static int[] codes(double[] values, double[] categories, double[] breaks) {
        if (categories == null) {
            // right-closed classes, lowest value included: the class is the count of inner breaks below the value
            // (as Discretization.classify finds it by binary search), counted break by break without branches
            int[] c = new int[values.length];
            double lo = breaks[0], hi = breaks[breaks.length - 1];
            for (double x : values) if (!(x >= lo && x <= hi)) throw new IllegalStateException("value outside its breaks");
            for (int b = 1; b < breaks.length - 1; b++) {
                double at = breaks[b];
                for (int j = 0; j < c.length; j++) c[j] += values[j] > at ? 1 : 0;
            }
            return c;
        }
        int[] c = new int[values.length];
        boolean distinct = true;
        for (int h = 1; h < categories.length; h++) distinct &= categories[h] != categories[h - 1]; // −0 and 0
        if (categories.length > 16 || !distinct) {
            for (int j = 0; j < c.length; j++) c[j] = Arrays.binarySearch(categories, values[j]);
            return c;
        }
        // a few categories: a value's index is the count of categories below it, counted without branches
        for (int h = 1; h < categories.length; h++) {
            double at = categories[h];
            for (int j = 0; j < c.length; j++) c[j] += values[j] >= at ? 1 : 0;
        }
        return c;
    }

    /** The inputs and their nodata values; reads the valid pixels of one block. */
    static final class Pixels {
        final List<GridCoverage2D> inputs = new ArrayList<>();
        final double[] nodata;
        /**
         * Each block's validity once read (index: block row · columns + block column): 0 not read yet, 1 every pixel
         * valid, 2 some invalid, then {@link #masks} holds one bit a pixel (row-major), so later passes skip the checks.
         * Each block is read by one thread at a time, and passes are separated by the join of {@link Blocks#reduce}.
         */
        private final byte[] state;
        private final long[][] masks;
        private final int columns;

        Pixels(GridCoverage2D y, List<GridCoverage2D> factors) {
            inputs.add(y);
            inputs.addAll(factors);
            nodata = inputs.stream().mapToDouble(Rasters::nodata).toArray();
            java.awt.image.RenderedImage image = y.getRenderedImage();
            columns = (image.getWidth() + Blocks.BLOCK - 1) / Blocks.BLOCK;
            int blocks = columns * ((image.getHeight() + Blocks.BLOCK - 1) / Blocks.BLOCK);
            state = new byte[blocks];
            masks = new long[blocks][];
        }

        /** Per thread: one array per input, reused block after block (a block is only used while it is visited). */
        private final ThreadLocal<double[][]> buffers = ThreadLocal.withInitial(() -> new double[inputs.size()][]);

        /**
         * The valid pixels of one block, arrays of exactly n: this thread's own arrays when the block is a whole one and
         * all valid (so only until the thread reads its next block), else copies.
         */
        Block read(Rectangle b, Raster[] rasters) {
            int m = rasters.length - 1;
            double[][] v = buffers.get();
            int size = b.width * b.height;
            int block = b.y / Blocks.BLOCK * columns + b.x / Blocks.BLOCK;
            boolean first = state[block] == 0;
            boolean[] ok = first ? new boolean[size] : null;
            if (first) Arrays.fill(ok, true);
            for (int i = 0; i <= m; i++) {
                double[] vi = v[i] = Samples.doubles(rasters[i], b.x, b.y, b.width, b.height, 0, v[i]);
                if (!first) continue;
                // first read of the block, raster by raster while in cache: finite (x − x is NaN for NaN and ±∞) and
                // not nodata
                double nd = nodata[i];
                for (int j = 0; j < size; j++) {
                    double x = vi[j];
                    if (x - x != 0 || x == nd) ok[j] = false;
                }
            }
            if (first) {
                long[] bits = new long[(size + 63) >>> 6];
                boolean all = true;
                for (int j = 0; j < size; j++) {
                    if (ok[j]) bits[j >>> 6] |= 1L << j;
                    else all = false;
                }
                masks[block] = all ? null : bits;
                state[block] = (byte) (all ? 1 : 2);
            }
            long[] mask;
            mask = masks[block];
            int n = 0;
            if (mask == null) {
                n = size;
            } else {
                for (long word : mask) n += Long.bitCount(word);
            }
            if (n == v[0].length) return new Block(n, v[0], Arrays.copyOfRange(v, 1, m + 1)); // all valid: no copy
            // the valid pixels first, in place, then arrays of exactly n
            double[][] kept = new double[m + 1][];
            for (int i = 0; i <= m; i++) {
                double[] vi = v[i];
                if (mask != null) for (int j = 0, t = 0; j < size; j++) if ((mask[j >>> 6] & 1L << j) != 0) vi[t++] = vi[j];
                kept[i] = Arrays.copyOf(vi, n);
            }
            return new Block(n, kept[0], Arrays.copyOfRange(kept, 1, m + 1));
        }
    }

    /** The valid pixels of one block: Y and each factor, in the same order. */
    record Block(int n, double[] y, double[][] factor) {}

    /** First pass: valid pixel count, min and max of every factor, distinct values of categorical factors. */
    static final class Ranges {
        long valid;
        final double[] min, max;
        final TreeSet<Double>[] categories;
        /** Categorical factors: which integer codes 0..65535 this row of blocks has seen. */
        final boolean[][] small;
        /**
         * Radix factors: valid values counted by the top {@link #TOP_BITS} bits of their 32-bit key (see
         * {@link #key32}), as ints per row of blocks, then summed as longs in {@link #total}.
         */
        final int[][] top;
        final long[][] total;
        /**
         * NATURAL factors: per bucket, the low {@link #LOW_BITS} bits of the least and the greatest key seen (least in
         * bits 0–11, greatest in bits 12–23); meaningful where the bucket's count is not 0.
         */
        final int[][] span;

        @SuppressWarnings("unchecked")
        Ranges(int m) {
            top = new int[m][];
            total = new long[m][];
            span = new int[m][];
            min = new double[m];
            max = new double[m];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            categories = new TreeSet[m];
            small = new boolean[m][];
        }

        Ranges merge(Ranges o) {
            valid += o.valid;
            for (int i = 0; i < min.length; i++) {
                min[i] = Math.min(min[i], o.min[i]);
                max[i] = Math.max(max[i], o.max[i]);
                if (categories[i] != null) categories[i].addAll(o.categories[i]);
                if (top[i] == null && total[i] == null) continue;
                long[] sum = counts(i);
                if (span[i] != null) mergeSpans(span[i], sum, o.span[i], o.top[i], o.total[i]);
                if (o.total[i] != null) {
                    for (int j = 0; j < sum.length; j++) sum[j] += o.total[i][j];
                } else if (o.min[i] <= o.max[i]) {
                    // a row's counts lie between the buckets of its min and max: only those are added
                    int from = key32((float) o.min[i]) >>> LOW_BITS, to = key32((float) o.max[i]) >>> LOW_BITS;
                    for (int j = from; j <= to; j++) sum[j] += o.top[i][j];
                }
            }
            return this;
        }

        /** Unites the per-bucket key spans of a later row into {@code span} (counts not yet added). */
        static void mergeSpans(int[] span, long[] sum, int[] later, int[] laterTop, long[] laterTotal) {
            int mask = (1 << LOW_BITS) - 1;
            for (int j = 0; j < span.length; j++) {
                long c = laterTotal != null ? laterTotal[j] : laterTop[j];
                if (c == 0) continue;
                if (sum[j] == 0) {
                    span[j] = later[j];
                } else {
                    int lo = Math.min(span[j] & mask, later[j] & mask), hi = Math.max(span[j] >>> LOW_BITS, later[j] >>> LOW_BITS);
                    span[j] = lo | hi << LOW_BITS;
                }
            }
        }

        /** The counts by key bucket of radix factor i. */
        long[] counts(int i) {
            if (total[i] == null) {
                total[i] = new long[top[i].length];
                for (int j = 0; j < top[i].length; j++) total[i][j] = top[i][j];
                top[i] = null;
            }
            return total[i];
        }
    }

    /**
     * The first pass. {@code radix}: factors whose keys are counted by bucket; {@code spans}: those (among them) whose
     * least and greatest key per bucket are kept too (NATURAL).
     */
    static Ranges ranges(Pixels source, boolean[] isCategorical, boolean[] radix, boolean[] spans, List<String> names,
                         ProgressListener monitor) {
        int m = isCategorical.length;
        return Blocks.reduce(source.inputs, monitor, 0f, 20f, () -> {
            Ranges r = new Ranges(m);
            for (int i = 0; i < m; i++) {
                if (isCategorical[i]) {
                    r.categories[i] = new TreeSet<>();
                    r.small[i] = new boolean[1 << 16];
                }
                if (radix[i]) r.top[i] = new int[1 << TOP_BITS];
                if (spans[i]) r.span[i] = new int[1 << TOP_BITS];
            }
            return r;
        }, (r, bounds, rasters) -> {
            Block block = source.read(bounds, rasters);
            r.valid += block.n;
            for (int i = 0; i < m; i++) {
                double lo = r.min[i], hi = r.max[i];
                int[] top = r.top[i], span = r.span[i];
                if (span != null) {
                    // NATURAL factors: also the least and greatest low key bits seen in each bucket
                    int mask = (1 << LOW_BITS) - 1;
                    for (double v : block.factor[i]) {
                        lo = v < lo ? v : lo;
                        hi = v > hi ? v : hi;
                        int key = key32((float) v), b = key >>> LOW_BITS, low = key & mask;
                        if (top[b]++ == 0) {
                            span[b] = low | low << LOW_BITS;
                        } else {
                            int s = span[b], sLo = s & mask, sHi = s >>> LOW_BITS;
                            if (low < sLo || low > sHi) span[b] = Math.min(sLo, low) | Math.max(sHi, low) << LOW_BITS;
                        }
                    }
                } else if (top != null) {
                    // radix factors: min, max and the count of the value's key bucket in one loop
                    for (double v : block.factor[i]) {
                        lo = v < lo ? v : lo;
                        hi = v > hi ? v : hi;
                        top[key32((float) v) >>> LOW_BITS]++;
                    }
                } else {
                    for (double v : block.factor[i]) {
                        if (v < lo) lo = v;
                        if (v > hi) hi = v;
                    }
                }
                r.min[i] = lo;
                r.max[i] = hi;
                if (isCategorical[i]) {
                    // the block's distinct values by a sorted primitive array (classes come in runs), then the set
                    double[] seen = new double[16];
                    int size = 0;
                    double last = Double.NaN;
                    boolean[] small = r.small[i];
                    for (double v : block.factor[i]) {
                        if (v == last) continue;
                        last = v;
                        // codes 0..65535 (not −0) by a flag each; others by binary search
                        int code = (int) v;
                        if (code == v && code >= 0 && code < small.length && (code != 0 || Double.doubleToRawLongBits(v) == 0)) {
                            if (!small[code]) {
                                small[code] = true;
                                r.categories[i].add(v);
                            }
                            continue;
                        }
                        int at = Arrays.binarySearch(seen, 0, size, v);
                        if (at >= 0) continue;
                        if (size == MAX_CATEGORIES + 1) break; // too many: reported below
                        if (size == seen.length) seen = Arrays.copyOf(seen, size * 2);
                        at = -at - 1;
                        System.arraycopy(seen, at, seen, at + 1, size - at);
                        seen[at] = v;
                        size++;
                    }
                    for (int j = 0; j < size; j++) r.categories[i].add(seen[j]);
                }
                if (isCategorical[i] && r.categories[i].size() > MAX_CATEGORIES) {
                    throw new InvalidInputException("categorical", names.get(i) + " has more than " + MAX_CATEGORIES
                            + " distinct values: list it as continuous");
                }
            }
        }, Ranges::merge);
    }

    /**
     * An order-preserving map of floats (no NaN) to unsigned 32-bit keys: a &lt; b ⇔ key32(a) &lt; key32(b) unsigned;
     * −0 and +0 are one key.
     */
    static int key32(float v) {
        int bits = Float.floatToRawIntBits(v + 0f); // −0 + 0 = +0; raw: NaN never gets here
        return (bits ^ ((bits >> 31) & Integer.MAX_VALUE)) ^ Integer.MIN_VALUE;
    }

    /** The inverse of {@link #key32}. */
    static float value32(int key) {
        int bits = key ^ Integer.MIN_VALUE;
        return Float.intBitsToFloat(bits ^ ((bits >> 31) & Integer.MAX_VALUE));
    }

    /**
     * R type 7 quantile breaks of every radix factor (values exact as floats) at i/k, from exact order statistics by
     * a radix select on {@link #key32}: the first pass counted the top {@link #TOP_BITS} bits (the bucket of each
     * wanted rank and the count below it follow, {@code buckets}); one more pass, shared by every factor, counts the
     * low bits of the values in those buckets. Null for the other factors.
     */
    static double[][] radixQuantileBreaks(Pixels source, Ranges ranges, boolean[] radix, RankBuckets[] rankBuckets,
                                          Type7 type7, ProgressListener monitor) {
        int m = radix.length;
        double[][] out = new double[m][];
        long[] ranks = type7.ranks();
        int r = ranks.length;
        // per factor: the distinct buckets of the wanted ranks, and each bucket's index among them (−1: not wanted)
        int[][] buckets = new int[m][];
        int[][] slot = new int[m][];
        for (int f = 0; f < m; f++) {
            if (!radix[f]) continue;
            buckets[f] = Arrays.stream(rankBuckets[f].bucket()).distinct().sorted().toArray();
            slot[f] = new int[1 << TOP_BITS];
            Arrays.fill(slot[f], -1);
            for (int u = 0; u < buckets[f].length; u++) slot[f][buckets[f][u]] = u;
        }
        int lowMask = (1 << LOW_BITS) - 1;
        long[][][] low = Blocks.reduce(source.inputs, monitor, 20f, 50f, () -> {
            long[][][] acc = new long[m][][];
            for (int f = 0; f < m; f++) if (radix[f]) acc[f] = new long[buckets[f].length][1 << LOW_BITS];
            return acc;
        }, (acc, bounds, rasters) -> {
            Block block = source.read(bounds, rasters);
            for (int f = 0; f < m; f++) {
                if (!radix[f]) continue;
                int[] index = slot[f];
                long[][] counts = acc[f];
                for (double v : block.factor[f]) {
                    int key = key32((float) v);
                    int b = index[key >>> LOW_BITS];
                    if (b >= 0) counts[b][key & lowMask]++;
                }
            }
        }, (a, b) -> {
            for (int f = 0; f < m; f++) {
                if (a[f] == null) continue;
                for (int u = 0; u < a[f].length; u++) for (int j = 0; j < a[f][u].length; j++) a[f][u][j] += b[f][u][j];
            }
            return a;
        });
        for (int f = 0; f < m; f++) {
            if (!radix[f]) continue;
            double[] at = new double[r];
            for (int t = 0; t < r; t++) {
                int bucket = rankBuckets[f].bucket()[t];
                long[] counts = low[f][Arrays.binarySearch(buckets[f], bucket)];
                long cum = rankBuckets[f].below()[t];
                int j = 0;
                while (cum + counts[j] <= ranks[t]) cum += counts[j++];
                at[t] = value32(bucket << LOW_BITS | j);
            }
            out[f] = type7.breaks(at);
        }
        return out;
    }

    /**
     * R type 7 quantile breaks of factor {@code i} at i/k, from exact order statistics: the ranks ⌊h⌋ and ⌊h⌋ + 1
     * (0-based, h = (n − 1)·i/k) of the valid values, as {@link Discretization#quantile} takes them from a sorted array.
     */
    double[] quantileBreaks(Pixels source, int factor, long n, int k, double min, double max, ProgressListener monitor) {
        Type7 type7 = Type7.of(n, k);
        return type7.breaks(orderStatistics(source, factor, type7.ranks(), min, max, monitor));
    }

    /**
     * R type 7 quantiles at i/k, i = 0..k, of n sorted values: positions h = (n − 1)·i/k and the two ranks each lies
     * between, ⌊h⌋ and ⌊h⌋ + 1 (0-based, clipped to n − 1), at indices 2i and 2i + 1 of {@code ranks}.
     */
    record Type7(long n, double[] h, long[] ranks) {
        static Type7 of(long n, int k) {
            long[] ranks = new long[2 * (k + 1)];
            double[] h = new double[k + 1];
            for (int i = 0; i <= k; i++) {
                h[i] = (n - 1) * ((double) i / k);
                long lo = (long) Math.floor(h[i]);
                ranks[2 * i] = lo;
                ranks[2 * i + 1] = Math.min(n - 1, lo + 1);
            }
            return new Type7(n, h, ranks);
        }

        /** The k + 1 breaks from the values at {@link #ranks}, interpolated linearly between each pair. */
        double[] breaks(double[] at) {
            double[] b = new double[h.length];
            for (int i = 0; i < h.length; i++) {
                long lo = ranks[2 * i];
                double frac = h[i] - lo;
                b[i] = lo + 1 < n ? at[2 * i] + frac * (at[2 * i + 1] - at[2 * i]) : at[2 * i];
            }
            return b;
        }
    }

    /** An order-preserving map of doubles (no NaN) to longs: a < b ⇔ key(a) < key(b). */
    static long key(double v) {
        long bits = Double.doubleToLongBits(v == 0 ? 0.0 : v);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE); // negatives: magnitude bits reversed
    }

    /** The inverse of {@link #key} (the map is its own inverse on the bits). */
    static double value(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }

    /**
     * The values of the given 0-based ranks among the valid values of factor {@code i}, exactly: every rank keeps a key
     * interval [lo, hi] holding it and the count of values below lo; each pass counts the values in each interval in
     * {@link #BINS} bins of equal key width and narrows to the bin where the rank falls, until the bin is one key.
     */
    double[] orderStatistics(Pixels source, int factor, long[] ranks, double min, double max, ProgressListener monitor) {
        int r = ranks.length;
        long[] lo = new long[r], hi = new long[r], below = new long[r];
        Arrays.fill(lo, key(min));
        Arrays.fill(hi, key(max));
        double[] out = new double[r];
        boolean[] done = new boolean[r];
        for (int pass = 0; pass < 8; pass++) {
            long[] width = new long[r];
            for (int t = 0; t < r; t++) width[t] = Math.max(1, Long.divideUnsigned(hi[t] - lo[t], BINS) + 1);
            long[][] counts = Blocks.reduce(source.inputs, monitor, 20f + 4 * pass, 24f + 4 * pass, () -> new long[r][],
                    (acc, bounds, rasters) -> {
                        Block block = source.read(bounds, rasters);
                        for (int t = 0; t < r; t++) {
                            if (done[t]) continue;
                            if (acc[t] == null) acc[t] = new long[BINS + 1];
                            for (double v : block.factor[factor]) {
                                long kv = key(v);
                                if (kv < lo[t] || kv > hi[t]) continue;
                                acc[t][(int) Long.divideUnsigned(kv - lo[t], width[t])]++;
                            }
                        }
                    }, (a, b) -> {
                        for (int t = 0; t < r; t++) {
                            if (a[t] == null) a[t] = b[t];
                            else if (b[t] != null) for (int j = 0; j < a[t].length; j++) a[t][j] += b[t][j];
                        }
                        return a;
                    });
            boolean all = true;
            for (int t = 0; t < r; t++) {
                if (done[t]) continue;
                long cum = below[t];
                int j = 0;
                while (cum + counts[t][j] <= ranks[t]) cum += counts[t][j++];
                below[t] = cum;
                lo[t] = lo[t] + j * width[t];
                if (width[t] == 1) {
                    out[t] = value(lo[t]);
                    done[t] = true;
                } else {
                    // the last bin may be narrower: hi stays where it was (distances are unsigned)
                    if (Long.compareUnsigned(width[t] - 1, hi[t] - lo[t]) < 0) hi[t] = lo[t] + width[t] - 1;
                    all = false;
                }
            }
            if (all) return out;
        }
        throw new IllegalStateException("order statistics did not converge");
    }

    /** Per-stratum statistics of every factor and every pair overlay (dense cells a · L_b + b). */
    record Stats(StratumStats[] singles, StratumStats[] overlays) {
        static Stats empty(int[] counts, int[][] pairs) {
            StratumStats[] s = new StratumStats[counts.length];
            for (int i = 0; i < s.length; i++) s[i] = StratumStats.empty(counts[i]);
            StratumStats[] o = new StratumStats[pairs.length];
            for (int p = 0; p < o.length; p++) o[p] = StratumStats.empty(counts[pairs[p][0]] * counts[pairs[p][1]]);
            return new Stats(s, o);
        }

        Stats merge(Stats later) {
            for (int i = 0; i < singles.length; i++) singles[i].merge(later.singles[i]);
            for (int p = 0; p < overlays.length; p++) overlays[p].merge(later.overlays[p]);
            return this;
        }
    }
}
