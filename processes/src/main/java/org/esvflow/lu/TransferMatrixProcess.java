package org.esvflow.lu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.esvflow.process.Results;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.Grids;
import org.esvflow.raster.PixelArea;
import org.esvflow.raster.Rasters;
import org.esvflow.raster.Samples;
import org.esvflow.table.Table;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;
import org.geotools.process.factory.DescribeResults;

/** Land-use transfer matrices and dynamic degrees over a series of epochs, in one pass. */
@DescribeProcess(
        title = "Land-use transfer matrix and dynamic degrees",
        description = "For land-use rasters of several epochs on one grid: the transfer matrix (area in ha moved from "
                + "each class at the start, rows, to each class at the end, columns, with out/in totals) of every "
                + "consecutive period and of the whole span; single dynamic degree K = (U_b − U_a)/U_a/T·100 (% per "
                + "year) per class and comprehensive dynamic degree LC = Σ ΔLU(i→non-i)/(2 Σ LU_i)/T·100. Only pixels "
                + "valid at both epochs of a period are counted; areas are true pixel areas.")
public class TransferMatrixProcess {

    public record Result(Table matrix, Table transitions, Table classes, Table periods, Table dynamicDegree) {}

    @DescribeResults({
        @DescribeResult(name = "matrix", type = Table.class, description = "Wide matrices: period, from_class, "
                + "to_<code> (ha) …, total_start, transferred_out; per period a row 'total_end' (column totals) and "
                + "'transferred_in'."),
        @DescribeResult(name = "transitions", type = Table.class,
                description = "Long form: period, from_year, to_year, from_class, to_class, area_ha (non-zero cells)."),
        @DescribeResult(name = "classes", type = Table.class, description = "period, class, area_start_ha, area_end_ha, "
                + "out_ha, in_ha, change_ha, single_dynamic_degree_pct_per_year."),
        @DescribeResult(name = "periods", type = Table.class, description = "period, from_year, to_year, years, "
                + "total_ha, changed_ha, comprehensive_dynamic_degree_pct_per_year."),
        @DescribeResult(name = "dynamicDegree", type = Table.class, description = "Both dynamic degrees in one table, "
                + "one row per period × class: period, from_year, to_year, years, class, area_start_ha, area_end_ha, "
                + "k_pct_per_year (single, of the class; empty when the class is absent at the start), lc_pct_per_year "
                + "(comprehensive, of the period, repeated on each of its rows).")
    })
    public Map<String, Object> execute(
            @DescribeParameter(name = "landUse", min = 2, max = Integer.MAX_VALUE, collectionType = GridCoverage2D.class,
                    description = "Land-use rasters of integer codes, oldest first, all on the same grid.") List<GridCoverage2D> landUse,
            @DescribeParameter(name = "years", description = "Years of the epochs, comma-separated, increasing (e.g. 2000,2010,2020).")
                    String years,
            ProgressListener monitor) {
        if (landUse == null || landUse.size() < 2) throw new InvalidInputException("landUse", "needs at least two epochs");
        double[] year = parseYears(years, landUse.size());
        for (int i = 1; i < landUse.size(); i++) Grids.requireSameGrid(landUse.get(0), "landUse[0]", landUse.get(i), "landUse[" + i + "]");
        int n = landUse.size();
        List<int[]> periods = new ArrayList<>();
        for (int i = 0; i + 1 < n; i++) periods.add(new int[] {i, i + 1});
        if (n > 2) periods.add(new int[] {0, n - 1});
        TransferMatrix[] matrices = new TransferMatrix[periods.size()];
        for (int p = 0; p < matrices.length; p++) matrices[p] = new TransferMatrix();
        double[] nodata = new double[n];
        for (int i = 0; i < n; i++) nodata[i] = Rasters.nodata(landUse.get(i));
        PixelArea area = PixelArea.of(landUse.get(0).getGridGeometry());
        Progress.started(monitor);
        Blocks.forEach(landUse, monitor, 0f, 100f, (b, r) -> {
            int[][] codes = new int[n][];
            for (int i = 0; i < n; i++) codes[i] = Samples.ints(r[i], b.x, b.y, b.width, b.height, 0, null);
            for (int px = 0; px < b.width * b.height; px++) {
                double a = area.hectares(b.y + px / b.width);
                for (int p = 0; p < matrices.length; p++) {
                    int s = periods.get(p)[0], e = periods.get(p)[1];
                    if (codes[s][px] == nodata[s] || codes[e][px] == nodata[e]) continue;
                    matrices[p].add(codes[s][px], codes[e][px], a);
                }
            }
        });
        TreeSet<Integer> all = new TreeSet<>();
        for (TransferMatrix m : matrices) all.addAll(m.classes());
        List<String> columns = new ArrayList<>(List.of("period", "from_class"));
        for (int c : all) columns.add("to_" + c);
        columns.addAll(List.of("total_start", "transferred_out"));
        Table.Builder matrix = Table.builder(columns.toArray(new String[0]));
        Table.Builder transitions = Table.builder("period", "from_year", "to_year", "from_class", "to_class", "area_ha");
        Table.Builder classes = Table.builder("period", "class", "area_start_ha", "area_end_ha", "out_ha", "in_ha", "change_ha",
                "single_dynamic_degree_pct_per_year");
        Table.Builder summary = Table.builder("period", "from_year", "to_year", "years", "total_ha", "changed_ha",
                "comprehensive_dynamic_degree_pct_per_year");
        Table.Builder degrees = Table.builder("period", "from_year", "to_year", "years", "class", "area_start_ha", "area_end_ha",
                "k_pct_per_year", "lc_pct_per_year");
        for (int p = 0; p < matrices.length; p++) {
            TransferMatrix m = matrices[p];
            double y0 = year[periods.get(p)[0]], y1 = year[periods.get(p)[1]], t = y1 - y0;
            String period = label(y0) + "-" + label(y1);
            for (int from : all) {
                List<Object> row = new ArrayList<>(List.of(period, String.valueOf(from)));
                for (int to : all) {
                    row.add(m.area(from, to));
                    if (m.area(from, to) != 0) transitions.row(period, label(y0), label(y1), from, to, m.area(from, to));
                }
                row.add(m.start(from));
                row.add(m.start(from) - m.area(from, from));
                matrix.row(row.toArray());
            }
            List<Object> endRow = new ArrayList<>(List.of(period, "total_end"));
            List<Object> inRow = new ArrayList<>(List.of(period, "transferred_in"));
            for (int to : all) {
                endRow.add(m.end(to));
                inRow.add(m.end(to) - m.area(to, to));
            }
            endRow.add(m.total());
            endRow.add(m.changed());
            inRow.add(null);
            inRow.add(null);
            matrix.row(endRow.toArray());
            matrix.row(inRow.toArray());
            double lc = m.comprehensiveDynamicDegree(t);
            for (int c : all) {
                double start = m.start(c), end = m.end(c), stay = m.area(c, c);
                double k = m.singleDynamicDegree(c, t);
                classes.row(period, c, start, end, start - stay, end - stay, end - start, Double.isNaN(k) ? null : k);
                degrees.row(period, label(y0), label(y1), t, c, start, end, Double.isNaN(k) ? null : k, Double.isNaN(lc) ? null : lc);
            }
            summary.row(period, label(y0), label(y1), t, m.total(), m.changed(), Double.isNaN(lc) ? null : lc);
        }
        Progress.completed(monitor);
        return Results.of(new Result(matrix.build(), transitions.build(), classes.build(), summary.build(), degrees.build()));
    }

    static double[] parseYears(String years, int count) {
        if (years == null || years.isBlank()) throw new InvalidInputException("years", "is required (one year per epoch)");
        String[] parts = years.split("[,;\\s]+");
        if (parts.length != count) throw new InvalidInputException("years", count + " epochs need " + count + " years, got '" + years + "'");
        double[] y = new double[count];
        for (int i = 0; i < count; i++) {
            try {
                y[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("years", "not a number: '" + parts[i] + "'");
            }
            if (i > 0 && !(y[i] > y[i - 1])) throw new InvalidInputException("years", "must increase, got '" + years + "'");
        }
        return y;
    }

    private static String label(double year) {
        return year == Math.rint(year) ? String.valueOf((long) year) : String.valueOf(year);
    }
}
