package org.esvflow.esv;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.util.Arrays;
import java.util.List;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.PixelArea;
import org.esvflow.raster.Rasters;
import org.esvflow.raster.Samples;
import org.esvflow.vector.Zones;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;

/**
 * Sums of every band of a raster per zone, for several zone sets at once (e.g. counties and provinces) in one pass.
 * A pixel counts when band 0 is not nodata and its centre is in the zone. With {@code perHectare} the raster is a
 * density (per ha): the sums are Σ value × true pixel area (ha); otherwise Σ value.
 */
final class ZonalSums {
    final long[][] pixels;     // [set][zone], zone 0 = outside every region
    final double[][] hectares; // [set][zone]
    final double[][][] sums;   // [set][band][zone]
    final double[][] min, max; // band 0, [set][zone]
    final double[][] values;   // Σ value of band 0 (never area-weighted), [set][zone]

    private ZonalSums(List<Zones> sets, int bands) {
        int n = sets.size();
        pixels = new long[n][];
        hectares = new double[n][];
        sums = new double[n][bands][];
        min = new double[n][];
        max = new double[n][];
        values = new double[n][];
        for (int s = 0; s < n; s++) {
            int zones = sets.get(s).size() + 1;
            pixels[s] = new long[zones];
            hectares[s] = new double[zones];
            for (int b = 0; b < bands; b++) sums[s][b] = new double[zones];
            min[s] = new double[zones];
            max[s] = new double[zones];
            values[s] = new double[zones];
            Arrays.fill(min[s], Double.POSITIVE_INFINITY);
            Arrays.fill(max[s], Double.NEGATIVE_INFINITY);
        }
    }

    /** One pass over {@code raster} (streamed by blocks, rows of blocks in parallel, merged in raster order). */
    static ZonalSums of(GridCoverage2D raster, List<Zones> sets, boolean perHectare, ProgressListener monitor, float from, float to) {
        int bands = raster.getRenderedImage().getSampleModel().getNumBands();
        PixelArea area = PixelArea.of(raster.getGridGeometry());
        double nodata = Rasters.nodata(raster);
        return Blocks.reduce(List.of(raster), monitor, from, to, () -> new ZonalSums(sets, bands),
                (acc, b, r) -> acc.visit(b, r[0], sets, bands, area, nodata, perHectare), ZonalSums::merge);
    }

    /**
     * The same sums over bands computed block by block from aligned {@code inputs} (no intermediate raster, so no tile
     * rows of a many-band image are held): {@code bands.of} gives the block's bands, band 0 deciding nodata.
     */
    static ZonalSums of(List<GridCoverage2D> inputs, GroupedValues.BlockBands blockBands, int bands, double nodata,
                        List<Zones> sets, boolean perHectare, ProgressListener monitor, float from, float to) {
        PixelArea area = PixelArea.of(inputs.get(0).getGridGeometry());
        return Blocks.reduce(inputs, monitor, from, to, () -> new ZonalSums(sets, bands),
                (acc, b, r) -> acc.visit(b, blockBands.of(b, r), sets, bands, area, nodata, perHectare), ZonalSums::merge);
    }

    private void visit(Rectangle b, Raster r, List<Zones> sets, int bands, PixelArea area, double nodata, boolean perHectare) {
        double[][] v = new double[bands][];
        for (int band = 0; band < bands; band++) v[band] = Samples.doubles(r, b.x, b.y, b.width, b.height, band, null);
        visit(b, v, sets, bands, area, nodata, perHectare);
    }

    private void visit(Rectangle b, double[][] v, List<Zones> sets, int bands, PixelArea area, double nodata, boolean perHectare) {
        int n = b.width * b.height;
        int[] zone = new int[n];
        for (int s = 0; s < sets.size(); s++) {
            sets.get(s).fill(b.x, b.y, b.width, b.height, zone);
            for (int i = 0; i < n; i++) {
                int z = zone[i];
                if (z == 0 || Rasters.isNodata(v[0][i], nodata)) continue;
                double a = area.hectares(b.y + i / b.width);
                pixels[s][z]++;
                hectares[s][z] += a;
                for (int band = 0; band < bands; band++) sums[s][band][z] += perHectare ? v[band][i] * a : v[band][i];
                values[s][z] += v[0][i];
                min[s][z] = Math.min(min[s][z], v[0][i]);
                max[s][z] = Math.max(max[s][z], v[0][i]);
            }
        }
    }

    private ZonalSums merge(ZonalSums later) {
        for (int s = 0; s < pixels.length; s++) {
            for (int z = 0; z < pixels[s].length; z++) {
                pixels[s][z] += later.pixels[s][z];
                hectares[s][z] += later.hectares[s][z];
                for (int band = 0; band < sums[s].length; band++) sums[s][band][z] += later.sums[s][band][z];
                values[s][z] += later.values[s][z];
                min[s][z] = Math.min(min[s][z], later.min[s][z]);
                max[s][z] = Math.max(max[s][z], later.max[s][z]);
            }
        }
        return this;
    }
}
