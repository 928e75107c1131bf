package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.esvflow.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alignment agrees with {@code gdalwarp} (exact transforms, {@code -et 0}) pixel for pixel: an independent
 * implementation of the same conventions (value at the target pixel centre; bilinear over the four surrounding source
 * centres with nodata neighbours dropped and weights renormalised).
 */
class GdalWarpTest {
    @TempDir Path dir;

    /** A rough field with nodata holes, so that weights and the nodata rule both matter. */
    static double rough(double x, double y) {
        double v = 500 + 120 * Math.sin(x / 1700.0) * Math.cos(y / 2300.0) + 37 * Math.sin((x + 2 * y) / 611.0);
        return Math.floorMod((long) Math.floor(x / 500) * 7 + (long) Math.floor(y / 500) * 13, 29) == 0 ? -9999 : v;
    }

    GridCoverage2D gdalwarp(File source, String resampling, String targetSrs, double minX, double minY, double maxX,
                            double maxY, double pixel, boolean nodata, String... extra) throws Exception {
        File out = dir.resolve("gdal_" + resampling + "_" + source.getName()).toFile();
        List<String> cmd = new ArrayList<>(List.of("gdalwarp", "-q", "-overwrite", "-r", resampling, "-et", "0",
                "-t_srs", targetSrs, "-te", String.valueOf(minX), String.valueOf(minY), String.valueOf(maxX),
                String.valueOf(maxY), "-tr", String.valueOf(pixel), String.valueOf(pixel)));
        if (nodata) cmd.addAll(List.of("-srcnodata", "-9999", "-dstnodata", "-9999"));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of(source.getAbsolutePath(), out.getAbsolutePath()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        return GeoTiffs.read(out);
    }

    /** Largest |ours − GDAL| over pixels valid in both; also checks that both agree on which pixels are nodata. */
    static double worstDifference(GridCoverage2D ours, GridCoverage2D gdal, double nodata) {
        Raster a = ours.getRenderedImage().getData(), b = gdal.getRenderedImage().getData();
        assertEquals(b.getWidth(), a.getWidth());
        assertEquals(b.getHeight(), a.getHeight());
        double worst = 0;
        int mismatched = 0, valid = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                double u = a.getSampleDouble(x, y, 0), v = b.getSampleDouble(x, y, 0);
                boolean noU = Rasters.isNodata(u, nodata), noV = Rasters.isNodata(v, nodata);
                if (noU != noV) mismatched++;
                else if (!noU) {
                    valid++;
                    worst = Math.max(worst, Math.abs(u - v));
                }
            }
        }
        assertEquals(0, mismatched, "pixels nodata in one result only");
        assertTrue(valid > 0.8 * a.getWidth() * a.getHeight(), "most pixels valid: " + valid);
        return worst;
    }

    @Test
    void bilinearAndNearestOnOneCrsMatchGdalwarp() throws Exception {
        Tools.assumeOnPath("gdalwarp", "gdal-bin");
        var utm = CRS.decode("EPSG:32650", true);
        // 500 m source shifted by 250 m against a 30 m target that overhangs it on the west and north
        GridGeometry2D coarse = Rasters.grid(40, 36, 499_750, 4_418_250, 500, utm);
        File npp = dir.resolve("npp.tif").toFile();
        GeoTiffs.write(GridsTest.constantPlane(coarse, DataBuffer.TYPE_FLOAT, -9999, GdalWarpTest::rough), npp);
        GridGeometry2D target = Rasters.grid(600, 560, 499_400, 4_418_600, 30, utm);
        GridCoverage2D source = GeoTiffs.read(npp);
        for (String r : List.of("bilinear", "near")) {
            GridCoverage2D gdal = gdalwarp(npp, r, "EPSG:32650", 499_400, 4_418_600 - 560 * 30, 499_400 + 600 * 30, 4_418_600, 30, true);
            GridCoverage2D ours = Grids.alignTo(source, target, r.equals("near") ? Grids.Resampling.NEAREST : Grids.Resampling.BILINEAR);
            // float32 results of values near 500–700: a few ulps
            assertEquals(0, worstDifference(ours, gdal, -9999), 1e-3, r);
        }
    }

    @Test
    void reprojectedBilinearMatchesGdalwarp() throws Exception {
        Tools.assumeOnPath("gdalwarp", "gdal-bin");
        // a smooth precipitation-like field on 0.005° WGS 84 pixels, reprojected onto a 90 m UTM grid
        GridGeometry2D geo = Rasters.grid(240, 200, 116.6, 40.2, 0.005, DefaultGeographicCRS.WGS84);
        File precip = dir.resolve("precip.tif").toFile();
        GeoTiffs.write(GridsTest.constantPlane(geo, DataBuffer.TYPE_FLOAT, -9999,
                (lon, lat) -> 600 + 80 * Math.sin(lon * 9) + 50 * Math.cos(lat * 7)), precip);
        var utm = CRS.decode("EPSG:32650", true);
        GridGeometry2D target = Rasters.grid(700, 600, 470_000, 4_445_000, 90, utm);
        GridCoverage2D gdal = gdalwarp(precip, "bilinear", "EPSG:32650", 470_000, 4_445_000 - 600 * 90, 470_000 + 700 * 90, 4_445_000, 90, true);
        GridCoverage2D ours = Grids.alignTo(GeoTiffs.read(precip), target, Grids.Resampling.BILINEAR);
        // positions within 1e-3 source pixel of exact; the field changes by < 0.6 per source pixel
        assertEquals(0, worstDifference(ours, gdal, -9999), 2e-3);
    }

    @Test
    void averageAndModeOntoACoarserShiftedGridMatchGdalwarp() throws Exception {
        Tools.assumeOnPath("gdalwarp", "gdal-bin");
        var utm = CRS.decode("EPSG:32650", true);
        // 30 m source; 1 km and 100 m targets shifted against it (1000 / 30 and 100 / 30 are not whole: every target
        // pixel has partial source pixels on its edges) and overhanging it on the west and north
        GridGeometry2D fine = Rasters.grid(600, 560, 499_750, 4_418_250, 30, utm);
        File rough = dir.resolve("rough.tif").toFile();
        GeoTiffs.write(GridsTest.constantPlane(fine, DataBuffer.TYPE_FLOAT, -9999, GdalWarpTest::rough), rough);
        GridCoverage2D gdal = gdalwarp(rough, "average", "EPSG:32650", 499_400, 4_418_600 - 17 * 1000, 499_400 + 19 * 1000,
                4_418_600, 1000, true);
        GridCoverage2D ours = Grids.alignTo(GeoTiffs.read(rough), Rasters.grid(19, 17, 499_400, 4_418_600, 1000, utm),
                Grids.Resampling.AVERAGE);
        // means of ~1100 float32 values near 500–700, summed in another order: a few float32 ulps
        assertEquals(0, worstDifference(ours, gdal, -9999), 1e-3, "average");

        // land-use-intensity-like grades (int16 100–400, nodata -9999): gdalwarp rounds into int16 unless told Float32
        File grades = dir.resolve("grades.tif").toFile();
        GeoTiffs.write(GridsTest.constantPlane(fine, DataBuffer.TYPE_SHORT, -9999, GdalWarpTest::grade), grades);
        GridCoverage2D gdalGrades = gdalwarp(grades, "average", "EPSG:32650", 499_400, 4_418_600 - 17 * 1000,
                499_400 + 19 * 1000, 4_418_600, 1000, true, "-ot", "Float32");
        GridCoverage2D ourGrades = Grids.alignTo(GeoTiffs.read(grades), Rasters.grid(19, 17, 499_400, 4_418_600, 1000, utm),
                Grids.Resampling.AVERAGE);
        assertEquals(0, worstDifference(ourGrades, gdalGrades, -9999), 1e-3, "average of int16");

        // mode of the same grades onto 100 m: exact, ties included
        GridCoverage2D gdalMode = gdalwarp(grades, "mode", "EPSG:32650", 499_400, 4_418_600 - 170 * 100, 499_400 + 190 * 100,
                4_418_600, 100, true);
        GridCoverage2D ourMode = Grids.alignTo(GeoTiffs.read(grades), Rasters.grid(190, 170, 499_400, 4_418_600, 100, utm),
                Grids.Resampling.MODE);
        assertEquals(0, worstDifference(ourMode, gdalMode, -9999), 0, "mode");
    }

    /** Grades 100–400 in patches of a few pixels (so 100 m pixels hold ties), nodata where rough() has its holes. */
    static double grade(double x, double y) {
        if (rough(x, y) == -9999) return -9999;
        return 100 * (1 + Math.floorMod((long) Math.floor(x / 70) * 3 + (long) Math.floor(y / 50) * 5, 4));
    }
}
