package org.esvflow.raster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.datum.Ellipsoid;
import org.geotools.referencing.CRS;

/**
 * The CRS of a GeoTIFF whose GeoKeys state nothing but an EPSG code of a small table (WGS 84, CGCS2000 and their
 * UTM / Gauss-Krüger zones, Web Mercator), built from that code's WKT instead of GeoTools' EPSG database. Opening
 * that embedded database and the C2-compiled code of its SQL engine cost a command-line run about 0.6 s of CPU, more
 * than valuing 10⁸ pixels. The WKT are GeoTools' own (its EPSG database, east-north axis order as
 * {@link GeoTiffs#read} asks for); {@code KnownEpsgCrsTest} checks every entry against the database and a GeoTIFF read
 * of each through GeoTools' decoder, and {@code EpsgTableGenerator} (test sources) writes the table again.
 *
 * <p>"Nothing but a code": the model type, raster type, citations, the code itself, and angular / linear unit and
 * ellipsoid keys equal to the code's own (degree, metre, its semi-major axis and inverse flattening), as GDAL and
 * GeoTools write them. Any other key (a user-defined
 * projection, a unit or datum override, a vertical CRS) leaves the file to GeoTools' decoder.
 */
final class KnownEpsgCrs {
    private static final String TABLE = "epsg-wkt.properties";
    private static final int MODEL = 1024, RASTER = 1025, CITATION = 1026, GEOGRAPHIC = 2048, GEOG_CITATION = 2049,
            ANGULAR_UNITS = 2054, SEMI_MAJOR = 2057, INVERSE_FLATTENING = 2059, PROJECTED = 3072, PCS_CITATION = 3073,
            LINEAR_UNITS = 3076;
    private static final int DEGREE = 9102, METRE = 9001, DOUBLE_PARAMS = 34736, ASCII_PARAMS = 34737;

    private static volatile Properties table;
    private static final Map<Integer, CoordinateReferenceSystem> PARSED = new ConcurrentHashMap<>();

    private KnownEpsgCrs() {}

    /**
     * The CRS these GeoKeys (a GeoKeyDirectory's values, and the GeoDoubleParams they point into) state, when they
     * state only a code of the table; else null.
     */
    static CoordinateReferenceSystem of(int[] geoKeys, double[] geoDoubles) {
        int code = plainCode(geoKeys);
        if (code <= 0) return null;
        String wkt = table().getProperty(Integer.toString(code));
        if (wkt == null) return null;
        CoordinateReferenceSystem crs = parsed(code, wkt);
        return sameEllipsoid(geoKeys, geoDoubles, crs) ? crs : null;
    }

    /**
     * True unless the keys give an ellipsoid (semi-major axis, inverse flattening: GDAL writes both with a geographic
     * code) other than the CRS's own, to 1e-9 relative.
     */
    private static boolean sameEllipsoid(int[] keys, double[] doubles, CoordinateReferenceSystem crs) {
        Ellipsoid ellipsoid = CRS.getEllipsoid(crs);
        for (int i = 4; i < 4 + 4 * keys[3]; i += 4) {
            if (keys[i] != SEMI_MAJOR && keys[i] != INVERSE_FLATTENING) continue;
            int at = keys[i + 3];
            if (ellipsoid == null || keys[i + 1] != DOUBLE_PARAMS || keys[i + 2] != 1 || doubles == null || at >= doubles.length) return false;
            double expected = keys[i] == SEMI_MAJOR ? ellipsoid.getSemiMajorAxis() : ellipsoid.getInverseFlattening();
            if (!(Math.abs(doubles[at] - expected) <= 1e-9 * Math.abs(expected))) return false;
        }
        return true;
    }

    private static CoordinateReferenceSystem parsed(int code, String wkt) {
        return PARSED.computeIfAbsent(code, c -> {
            try {
                return CRS.parseWKT(wkt);
            } catch (FactoryException e) {
                throw new IllegalStateException("EPSG:" + c + " in " + TABLE + " does not parse: " + e.getMessage(), e);
            }
        });
    }

    /** The codes of the table. */
    static Set<Integer> codes() {
        Set<Integer> codes = new TreeSet<>();
        for (String key : table().stringPropertyNames()) codes.add(Integer.valueOf(key));
        return codes;
    }

    /** The EPSG code the keys state alone (projected or geographic model), or 0. */
    static int plainCode(int[] keys) {
        if (keys == null || keys.length < 4 || keys[0] != 1 || keys[1] != 1) return 0; // GeoTIFF 1.x directory
        int n = keys[3];
        if (n < 2 || keys.length < 4 + 4 * n) return 0;
        int model = 0, projected = 0, geographic = 0;
        for (int i = 4; i < 4 + 4 * n; i += 4) {
            int key = keys[i], location = keys[i + 1], value = keys[i + 3];
            boolean inline = location == 0 && keys[i + 2] == 1;
            switch (key) {
                case MODEL -> { if (!inline) return 0; model = value; }
                case RASTER -> { if (!inline) return 0; }
                case CITATION, GEOG_CITATION, PCS_CITATION -> { if (location != ASCII_PARAMS) return 0; }
                case GEOGRAPHIC -> { if (!inline) return 0; geographic = value; }
                case PROJECTED -> { if (!inline) return 0; projected = value; }
                case ANGULAR_UNITS -> { if (!inline || value != DEGREE) return 0; }
                case SEMI_MAJOR, INVERSE_FLATTENING -> { if (location != DOUBLE_PARAMS) return 0; } // checked by of()
                case LINEAR_UNITS -> { if (!inline || value != METRE) return 0; }
                default -> { return 0; }
            }
        }
        if (model == 1 && projected > 0 && projected < 32767 && geographic == 0) return projected;
        if (model == 2 && geographic > 0 && geographic < 32767 && projected == 0) return geographic;
        return 0;
    }

    private static Properties table() {
        Properties t = table;
        if (t == null) {
            t = new Properties();
            try (InputStream in = KnownEpsgCrs.class.getResourceAsStream(TABLE)) {
                if (in == null) throw new IllegalStateException(TABLE + " is missing from the classpath");
                t.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            table = t;
        }
        return t;
    }
}
