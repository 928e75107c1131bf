package org.esvflow.hai;

import java.awt.Rectangle;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.esvflow.process.Results;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.Fishnet;
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
import org.geotools.process.factory.DescribeResults;

/**
 * Human activity intensity of the land surface, HAILS = S_CLE / S · 100 % with S_CLE = Σ_i S_i · CI_i
 * (Xu Yong et al. 2015), over a moving window, fishnet cells, regions and the whole raster. Areas are true pixel
 * areas, so the index is area-weighted also in geographic CRSs.
 */
@DescribeProcess(
        title = "Human activity intensity of the land surface (HAILS)",
        description = "HAILS = S_CLE / S · 100 %, where S is the classified land area and S_CLE = Σ S_i · CI_i the area "
                + "of construction-land equivalents (Xu Yong et al. 2015): each land-use class counts with its "
                + "construction-land-equivalent coefficient CI (built-up 1, cropland 0.2, …). Computed over a moving "
                + "window (a raster), fishnet cells, regions and the whole raster, as a 0–1 index and in %, with the "
                + "grades very low < 6 %, low 6–10 %, medium 10–16 %, high 16–27 %, very high > 27 %.")
public class HailsProcess {
    public static final double NODATA = -9999;

    public record Result(GridCoverage2D hails, GridCoverage2D hailsGrade, GridCoverage2D cells, Table cellTable,
                         Table regions, Table total, Table classes) {}

