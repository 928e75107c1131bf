package org.esvflow.hai;

import java.awt.image.DataBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.esvflow.process.Results;
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
import org.geotools.process.factory.DescribeResults;

/** Land-use intensity index of Zhuang Dafang and Liu Jiyuan, L = 100 · Σ_i A_i C_i, per region. */
@DescribeProcess(
        title = "Land-use intensity index (Zhuang)",
        description = "L = 100 · Σ_i A_i · C_i, where A_i is the share of a region's classified area in intensity grade "
                + "C_i: 1 unused land, 2 forest, grassland and water, 3 cropland, 4 built-up land; L ranges from 100 to "
                + "400. Areas are true pixel areas. The per-pixel grade · 100 is also returned as a raster, whose "
                + "area-weighted mean over any region is that region's L (an indicator for hai:CompositeHai).")
public class LandUseIntensityProcess {

    public record Result(GridCoverage2D intensity, Table regions, Table total) {}

    @DescribeResults({
        @DescribeResult(name = "intensity", type = GridCoverage2D.class,
                description = "100 · grade of each pixel (100, 200, 300 or 400), int16, nodata 0."),
        @DescribeResult(name = "regions", type = Table.class,
                description = "With regions: region_id, region_name, area_ha, grade1_pct … grade4_pct (shares of "
                        + "the classified area), lui."),
        @DescribeResult(name = "total", type = Table.class, description = "The same for the whole raster ('all').")
    })
    public Map<String, Object> execute(
            @DescribeParameter(name = "landUse", description = "Land-use raster of integer class codes; its nodata "
                    + "value is skipped.") GridCoverage2D landUse,
            @DescribeParameter(name = "classification", min = 0, defaultValue = "CLCD",
                    description = "Shipped grade table to use: CAS or CLCD (lui_grades.csv, UNVERIFIED choices flagged)."
            ) Classification classification,
            @DescribeParameter(name = "grades", min = 0, description = "Own table with columns code and grade (1–4); "
                    + "replaces the shipped one.") Table grades,
            @DescribeParameter(name = "regions", min = 0, description = "Region polygons (pixel centre inside).")
                    SimpleFeatureCollection regions,
            @DescribeParameter(name = "regionIdField", min = 0, description = "Attribute naming each region; the "
                    + "feature id when absent.") String regionIdField,
            @DescribeParameter(name = "regionNameField", min = 0, description = "Attribute with a display name; the "
                    + "id when absent.") String regionNameField,
            ProgressListener monitor) {
        if (landUse == null) throw new InvalidInputException("landUse", "is required");
        ClassCoefficients table = grades != null
                ? ClassCoefficients.of(grades, "grade", 1, 4, null, "grades")
                : ClassCoefficients.of(ClassCoefficients.resource("lui_grades.csv"), "grade", 1, 4,
                        (classification == null ? Classification.CLCD : classification).name(), "classification");
        for (double g : table.values().values()) {
            if (g != Math.rint(g)) throw new InvalidInputException(grades != null ? "grades" : "classification",
                    "grades must be the integers 1–4, got " + g);
        }
        Zones zones = regions == null ? null : Zones.of(regions, regionIdField,
                regionNameField != null ? regionNameField : regionIdField, landUse.getGridGeometry(), "regions");
        Progress.started(monitor);
        PixelArea area = PixelArea.of(landUse.getGridGeometry());
        double nodata = Rasters.nodata(landUse);
        List<GridCoverage2D> inputs = new ArrayList<>(List.of(landUse));
        if (zones != null) inputs.add(zones.raster(landUse.getGridGeometry(), Blocks.BLOCK));
        int units = zones == null ? 1 : zones.size() + 1;
        double[][] gradeHa = new double[units][5]; // unit 0 = whole raster
        TreeSet<Integer> missing = new TreeSet<>();
        Blocks.forEach(inputs, monitor, 0f, 95f, (bounds, rasters) -> {
            double[] classes = Samples.doubles(rasters[0], bounds.x, bounds.y, bounds.width, bounds.height, 0, null);
            int[] zoneIds = zones == null ? null
                    : Samples.ints(rasters[1], bounds.x, bounds.y, bounds.width, bounds.height, 0, null);
            for (int r = 0, k = 0; r < bounds.height; r++) {
                double ha = area.hectares(bounds.y + r);
                for (int c = 0; c < bounds.width; c++, k++) {
                    if (Rasters.isNodata(classes[k], nodata)) continue;
                    double g = table.get(classes[k]);
                    if (Double.isNaN(g)) {
                        missing.add((int) classes[k]);
                        continue;
                    }
                    gradeHa[0][(int) g] += ha;
                    if (zoneIds != null && zoneIds[k] > 0) gradeHa[zoneIds[k]][(int) g] += ha;
                }
            }
        });
        ClassCoefficients.requireAll(missing, "landUse", grades != null ? "grades" : "classification");
        String[] columns = {"region_id", "region_name", "area_ha", "grade1_pct", "grade2_pct", "grade3_pct", "grade4_pct", "lui"};
        Table.Builder total = Table.builder(columns);
        total.row(row("all", "all", gradeHa[0]));
        Table regionTable = null;
        if (zones != null) {
            Table.Builder t = Table.builder(columns);
            for (int z = 1; z <= zones.size(); z++) t.row(row(zones.id(z), zones.name(z), gradeHa[z]));
            regionTable = t.build();
        }
        GridCoverage2D intensity = Blocks.map("land_use_intensity", List.of(landUse), DataBuffer.TYPE_SHORT, 0, (in, out) -> {
            int x = out.getMinX(), y = out.getMinY(), w = out.getWidth(), h = out.getHeight();
            double[] classes = Samples.doubles(in[0], x, y, w, h, 0, null);
            int[] values = new int[w * h];
            for (int k = 0; k < values.length; k++) {
                values[k] = Rasters.isNodata(classes[k], nodata) ? 0 : (int) (100 * table.get(classes[k]));
            }
            out.setSamples(x, y, w, h, 0, values);
        });
        Progress.completed(monitor);
        return Results.of(new Result(intensity, regionTable, total.build()));
    }

    /** Shares in % of grades 1–4 and L = 100 · Σ A_i C_i (A_i as fractions). */
    private static Object[] row(String id, String name, double[] gradeHa) {
        double sum = gradeHa[1] + gradeHa[2] + gradeHa[3] + gradeHa[4];
        if (sum == 0) return new Object[] {id, name, 0.0, null, null, null, null, null};
        double lui = 0;
        Object[] row = new Object[8];
        row[0] = id;
        row[1] = name;
        row[2] = sum;
        for (int g = 1; g <= 4; g++) {
            row[2 + g] = 100 * gradeHa[g] / sum;
            lui += g * gradeHa[g] / sum;
        }
        row[7] = 100 * lui;
        return row;
    }
}
