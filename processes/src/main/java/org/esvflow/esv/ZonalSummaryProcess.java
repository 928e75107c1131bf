package org.esvflow.esv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.PixelArea;
import org.esvflow.raster.Rasters;
import org.esvflow.raster.Samples;
import org.esvflow.table.Table;
import org.esvflow.vector.Zones;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;

/** Statistics of a value raster (e.g. ESV) per region polygon. */
@DescribeProcess(
        title = "Zonal summary of a value raster",
        description = "Per region polygon: valid pixels, area (ha, true pixel area), sum, mean, min, max and sum per "
                + "ha of a raster such as an ESV raster (sum = regional ESV in currency per year, density in currency "
                + "per ha per year). A pixel belongs to a region when its centre is inside (holes respected); every "
                + "pixel is counted.")
public class ZonalSummaryProcess {

    @DescribeResult(name = "summary", type = Table.class, description = "region_id, region_name, pixels, area_ha, sum, "
            + "mean, min, max, density_per_ha; regions without valid pixels have pixels 0 and empty statistics.")
    public Table execute(
            @DescribeParameter(name = "raster", description = "Value raster (band 0); its nodata is skipped.") GridCoverage2D raster,
            @DescribeParameter(name = "regions", description = "Region polygons (GeoJSON FeatureCollection).") SimpleFeatureCollection regions,
            @DescribeParameter(name = "regionIdField", min = 0, description = "Attribute naming each region; feature id when absent.")
                    String regionIdField,
            ProgressListener monitor) {
        if (raster == null) throw new InvalidInputException("raster", "is required");
        if (regions == null) throw new InvalidInputException("regions", "is required");
        Zones zones = Zones.of(regions, regionIdField, regionIdField, raster.getGridGeometry(), "regions");
        int n = zones.size() + 1;
        long[] pixels = new long[n];
        double[] hectares = new double[n], sum = new double[n], min = new double[n], max = new double[n];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        PixelArea area = PixelArea.of(raster.getGridGeometry());
        double nodata = Rasters.nodata(raster);
        List<GridCoverage2D> inputs = new ArrayList<>(List.of(raster, zones.raster(raster.getGridGeometry(), Blocks.BLOCK)));
        Progress.started(monitor);
        Blocks.forEach(inputs, monitor, 0f, 100f, (b, r) -> {
            double[] v = Samples.doubles(r[0], b.x, b.y, b.width, b.height, 0, null);
            int[] z = Samples.ints(r[1], b.x, b.y, b.width, b.height, 0, null);
            for (int i = 0; i < v.length; i++) {
                if (z[i] == 0 || Rasters.isNodata(v[i], nodata)) continue;
                pixels[z[i]]++;
                hectares[z[i]] += area.hectares(b.y + i / b.width);
                sum[z[i]] += v[i];
                min[z[i]] = Math.min(min[z[i]], v[i]);
                max[z[i]] = Math.max(max[z[i]], v[i]);
            }
        });
        Table.Builder t = Table.builder("region_id", "region_name", "pixels", "area_ha", "sum", "mean", "min", "max", "density_per_ha");
        for (int z = 1; z < n; z++) {
            boolean any = pixels[z] > 0;
            t.row(zones.id(z), zones.name(z), pixels[z], hectares[z], any ? sum[z] : null, any ? sum[z] / pixels[z] : null,
                    any ? min[z] : null, any ? max[z] : null, any ? sum[z] / hectares[z] : null);
        }
        Progress.completed(monitor);
        return t.build();
    }
}