    @DescribeResults({
        @DescribeResult(name = "hails", type = GridCoverage2D.class,
                description = "With windowSize: HAILS in % of the square window centred on each pixel (float32, "
                        + "nodata -9999 where the centre pixel is nodata)."),
        @DescribeResult(name = "hailsGrade", type = GridCoverage2D.class,
                description = "With windowSize: grade of the window HAILS, byte 1 very low … 5 very high, nodata 0."),
        @DescribeResult(name = "cells", type = GridCoverage2D.class,
                description = "With cellSize: HAILS in % per fishnet cell, on the cell grid (float32, nodata -9999)."),
        @DescribeResult(name = "cellTable", type = Table.class,
                description = "With cellSize: cell_id, row, col, x, y (cell centre, CRS units), pixels, area_ha, "
                        + "cle_area_ha, hails_index, hails_pct, grade, grade_name; cells without data are left out."),
        @DescribeResult(name = "regions", type = Table.class,
                description = "With regions: region_id, region_name, pixels, area_ha, cle_area_ha, hails_index, "
                        + "hails_pct, grade, grade_name."),
        @DescribeResult(name = "total", type = Table.class,
                description = "The same columns for the whole raster (region_id 'all')."),
        @DescribeResult(name = "classes", type = Table.class,
                description = "Per land-use class of the raster: code, ci, pixels, area_ha, cle_area_ha.")
    })
    public Map<String, Object> execute(
            @DescribeParameter(name = "landUse", description = "Land-use raster of integer class codes; its nodata "
                    + "value is skipped.") GridCoverage2D landUse,
            @DescribeParameter(name = "classification", min = 0, defaultValue = "CLCD",
                    description = "Which shipped coefficient table to use: CAS (codes 11–67, Xu Yong et al. 2015) or "
                            + "CLCD (codes 1–9, mapped from the CAS coefficients; see hails_ci_clcd.csv for the "
                            + "UNVERIFIED choices).") Classification classification,
            @DescribeParameter(name = "coefficients", min = 0, description = "Own coefficient table with columns "
                    + "code and ci (0–1); replaces the shipped one.") Table coefficients,
            @DescribeParameter(name = "windowSize", min = 0, description = "Edge of the moving window in pixels "
                    + "(odd, 1–1001); no window raster when absent.") Integer windowSize,
            @DescribeParameter(name = "cellSize", min = 0, description = "Fishnet cell edge in CRS units (e.g. metres), "
                    + "cells aligned to the raster's upper-left corner; no fishnet when absent.") Double cellSize,
            @DescribeParameter(name = "regions", min = 0, description = "Optional region polygons (pixel centre "
                    + "inside).") SimpleFeatureCollection regions,
            @DescribeParameter(name = "regionIdField", min = 0, description = "Attribute naming each region; the "
                    + "feature id when absent.") String regionIdField,
            @DescribeParameter(name = "regionNameField", min = 0, description = "Attribute with a display name; the "
                    + "id when absent.") String regionNameField,
            ProgressListener monitor) {
        if (landUse == null) throw new InvalidInputException("landUse", "is required");
        ClassCoefficients ci = coefficients != null
                ? ClassCoefficients.of(coefficients, "ci", 0, 1, null, "coefficients")
                : ClassCoefficients.of(ClassCoefficients.resource(classification == Classification.CAS
                        ? "hails_ci_cas.csv" : "hails_ci_clcd.csv"), "ci", 0, 1, null, "classification");
        if (windowSize != null && (windowSize < 1 || windowSize > 1001 || windowSize % 2 == 0)) {
            throw new InvalidInputException("windowSize", "must be odd and in [1, 1001], got " + windowSize);
        }
        Fishnet net = cellSize == null ? null : new Fishnet(landUse.getGridGeometry(), cellSize, "cellSize");
        Zones zones = regions == null ? null : Zones.of(regions, regionIdField,
                regionNameField != null ? regionNameField : regionIdField, landUse.getGridGeometry(), "regions");
        Progress.started(monitor);

        PixelArea area = PixelArea.of(landUse.getGridGeometry());
        double nodata = Rasters.nodata(landUse);
        List<GridCoverage2D> inputs = new ArrayList<>(List.of(landUse));
        if (zones != null) inputs.add(zones.raster(landUse.getGridGeometry(), Blocks.BLOCK));
        Sums cells = net == null ? null : new Sums(net.size());
        Sums zoneSums = zones == null ? null : new Sums(zones.size() + 1);
        Sums total = new Sums(1);
        Map<Integer, double[]> byClass = new TreeMap<>(); // code → {pixels, ha}
        TreeSet<Integer> missing = new TreeSet<>();
        Blocks.forEach(inputs, monitor, 0f, 90f, (bounds, rasters) -> {
            double[] classes = rasters[0].getSamples(bounds.x, bounds.y, bounds.width, bounds.height, 0, (double[]) null);
            int[] zoneIds = zones == null ? null
                    : rasters[1].getSamples(bounds.x, bounds.y, bounds.width, bounds.height, 0, (int[]) null);
            for (int r = 0, k = 0; r < bounds.height; r++) {
                int y = bounds.y + r;
                double ha = area.hectares(y);
                for (int c = 0; c < bounds.width; c++, k++) {
                    double code = classes[k];
                    if (Rasters.isNodata(code, nodata)) continue;
                    double coefficient = ci.get(code);
                    if (Double.isNaN(coefficient)) {
                        missing.add((int) code);
                        continue;
                    }
                    double[] cls = byClass.computeIfAbsent((int) code, key -> new double[2]);
                    cls[0]++;
                    cls[1] += ha;
                    total.add(0, ha, coefficient);
                    if (cells != null) cells.add(net.cell(bounds.x + c, y), ha, coefficient);
                    if (zoneIds != null && zoneIds[k] > 0) zoneSums.add(zoneIds[k], ha, coefficient);
                }
            }
        });
        ClassCoefficients.requireAll(missing, "landUse", coefficients != null ? "coefficients" : "classification");

        String[] unitColumns = {"region_id", "region_name", "pixels", "area_ha", "cle_area_ha", "hails_index",
            "hails_pct", "grade", "grade_name"};
        Table.Builder totalTable = Table.builder(unitColumns);
        totalTable.row(total.row("all", "all", 0));
        Table regionTable = null;
        if (zones != null) {
            Table.Builder t = Table.builder(unitColumns);
            for (int z = 1; z <= zones.size(); z++) t.row(zoneSums.row(zones.id(z), zones.name(z), z));
            regionTable = t.build();
        }
        GridCoverage2D cellRaster = null;
        Table cellTable = null;
        if (net != null) {
            Table.Builder t = Table.builder("cell_id", "row", "col", "x", "y", "pixels", "area_ha", "cle_area_ha",
                    "hails_index", "hails_pct", "grade", "grade_name");
            float[] percent = new float[net.size()];
            for (int i = 0; i < net.size(); i++) {
                percent[i] = cells.area[i] > 0 ? (float) (100 * cells.cle[i] / cells.area[i]) : (float) NODATA;
                if (cells.pixels[i] == 0) continue;
                Object[] unit = cells.row("", "", i);
                t.row("r" + (i / net.columns) + "c" + (i % net.columns), i / net.columns, i % net.columns,
                        net.centreX(i), net.centreY(i), unit[2], unit[3], unit[4], unit[5], unit[6], unit[7], unit[8]);
            }
            cellTable = t.build();
            int columns = net.columns;
            cellRaster = Rasters.coverage("hails_cells", new ComputedImage(net.columns, net.rows, Blocks.BLOCK,
                    DataBuffer.TYPE_FLOAT, target -> {
                        for (int y = target.getMinY(); y < target.getMinY() + target.getHeight(); y++)
                            for (int x = target.getMinX(); x < target.getMinX() + target.getWidth(); x++)
                                target.setSample(x, y, 0, percent[y * columns + x]);
                    }), net.cellGrid(), NODATA);
        }
        Table.Builder classTable = Table.builder("code", "ci", "pixels", "area_ha", "cle_area_ha");
        byClass.forEach((code, v) -> classTable.row(code, ci.get(code), (long) v[0], v[1], v[1] * ci.get(code)));

        GridCoverage2D window = null, windowGrade = null;
        if (windowSize != null) {
            int radius = windowSize / 2;
            window = Rasters.coverage("hails", windowImage(landUse, ci, area, nodata, radius, false),
                    landUse.getGridGeometry(), NODATA);
            windowGrade = Rasters.coverage("hails_grade", windowImage(landUse, ci, area, nodata, radius, true),
                    landUse.getGridGeometry(), 0);
        }
        Progress.completed(monitor);
        return Results.of(new Result(window, windowGrade, cellRaster, cellTable, regionTable, totalTable.build(),
                classTable.build()));
    }

