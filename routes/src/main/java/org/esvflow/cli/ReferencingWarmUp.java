package org.esvflow.cli;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.esvflow.raster.GeoTiffs;
import org.geotools.measure.Units;
import org.geotools.measure.WktUnitFormat;
import org.geotools.referencing.CRS;

/**
 * Prepares GeoTools' referencing on background threads while the main thread parses the command line, looks the
 * process up and opens the inputs, so that the GeoTIFF reader finds the CRS ready instead of waiting for it.
 * <ul>
 *   <li>A {@code run} whose GeoTIFF inputs all state an EPSG code of the project's table (WGS 84, CGCS2000, their
 *       UTM / Gauss-Krüger zones, Web Mercator: {@link GeoTiffs#prepareCrs}) needs no EPSG database: their CRSs are
 *       parsed here, which also loads the referencing classes.</li>
 *   <li>Otherwise (a study, a server, GeoJSON, another CRS) GeoTools' EPSG database is opened: an embedded read-only
 *       HSQL database that GeoTools unpacks into {@code java.io.tmpdir/GeoTools/Databases/HSQL/v<version>} on first
 *       use. It is opened over plain JDBC with GeoTools' URL on a thread of its own, because the first use of any
 *       GeoTools class initializes JAI's operation registry (about 0.3 s); HSQL then hands GeoTools the open
 *       database. Then two CRSs are decoded (WGS 84 and a UTM zone): factories, units, projection providers.</li>
 * </ul>
 * GeoTools' unit tables are built on a thread of their own meanwhile. Failures are ignored here: the real lookup
 * reports them against its input.
 */
final class ReferencingWarmUp {
    /** Held for the life of the process (GeoTools' URL says shutdown=true: the database closes with its last connection). */
    private static volatile Connection epsg;

    private ReferencingWarmUp() {}

    /** {@code args}: the command line; {@code everything}: a study or a server, which will use the database anyway. */
    static void start(String[] args, boolean everything) {
        List<File> tiffs = new ArrayList<>();
        boolean other = everything;
        for (String a : args) {
            if (isGeoTiff(a)) tiffs.add(new File(a.substring(a.indexOf('=') + 1)));
            else if (isGeoJson(a)) other = true;
        }
        boolean database = other;
        // GeoTools' unit tables (~0.2 s of unit arithmetic) on their own thread, beside JAI's registry on the next one
        daemon("esvflow-units-warm-up", () -> {
            Units.autoCorrect(tech.units.indriya.unit.Units.METRE);
            WktUnitFormat.getInstance();
        });
        daemon("esvflow-referencing-warm-up", () -> {
            boolean known = !database;
            for (File tiff : tiffs) known &= GeoTiffs.prepareCrs(tiff);
            if (known) return;
            File unpacked = unpackedEpsgDatabase();
            if (unpacked != null) daemon("esvflow-epsg-open", () -> epsg = DriverManager.getConnection(
                    "jdbc:hsqldb:file:" + unpacked.getAbsolutePath().replace('\\', '/') + ";shutdown=true;readonly=true", "SA", ""));
            CRS.decode("EPSG:4326");
            CRS.decode("EPSG:32650", true); // a projected CRS: the math-transform providers and unit conversions
        });
    }

    /** A command-line argument ({@code name=path} or a path) naming a GeoTIFF. */
    static boolean isGeoTiff(String arg) {
        String lower = arg.toLowerCase(Locale.ROOT);
        return lower.endsWith(".tif") || lower.endsWith(".tiff");
    }

    /** A command-line argument naming a GeoJSON file. */
    static boolean isGeoJson(String arg) {
        String lower = arg.toLowerCase(Locale.ROOT);
        return lower.endsWith(".geojson") || lower.endsWith(".json");
    }

    /** The EPSG database's files without extension, when GeoTools has unpacked exactly one version of it. */
    static File unpackedEpsgDatabase() {
        String configured = System.getProperty("EPSG-HSQL.directory"); // GeoTools' own override of the location
        File root = configured != null ? new File(configured)
                : new File(System.getProperty("java.io.tmpdir", "."), "GeoTools/Databases/HSQL");
        File[] versions = root.listFiles(v -> v.getName().startsWith("v") && new File(v, "EPSG_creation_marker.txt").isFile()
                && new File(v, "EPSG.data").isFile());
        return versions != null && versions.length == 1 ? new File(versions[0], "EPSG") : null;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void daemon(String name, Step step) {
        Thread thread = new Thread(() -> {
            try {
                step.run();
            } catch (Exception | LinkageError ignored) {
                // reported by the real lookup
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }
}
