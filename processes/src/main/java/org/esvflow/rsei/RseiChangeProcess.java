package org.esvflow.rsei;

import java.awt.image.DataBuffer;
import java.util.List;
import java.util.Map;
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

/** RSEI change between two epochs: per-pixel difference and the grade transition matrix. */
@DescribeProcess(
        title = "RSEI change between two epochs",
        description = "Difference of two RSEI rasters on one grid (later − earlier) and the transition of RSEI grades "
                + "(areas in ha from true pixel areas), with the area that improved, stayed or degraded by each number "
                + "of grades. Grades are those of rsei:Rsei: [0,0.2) poor … [0.8,1] excellent.")
public class RseiChangeProcess {

    public record Result(GridCoverage2D difference, Table transitions, Table change, Table statistics) {}

    @DescribeResults({
        @DescribeResult(name = "difference", type = GridCoverage2D.class,
                description = "RSEI(later) − RSEI(earlier), float32 in [-1, 1], nodata -9999 where either is nodata."),
        @DescribeResult(name = "transitions", type = Table.class,
                description = "25 rows from_grade, from_name, to_grade, to_name, pixels, area_ha: pixels graded "
                        + "from_grade in the earlier epoch and to_grade in the later one."),
        @DescribeResult(name = "change", type = Table.class,
                description = "Rows grade_change −4..4 (later grade − earlier grade) with class degraded/unchanged/"
                        + "improved, pixels, area_ha, share_pct of the area valid in both epochs."),
        @DescribeResult(name = "statistics", type = Table.class,
                description = "statistic,value: pixels valid in both epochs, their area, mean RSEI of each epoch "
                        + "over those pixels and the mean difference.")
    })
    public Map<String, Object> execute(
            @DescribeParameter(name = "earlier", description = "RSEI raster of the earlier epoch (rsei:Rsei output).")
                    GridCoverage2D earlier,
            @DescribeParameter(name = "later", description = "RSEI raster of the later epoch, same grid.")
                    GridCoverage2D later,
            ProgressListener monitor) {
        if (earlier == null) throw new InvalidInputException("earlier", "is required");
        if (later == null) throw new InvalidInputException("later", "is required");
        Grids.requireSameGrid(earlier, "earlier", later, "later");
        double nodata1 = Rasters.nodata(earlier), nodata2 = Rasters.nodata(later);
        Progress.started(monitor);
        PixelArea area = PixelArea.of(earlier.getGridGeometry());
        long[][] pixels = new long[RseiGrades.COUNT + 1][RseiGrades.COUNT + 1];
        double[][] hectares = new double[RseiGrades.COUNT + 1][RseiGrades.COUNT + 1];
        double[] sums = new double[2];
        List<GridCoverage2D> inputs = List.of(earlier, later);
        Blocks.forEach(inputs, monitor, 0f, 95f, (bounds, rasters) -> {
            double[] a = Samples.doubles(rasters[0], bounds.x, bounds.y, bounds.width, bounds.height, 0, null);
            double[] b = Samples.doubles(rasters[1], bounds.x, bounds.y, bounds.width, bounds.height, 0, null);
            for (int r = 0, k = 0; r < bounds.height; r++) {
                double ha = area.hectares(bounds.y + r);
                for (int c = 0; c < bounds.width; c++, k++) {
                    if (Rasters.isNodata(a[k], nodata1) || Rasters.isNodata(b[k], nodata2)) continue;
                    int g1 = RseiGrades.grade(a[k]), g2 = RseiGrades.grade(b[k]);
                    pixels[g1][g2]++;
                    hectares[g1][g2] += ha;
                    sums[0] += a[k];
                    sums[1] += b[k];
                }
            }
        });
        Table.Builder transitions = Table.builder("from_grade", "from_name", "to_grade", "to_name", "pixels", "area_ha");
        long[] changePixels = new long[2 * RseiGrades.COUNT - 1];
        double[] changeHa = new double[2 * RseiGrades.COUNT - 1];
        long both = 0;
        double bothHa = 0;
        for (int g1 = 1; g1 <= RseiGrades.COUNT; g1++) {
            for (int g2 = 1; g2 <= RseiGrades.COUNT; g2++) {
                transitions.row(g1, RseiGrades.NAMES[g1 - 1], g2, RseiGrades.NAMES[g2 - 1], pixels[g1][g2], hectares[g1][g2]);
                int index = g2 - g1 + RseiGrades.COUNT - 1;
                changePixels[index] += pixels[g1][g2];
                changeHa[index] += hectares[g1][g2];
                both += pixels[g1][g2];
                bothHa += hectares[g1][g2];
            }
        }
        Table.Builder change = Table.builder("grade_change", "class", "pixels", "area_ha", "share_pct");
        for (int i = 0; i < changePixels.length; i++) {
            int delta = i - (RseiGrades.COUNT - 1);
            String cls = delta < 0 ? "degraded" : delta == 0 ? "unchanged" : "improved";
            change.row(delta, cls, changePixels[i], changeHa[i], bothHa == 0 ? 0.0 : 100.0 * changeHa[i] / bothHa);
        }
        Table.Builder stats = Table.builder("statistic", "value");
        stats.row("pixels_valid_in_both", both);
        stats.row("area_valid_in_both_ha", bothHa);
        stats.row("mean_rsei_earlier", both == 0 ? null : sums[0] / both);
        stats.row("mean_rsei_later", both == 0 ? null : sums[1] / both);
        stats.row("mean_difference", both == 0 ? null : (sums[1] - sums[0]) / both);
        GridCoverage2D difference = Blocks.map("rsei_difference", inputs, DataBuffer.TYPE_FLOAT, RseiProcess.NODATA,
                (rasters, out) -> {
                    int x = out.getMinX(), y = out.getMinY(), w = out.getWidth(), h = out.getHeight();
                    double[] a = Samples.doubles(rasters[0], x, y, w, h, 0, null);
                    double[] b = Samples.doubles(rasters[1], x, y, w, h, 0, null);
                    float[] d = new float[w * h];
                    for (int k = 0; k < d.length; k++) {
                        boolean missing = Rasters.isNodata(a[k], nodata1) || Rasters.isNodata(b[k], nodata2);
                        d[k] = missing ? (float) RseiProcess.NODATA : (float) (b[k] - a[k]);
                    }
                    Samples.put(out, x, y, w, h, 0, d);
                });
        Progress.completed(monitor);
        return Results.of(new Result(difference, transitions.build(), change.build(), stats.build()));
    }
}