    /** Area and construction-land-equivalent area per unit. */
    private static final class Sums {
        final long[] pixels;
        final double[] area, cle;

        Sums(int units) {
            pixels = new long[units];
            area = new double[units];
            cle = new double[units];
        }

        void add(int unit, double hectares, double coefficient) {
            pixels[unit]++;
            area[unit] += hectares;
            cle[unit] += hectares * coefficient;
        }

        Object[] row(String id, String name, int unit) {
            if (pixels[unit] == 0) return new Object[] {id, name, 0L, 0.0, 0.0, null, null, null, null};
            double index = cle[unit] / area[unit];
            int grade = HailsGrades.grade(100 * index);
            return new Object[] {id, name, pixels[unit], area[unit], cle[unit], index, 100 * index, grade,
                HailsGrades.name(grade)};
        }
    }

    /**
     * The moving-window HAILS in % (or its grade), tile by tile: the tile plus a halo of {@code radius} pixels is
     * read, and summed-area tables of S and S_CLE give each window's sums in constant time. The window is clipped
     * at the raster edge and skips nodata pixels.
     */
    static ComputedImage windowImage(GridCoverage2D landUse, ClassCoefficients ci, PixelArea area, double nodata,
                                     int radius, boolean grade) {
        RenderedImage image = landUse.getRenderedImage();
        int width = image.getWidth(), height = image.getHeight();
        return new ComputedImage(width, height, Blocks.BLOCK, grade ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_FLOAT, target -> {
            Rectangle tile = target.getBounds();
            Rectangle halo = new Rectangle(tile.x - radius, tile.y - radius, tile.width + 2 * radius, tile.height + 2 * radius)
                    .intersection(new Rectangle(0, 0, width, height));
            double[] classes = read(image, halo).getSamples(halo.x, halo.y, halo.width, halo.height, 0, (double[]) null);
            int stride = halo.width + 1;
            double[] satArea = new double[stride * (halo.height + 1)], satCle = new double[satArea.length];
            for (int r = 0; r < halo.height; r++) {
                double ha = area.hectares(halo.y + r);
                double rowArea = 0, rowCle = 0;
                for (int c = 0; c < halo.width; c++) {
                    double code = classes[r * halo.width + c];
                    if (!Rasters.isNodata(code, nodata)) {
                        rowArea += ha;
                        rowCle += ha * ci.get(code);
                    }
                    int at = (r + 1) * stride + c + 1;
                    satArea[at] = satArea[at - stride] + rowArea;
                    satCle[at] = satCle[at - stride] + rowCle;
                }
            }
            for (int y = tile.y; y < tile.y + tile.height; y++) {
                int r0 = Math.max(y - radius, halo.y) - halo.y, r1 = Math.min(y + radius, halo.y + halo.height - 1) - halo.y + 1;
                for (int x = tile.x; x < tile.x + tile.width; x++) {
                    double centre = classes[(y - halo.y) * halo.width + (x - halo.x)];
                    if (Rasters.isNodata(centre, nodata)) {
                        target.setSample(x, y, 0, grade ? 0 : NODATA);
                        continue;
                    }
                    int c0 = Math.max(x - radius, halo.x) - halo.x, c1 = Math.min(x + radius, halo.x + halo.width - 1) - halo.x + 1;
                    double s = box(satArea, stride, r0, r1, c0, c1), cle = box(satCle, stride, r0, r1, c0, c1);
                    double percent = 100 * cle / s;
                    target.setSample(x, y, 0, grade ? HailsGrades.grade(percent) : (float) percent);
                }
            }
        });
    }

    private static double box(double[] sat, int stride, int r0, int r1, int c0, int c1) {
        return sat[r1 * stride + c1] - sat[r0 * stride + c1] - sat[r1 * stride + c0] + sat[r0 * stride + c0];
    }

    /** A window of an image in image coordinates, whatever the image's own origin. */
    static Raster read(RenderedImage image, Rectangle bounds) {
        Rectangle shifted = new Rectangle(bounds.x + image.getMinX(), bounds.y + image.getMinY(), bounds.width, bounds.height);
        Raster data = image.getData(shifted);
        if (image.getMinX() == 0 && image.getMinY() == 0) return data;
        return data.createTranslatedChild(bounds.x, bounds.y);
    }
}
