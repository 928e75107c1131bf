package org.esvflow.lu;

import java.util.Map;
import java.util.TreeMap;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.PixelArea;
import org.esvflow.raster.Rasters;
import org.esvflow.table.Table;
import org.esvflow.vector.Zones;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Area of each land-use class in hectares, from true pixel areas (latitude-dependent in geographic CRSs), optionally
 * per region.
 */
@DescribeProcess(
        title = "Land-use class areas",
        description = "Area of each land-use class in hectares (true pixel area; ellipsoidal in geographic CRSs), "
                + "pixel counts and share of the classified area, for the whole raster or per region.")
public class ClassAreaProcess {

    @DescribeResult(name = "areas", type = Table.class,
            description = "Columns region_id, region_name, class, pixels, area_ha, share_pct (share of the region's "
                    + "classified area). Without regions, region_id is 'all'.")
    public Table execute(
            @DescribeParameter(name = "landUse", description = "Land-use raster of integer class codes; its nodata "
                    + "value is skipped.") GridCoverage2D landUse,
            @DescribeParameter(name = "regions", min = 0, description = "Optional region polygons (GeoJSON "
                    + "FeatureCollection); a pixel belongs to a region when its centre is inside.") SimpleFeatureCollection regions,
            @DescribeParameter(name = "regionIdField", min = 0, description = "Attribute naming each region; "
                    + "the feature id when absent.") String regionIdField,
            ProgressListener monitor) {
        if (landUse == null) throw new InvalidInputException("landUse", "is required");
        Progress.started(monitor);
        PixelArea area = PixelArea.of(landUse.getGridGeometry());
        double nodata = Rasters.nodata(landUse);
        List<GridCoverage2D> inputs = new ArrayList<>(List.of(landUse));
        Zones zones = null;
        if (regions != null) {
            zones = Zones.of(regions, regionIdField, regionIdField, landUse.getGridGeometry(), "regions");
            inputs.add(zones.raster(landUse.getGridGeometry(), Blocks.BLOCK));
        }
        int zoneCount = zones == null ? 1 : zones.size() + 1;
        List<Map<Long, double[]>> perZone = new ArrayList<>(); // class -> {pixels, hectares}
        for (int z = 0; z < zoneCount; z++) perZone.add(new TreeMap<>());
        boolean byZone = zones != null;
        Blocks.forEach(inputs, monitor, 0f, 95f, (bounds, rasters) -> {
            double[] classes = rasters[0].getSamples(bounds.x, bounds.y, bounds.width, bounds.height, 0, (double[]) null);
            int[] zoneIds = byZone ? rasters[1].getSamples(bounds.x, bounds.y, bounds.width, bounds.height, 0, (int[]) null) : null;
            for (int r = 0; r < bounds.height; r++) {
                double ha = area.hectares(bounds.y + r);
                for (int c = 0; c < bounds.width; c++) {
                    int i = r * bounds.width + c;
                    double v = classes[i];
                    if (Rasters.isNodata(v, nodata)) continue;
                    int z = zoneIds == null ? 0 : zoneIds[i];
                    if (byZone && z == 0) continue;
                    double[] acc = perZone.get(z).computeIfAbsent((long) v, k -> new double[2]);
                    acc[0]++;
                    acc[1] += ha;
                }
            }
        });
        Table.Builder table = Table.builder("region_id", "region_name", "class", "pixels", "area_ha", "share_pct");
        for (int z = byZone ? 1 : 0; z < zoneCount; z++) {
            double total = perZone.get(z).values().stream().mapToDouble(a -> a[1]).sum();
            String id = byZone ? zones.id(z) : "all";
            String name = byZone ? zones.name(z) : "all";
            for (Map.Entry<Long, double[]> e : perZone.get(z).entrySet()) {
                double ha = e.getValue()[1];
                table.row(id, name, e.getKey(), (long) e.getValue()[0], ha, total == 0 ? 0.0 : 100.0 * ha / total);
            }
        }
        Progress.completed(monitor);
        return table.build();
    }

}
