package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.esvflow.testing.Tools;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.crs.GeographicCRS;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.gce.geotiff.GeoTiffReader;
import org.geotools.referencing.CRS;
import org.geotools.util.factory.Hints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WKT table of {@link KnownEpsgCrs} against GeoTools' EPSG database, entry by entry, and GeoTIFFs read with it
 * against the same files read through GeoTools' own GeoKey decoder.
 */
class KnownEpsgCrsTest {
    @TempDir Path dir;

    @Test
    void everyEntryIsTheDatabasesCrs() throws Exception {
        assertEquals(new TreeSet<>(EpsgTableGenerator.codes()), KnownEpsgCrs.codes(), "the table holds the generator's codes");
        for (int code : KnownEpsgCrs.codes()) {
            CoordinateReferenceSystem table = KnownEpsgCrs.of(projectedOrGeographicKeys(code), new double[0]);
            assertNotNull(table, "EPSG:" + code);
            CoordinateReferenceSystem database = CRS.decode("EPSG:" + code, true);
            assertTrue(CRS.equalsIgnoreMetadata(database, table), "EPSG:" + code + " differs from the database:\n" + table);
            assertEquals(Integer.valueOf(code), CRS.lookupEpsgCode(table, false), "EPSG:" + code + " identifier");
            assertEquals(database.getName().getCode(), table.getName().getCode(), "EPSG:" + code + " name");
        }
    }

    /** GeoKeys as GeoTools writes them for a code: model type, raster type and the code. */
    private static int[] projectedOrGeographicKeys(int code) throws Exception {
        boolean geographic = CRS.decode("EPSG:" + code) instanceof GeographicCRS;
        return new int[] {1, 1, 0, 3, 1024, 0, 1, geographic ? 2 : 1, 1025, 0, 1, 1, geographic ? 2048 : 3072, 0, 1, code};
    }

    @Test
    void onlyKeysThatStateACodeAloneAreTakenFromTheTable() {
        int[] plain = {1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 32650};
        assertEquals(32650, KnownEpsgCrs.plainCode(plain));
        // GDAL's keys for the same CRS: citations and the code's own units (degree, metre)
        int[] gdal = {1, 1, 0, 7, 1024, 0, 1, 1, 1025, 0, 1, 1, 1026, 34737, 22, 0, 2049, 34737, 7, 22, 2054, 0, 1, 9102,
                3072, 0, 1, 32650, 3076, 0, 1, 9001};
        assertEquals(32650, KnownEpsgCrs.plainCode(gdal));
        assertEquals(4490, KnownEpsgCrs.plainCode(new int[] {1, 1, 0, 2, 1024, 0, 1, 2, 2048, 0, 1, 4490}));
        // a linear unit override (US survey foot), a vertical CRS, a user-defined projection, a missing code,
        // a geographic code under a projected model, a truncated directory: GeoTools decodes those
        int[] feet = gdal.clone();
        feet[31] = 9003;
        assertEquals(0, KnownEpsgCrs.plainCode(feet));
        assertEquals(0, KnownEpsgCrs.plainCode(new int[] {1, 1, 0, 3, 1024, 0, 1, 1, 3072, 0, 1, 32650, 4096, 0, 1, 5773}));
        assertEquals(0, KnownEpsgCrs.plainCode(new int[] {1, 1, 0, 3, 1024, 0, 1, 1, 3072, 0, 1, 32767, 3074, 0, 1, 16050}));
        assertEquals(0, KnownEpsgCrs.plainCode(new int[] {1, 1, 0, 2, 1024, 0, 1, 1, 1025, 0, 1, 1}));
        assertEquals(0, KnownEpsgCrs.plainCode(new int[] {1, 1, 0, 2, 1024, 0, 1, 1, 2048, 0, 1, 4326}));
        assertEquals(0, KnownEpsgCrs.plainCode(new int[] {1, 1, 0, 3, 1024, 0, 1, 1, 3072, 0, 1}));
        // a code outside the table: the keys are plain, the CRS comes from GeoTools
        assertNull(KnownEpsgCrs.of(new int[] {1, 1, 0, 2, 1024, 0, 1, 1, 3072, 0, 1, 2154}, new double[0]));
        // GDAL's keys for EPSG:4326 carry the ellipsoid: taken when it is WGS 84's, not when it is another
        int[] wgs84 = {1, 1, 0, 5, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326, 2057, 34736, 1, 1, 2059, 34736, 1, 0};
        assertNotNull(KnownEpsgCrs.of(wgs84, new double[] {298.257223563, 6378137.0}));
        assertNull(KnownEpsgCrs.of(wgs84, new double[] {298.257222101, 6378137.0}), "CGCS2000's flattening");
        assertNull(KnownEpsgCrs.of(wgs84, new double[] {298.257223563}), "a key past the double parameters");
    }

    /** Files written by GeoTools (and GDAL when present): the table's CRS equals the one GeoTools decodes. */
    @Test
    void geoTiffsReadWithTheTableEqualGeoToolsDecoding() throws Exception {
        for (int code : List.of(4326, 4490, 3857, 32650, 32750, 4547, 4499)) {
            CoordinateReferenceSystem crs = CRS.decode("EPSG:" + code, true);
            boolean geographic = crs instanceof GeographicCRS;
            GridCoverage2D c = TiledTiffWriterTest.coverage(Rasters.grid(40, 30, geographic ? 110.5 : 500_000, geographic ? 30.5 : 3_400_000,
                    geographic ? 0.001 : 30, crs), DataBuffer.TYPE_FLOAT, -9999);
            File geotools = dir.resolve("gt_" + code + ".tif").toFile();
            GeoTiffs.writeWithGeoTools(c, geotools, 256);
            compare(geotools, code);
            if (Tools.onPath("gdal_translate")) {
                File gdal = dir.resolve("gdal_" + code + ".tif").toFile();
                Process p = new ProcessBuilder("gdal_translate", "-q", "-a_srs", "EPSG:" + code, "-co", "TILED=YES",
                        geotools.getPath(), gdal.getPath()).redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes());
                assertEquals(0, p.waitFor(), log);
                compare(gdal, code);
            }
        }
    }

    private static void compare(File file, int code) throws Exception {
        TiffLayout.Info layout = TiffLayout.check(file, "t", TiffLayout.Limits.DEFAULT);
        assertNotNull(KnownEpsgCrs.of(layout.geoKeys(), layout.geoDoubles()), file.getName() + ": its keys state the code alone");
        GeoTiffReader reader = new GeoTiffReader(file, new Hints(Hints.FORCE_LONGITUDE_FIRST_AXIS_ORDER, Boolean.TRUE));
        GridCoverage2D decoded = reader.read(null);
        GridCoverage2D ours = GeoTiffs.read(file, "t");
        try {
            assertTrue(CRS.equalsIgnoreMetadata(decoded.getCoordinateReferenceSystem2D(), ours.getCoordinateReferenceSystem2D()),
                    file.getName() + ":\n" + decoded.getCoordinateReferenceSystem2D() + "\n" + ours.getCoordinateReferenceSystem2D());
            assertEquals(Integer.valueOf(code), CRS.lookupEpsgCode(ours.getCoordinateReferenceSystem2D(), false), file.getName());
            assertTrue(Grids.sameGrid(decoded.getGridGeometry(), ours.getGridGeometry()), file.getName());
        } finally {
            decoded.dispose(true);
            reader.dispose();
            ours.dispose(true);
        }
    }
}
