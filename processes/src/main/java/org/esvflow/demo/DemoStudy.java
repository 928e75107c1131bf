package org.esvflow.demo;

import org.esvflow.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.raster.Rasters;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.geometry.jts.JTS;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Writes the demo study: a deterministic, synthetic Beijing-Tianjin-Hebei-like region with land use for six epochs,
 * correction and human-activity rasters on other grids (one in a geographic CRS), Landsat-8-like surface reflectance
 * and LST, terrain, county and province boundaries, and the tree of the {@code study.yaml} manifest that describes
 * it all (written to a file by routes' {@code ManifestWriter}, where the manifest type lives).
 * The same seed gives byte-identical files.
 */
public final class DemoStudy {
    public static final int[] EPOCHS = {2013, 2015, 2017, 2019, 2021, 2023};
    public static final long DEFAULT_SEED = 20131;
    public static final String CRS_CODE = "EPSG:32650";
    /** Float rasters use this nodata value (never NaN, see DEVELOPERS.md). */
    public static final float FLOAT_NODATA = -9999f;

    /** Study sizes: {@code small} for tests and the demo, {@code full} (BTH scale at 30 m) for benchmarks. */
    public enum Size {
        SMALL(500, 1000, 0.02, true),
        FULL(30, 500, 0.01, false);

        final double pixel, auxPixel, precipDegrees;
        final boolean landsatEveryEpoch;

        Size(double pixel, double auxPixel, double precipDegrees, boolean landsatEveryEpoch) {
            this.pixel = pixel;
            this.auxPixel = auxPixel;
            this.precipDegrees = precipDegrees;
            this.landsatEveryEpoch = landsatEveryEpoch;
        }

        public int width() {
            return (int) Math.round((Landscape.MAX_X - Landscape.MIN_X) / pixel);
        }

        public int height() {
            return (int) Math.round((Landscape.MAX_Y - Landscape.MIN_Y) / pixel);
        }
    }

    static final String[] BANDS = {"blue", "green", "red", "nir", "swir1", "swir2", "lst"};

    private final Path out;
    private final Size size;
    private final Landscape landscape;
    private final Consumer<String> log;
    private final CoordinateReferenceSystem utm;

    private DemoStudy(Path out, Size size, long seed, Consumer<String> log) throws IOException {
        this.out = out;
        this.size = size;
        this.landscape = new Landscape(seed);
        this.log = log;
        try {
            this.utm = CRS.decode(CRS_CODE, true);
        } catch (Exception e) {
            throw new IOException("cannot decode " + CRS_CODE, e);
        }
    }

    /**
     * Writes the study's rasters and boundaries into {@code out} and returns the manifest that describes them, as the
     * tree of a {@code study.yaml} (ordered maps, lists, strings, numbers; paths relative to {@code out}). The
     * manifest's own writer in routes turns it into the file, with {@link #MANIFEST_COMMENT} on top.
     */
    public static Map<String, Object> generate(Path out, Size size, long seed, Consumer<String> log) throws IOException {
        return new DemoStudy(out, size, seed, log).write();
    }

    /** Header comment of the demo's manifest: what it is and the units of its rasters. */
    public static final String MANIFEST_COMMENT = """
            esvflow study manifest, written by `esvflow demo-data` (synthetic, deterministic).
            Paths are relative to this file. Units: ESV in CNY/yr, areas in ha, NPP gC/m2/yr,
            precipitation mm/yr, soil conservation t/ha/yr, night light nW/cm2/sr, population persons/km2,
            GDP 1e4 CNY/km2 (derived gdpPerCapita CNY/person), reflectance unitless 0-1, LST kelvin.""";

    private Map<String, Object> write() throws IOException {
        Files.createDirectories(out);
        GridGeometry2D grid = Rasters.grid(size.width(), size.height(), Landscape.MIN_X, Landscape.MAX_Y, size.pixel, utm);
        // auxiliary grid: coarser and shifted by half an auxiliary pixel, so alignment must really resample
        double half = size.auxPixel / 2;
        int auxW = (int) Math.ceil((Landscape.MAX_X - Landscape.MIN_X) / size.auxPixel) + 1;
        int auxH = (int) Math.ceil((Landscape.MAX_Y - Landscape.MIN_Y) / size.auxPixel) + 1;
        GridGeometry2D aux = Rasters.grid(auxW, auxH, Landscape.MIN_X - half, Landscape.MAX_Y + half, size.auxPixel, utm);
        GridGeometry2D precipGrid = geographicGrid();

        log.accept("terrain: dem.tif, slope.tif (" + size.width() + "×" + size.height() + " px at " + size.pixel + " m)");
        GridCoverage2D dem = writeFloat("terrain/dem.tif", grid, (x, y) -> Landscape.isSea(x, y) ? Double.NaN : landscape.elevation(x, y));
        GridCoverage2D slope = writeFloat("terrain/slope.tif", grid,
                (x, y) -> Landscape.isSea(x, y) ? Double.NaN : landscape.slope(x, y, Landscape.SLOPE_STEP));
        for (int year : EPOCHS) {
            log.accept("epoch " + year + ": land use, NPP, precipitation, soil conservation, night light, population, GDP"
                    + (size.landsatEveryEpoch || year == EPOCHS[EPOCHS.length - 1] ? ", Landsat bands and LST" : ""));
            GridCoverage2D lu = writeLandUse(year, grid, dem, slope);
            writeFloat("aux/npp_" + year + ".tif", aux, (x, y) -> landscape.npp(x, y, year));
            writeFloat("aux/precip_" + year + ".tif", precipGrid, toUtm((x, y) -> Landscape.isSea(x, y) ? Double.NaN : landscape.precipitation(x, y, year)));
            writeFloat("aux/soilcons_" + year + ".tif", aux, (x, y) -> landscape.soilConservation(x, y, year));
            writeFloat("aux/ntl_" + year + ".tif", aux, (x, y) -> landscape.nightLight(x, y, year));
            writeFloat("aux/pop_" + year + ".tif", aux, (x, y) -> landscape.population(x, y, year));
            writeFloat("aux/gdp_" + year + ".tif", aux, (x, y) -> landscape.gdp(x, y, year));
            if (size.landsatEveryEpoch || year == EPOCHS[EPOCHS.length - 1]) writeLandsat(year, lu, dem);
        }
        log.accept("boundaries: counties.geojson, provinces.geojson");
        writeBoundaries();
        return manifestMap();
    }

    @FunctionalInterface
    interface Field {
        /** Value at world coordinates of the pixel centre; NaN for nodata. */
        double at(double x, double y);
    }

    private GridCoverage2D writeFloat(String name, GridGeometry2D grid, Field field) throws IOException {
        java.awt.geom.AffineTransform t = (java.awt.geom.AffineTransform) grid.getGridToCRS2D(
                org.geotools.api.metadata.spatial.PixelOrientation.UPPER_LEFT);
        ComputedImage image = new ComputedImage(grid.getGridRange2D().width, grid.getGridRange2D().height, Blocks.BLOCK,
                DataBuffer.TYPE_FLOAT, target -> {
                    for (int row = target.getMinY(); row < target.getMinY() + target.getHeight(); row++) {
                        double y = t.getTranslateY() + (row + 0.5) * t.getScaleY();
                        for (int col = target.getMinX(); col < target.getMinX() + target.getWidth(); col++) {
                            double x = t.getTranslateX() + (col + 0.5) * t.getScaleX();
                            double v = field.at(x, y);
                            target.setSample(col, row, 0, Double.isNaN(v) ? FLOAT_NODATA : (float) v);
                        }
                    }
                });
        return write(name, Rasters.coverage(stem(name), image, grid, FLOAT_NODATA));
    }

    private GridCoverage2D writeLandUse(int year, GridGeometry2D grid, GridCoverage2D dem, GridCoverage2D slope) throws IOException {
        GridCoverage2D lu = Blocks.map("lu_" + year, List.of(dem, slope), DataBuffer.TYPE_BYTE, Landscape.NODATA,
                (in, target) -> forEachPixel(grid, target, (col, row, x, y) -> {
                    double z = in[0].getSampleDouble(col, row, 0);
                    int cls = z == FLOAT_NODATA ? Landscape.NODATA
                            : landscape.landUse(x, y, year, z, in[1].getSampleDouble(col, row, 0));
                    target.setSample(col, row, 0, cls);
                }));
        return write("landuse/lu_" + year + ".tif", lu);
    }

    private void writeLandsat(int year, GridCoverage2D lu, GridCoverage2D dem) throws IOException {
        GridGeometry2D grid = lu.getGridGeometry();
        for (int b = 0; b < BANDS.length; b++) {
            int band = b;
            GridCoverage2D coverage = Blocks.map(BANDS[b], List.of(lu, dem), DataBuffer.TYPE_FLOAT, FLOAT_NODATA,
                    (in, target) -> forEachPixel(grid, target, (col, row, x, y) -> {
                        int cls = in[0].getSample(col, row, 0);
                        double[] r = cls == Landscape.NODATA ? null
                                : landscape.landsat(x, y, year, cls, in[1].getSampleDouble(col, row, 0));
                        target.setSample(col, row, 0, r == null ? FLOAT_NODATA : (float) r[band]);
                    }));
            write("landsat/" + year + "/" + BANDS[b] + ".tif", coverage);
        }
    }

    @FunctionalInterface
    interface PixelVisitor {
        void visit(int col, int row, double x, double y);
    }

    private static void forEachPixel(GridGeometry2D grid, WritableRaster target, PixelVisitor visitor) {
        java.awt.geom.AffineTransform t = (java.awt.geom.AffineTransform) grid.getGridToCRS2D(
                org.geotools.api.metadata.spatial.PixelOrientation.UPPER_LEFT);
        for (int row = target.getMinY(); row < target.getMinY() + target.getHeight(); row++) {
            double y = t.getTranslateY() + (row + 0.5) * t.getScaleY();
            for (int col = target.getMinX(); col < target.getMinX() + target.getWidth(); col++) {
                visitor.visit(col, row, t.getTranslateX() + (col + 0.5) * t.getScaleX(), y);
            }
        }
    }

    private GridCoverage2D write(String name, GridCoverage2D coverage) throws IOException {
        Path file = out.resolve(name);
        GeoTiffs.write(coverage, file.toFile());
        return GeoTiffs.read(file.toFile(), name);
    }

    /** The precipitation grid: WGS 84 longitude/latitude covering the study extent. */
    private GridGeometry2D geographicGrid() throws IOException {
        double[] bbox = lonLatBounds();
        double d = size.precipDegrees;
        double minLon = Math.floor(bbox[0] / d) * d, maxLat = Math.ceil(bbox[3] / d) * d;
        int w = (int) Math.ceil((bbox[2] - minLon) / d), h = (int) Math.ceil((maxLat - bbox[1]) / d);
        return Rasters.grid(w, h, minLon, maxLat, d, DefaultGeographicCRS.WGS84);
    }

    private double[] lonLatBounds() throws IOException {
        MathTransform toLonLat = transform(utm, DefaultGeographicCRS.WGS84);
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i <= 50; i++) {
            double f = i / 50.0;
            double[][] edge = {
                {Landscape.MIN_X + f * (Landscape.MAX_X - Landscape.MIN_X), Landscape.MIN_Y},
                {Landscape.MIN_X + f * (Landscape.MAX_X - Landscape.MIN_X), Landscape.MAX_Y},
                {Landscape.MIN_X, Landscape.MIN_Y + f * (Landscape.MAX_Y - Landscape.MIN_Y)},
                {Landscape.MAX_X, Landscape.MIN_Y + f * (Landscape.MAX_Y - Landscape.MIN_Y)}};
            for (double[] p : edge) {
                double[] ll = new double[2];
                try {
                    toLonLat.transform(p, 0, ll, 0, 1);
                } catch (Exception e) {
                    throw new IOException(e);
                }
                b[0] = Math.min(b[0], ll[0]);
                b[1] = Math.min(b[1], ll[1]);
                b[2] = Math.max(b[2], ll[0]);
                b[3] = Math.max(b[3], ll[1]);
            }
        }
        return b;
    }

    /** Evaluates a UTM field at longitude/latitude points. */
    private Field toUtm(Field field) throws IOException {
        MathTransform toUtm = transform(DefaultGeographicCRS.WGS84, utm);
        return (lon, lat) -> {
            double[] p = new double[2];
            try {
                toUtm.transform(new double[] {lon, lat}, 0, p, 0, 1);
            } catch (Exception e) {
                return Double.NaN;
            }
            if (p[0] < Landscape.MIN_X || p[0] > Landscape.MAX_X || p[1] < Landscape.MIN_Y || p[1] > Landscape.MAX_Y) {
                return Double.NaN;
            }
            return field.at(p[0], p[1]);
        };
    }

    private static MathTransform transform(CoordinateReferenceSystem from, CoordinateReferenceSystem to) throws IOException {
        try {
            return CRS.findMathTransform(from, to, true);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /**
     * Counties: a 8 × 6 grid of 60 km × 75 km cells clipped at the coast; provinces: the union of their counties,
     * by the city they are nearest to (within 75 km) or the surrounding plain province.
     */
    private void writeBoundaries() throws IOException {
        GeometryFactory gf = new GeometryFactory();
        MathTransform toLonLat = transform(utm, DefaultGeographicCRS.WGS84);
        ObjectMapper json = new ObjectMapper();
        ObjectNode counties = featureCollection(json);
        List<List<Geometry>> byProvince = new ArrayList<>();
        for (int p = 0; p < Landscape.CITY_NAMES.length; p++) byProvince.add(new ArrayList<>());
        int cols = 8, rows = 6;
        double cw = (Landscape.MAX_X - Landscape.MIN_X) / cols, ch = (Landscape.MAX_Y - Landscape.MIN_Y) / rows;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double x0 = Landscape.MIN_X + c * cw, x1 = x0 + cw, yTop = Landscape.MAX_Y - r * ch, yBottom = yTop - ch;
                Polygon cell = clippedCell(gf, x0, x1, yBottom, yTop);
                if (cell == null) continue;
                Coordinate centre = cell.getCentroid().getCoordinate();
                int province = provinceOf(centre.x, centre.y);
                byProvince.get(province).add(cell);
                boolean city = containsCity(cell, gf);
                ObjectNode props = json.createObjectNode();
                String id = String.format(Locale.ROOT, "C%d%d", r + 1, c + 1);
                props.put("county_id", id);
                props.put("name", "County " + (char) ('A' + r) + (c + 1));
                props.put("province_id", "P" + (province + 1));
                props.put("province", Landscape.CITY_NAMES[province]);
                props.put("urban", city);
                addFeature(json, counties, id, props, lonLat(cell, toLonLat));
            }
        }
        ObjectNode provinces = featureCollection(json);
        for (int p = 0; p < byProvince.size(); p++) {
            if (byProvince.get(p).isEmpty()) continue;
            Geometry union = UnaryUnionOp.union(byProvince.get(p));
            ObjectNode props = json.createObjectNode();
            props.put("province_id", "P" + (p + 1));
            props.put("name", Landscape.CITY_NAMES[p]);
            addFeature(json, provinces, "P" + (p + 1), props, lonLat(union, toLonLat));
        }
        AtomicFiles.write(out.resolve("boundaries/counties.geojson"), json.writerWithDefaultPrettyPrinter().writeValueAsString(counties).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("boundaries/provinces.geojson"), json.writerWithDefaultPrettyPrinter().writeValueAsString(provinces).getBytes(StandardCharsets.UTF_8));
    }

    /** A county cell whose east edge follows the coast (sampled every 1.5 km); null when it lies at sea. */
    private static Polygon clippedCell(GeometryFactory gf, double x0, double x1, double yBottom, double yTop) {
        int steps = 50;
        List<Coordinate> ring = new ArrayList<>();
        for (int i = 0; i <= steps; i++) ring.add(new Coordinate(x0, yTop - i * (yTop - yBottom) / steps)); // west edge, north to south
        for (int i = 0; i <= steps; i++) {
            double y = yBottom + i * (yTop - yBottom) / steps;
            double coastX = Landscape.MIN_X + Landscape.coastU(Landscape.v(y)) * (Landscape.MAX_X - Landscape.MIN_X);
            ring.add(new Coordinate(Math.max(x0, Math.min(x1, coastX)), y)); // east edge, south to north
        }
        ring.add(new Coordinate(x0, yTop));
        Polygon cell = gf.createPolygon(ring.toArray(new Coordinate[0]));
        Geometry valid = cell.buffer(0);
        if (valid.getArea() < 1e6 || !(valid instanceof Polygon p)) return null;
        return p;
    }

    private static int provinceOf(double x, double y) {
        if (Landscape.cityDistance(0, x, y) < 75_000) return 0;
        if (Landscape.cityDistance(1, x, y) < 60_000) return 1;
        return 2;
    }

    private static boolean containsCity(Polygon cell, GeometryFactory gf) {
        for (int c = 0; c < Landscape.CITIES.length; c++) {
            double cx = Landscape.MIN_X + Landscape.CITIES[c][0] * (Landscape.MAX_X - Landscape.MIN_X);
            double cy = Landscape.MAX_Y - Landscape.CITIES[c][1] * (Landscape.MAX_Y - Landscape.MIN_Y);
            if (cell.contains(gf.createPoint(new Coordinate(cx, cy)))) return true;
        }
        return false;
    }

    /** Densified (every 1.5 km at most) and transformed to longitude/latitude, rounded to 1e-7° (about 1 cm). */
    private static Geometry lonLat(Geometry g, MathTransform toLonLat) throws IOException {
        try {
            Geometry dense = org.locationtech.jts.densify.Densifier.densify(g, 1_500);
            Geometry ll = JTS.transform(dense, toLonLat);
            ll.apply((org.locationtech.jts.geom.CoordinateFilter) coord -> {
                coord.x = Math.round(coord.x * 1e7) / 1e7;
                coord.y = Math.round(coord.y * 1e7) / 1e7;
            });
            return ll;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static ObjectNode featureCollection(ObjectMapper json) {
        ObjectNode fc = json.createObjectNode();
        fc.put("type", "FeatureCollection");
        fc.putArray("features");
        return fc;
    }

    private static void addFeature(ObjectMapper json, ObjectNode fc, String id, ObjectNode props, Geometry g) {
        ObjectNode f = ((ArrayNode) fc.get("features")).addObject();
        f.put("type", "Feature");
        f.put("id", id);
        f.set("properties", props);
        ObjectNode geometry = f.putObject("geometry");
        if (g instanceof Polygon p) {
            geometry.put("type", "Polygon");
            geometry.set("coordinates", rings(json, p));
        } else {
            geometry.put("type", "MultiPolygon");
            ArrayNode polys = geometry.putArray("coordinates");
            for (int i = 0; i < g.getNumGeometries(); i++) polys.add(rings(json, (Polygon) g.getGeometryN(i)));
        }
    }

    private static ArrayNode rings(ObjectMapper json, Polygon p) {
        ArrayNode rings = json.createArrayNode();
        rings.add(ring(json, p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) rings.add(ring(json, p.getInteriorRingN(i).getCoordinates()));
        return rings;
    }

    private static ArrayNode ring(ObjectMapper json, Coordinate[] cs) {
        ArrayNode ring = json.createArrayNode();
        for (Coordinate c : cs) ring.addArray().add(c.x).add(c.y);
        return ring;
    }

    /** The study manifest as nested maps and lists, in the order the keys are written. */
    private Map<String, Object> manifestMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", "demo-bth");
        m.put("title", "Synthetic Beijing-Tianjin-Hebei-like region (esvflow demo, " + size.name().toLowerCase(Locale.ROOT) + ")");
        m.put("crs", CRS_CODE);
        m.put("pixelSize", number(size.pixel));
        m.put("regions", map("counties", map("file", "boundaries/counties.geojson", "idField", "county_id", "nameField", "name"),
                "provinces", map("file", "boundaries/provinces.geojson", "idField", "province_id", "nameField", "name")));
        m.put("classification", "CLCD");
        m.put("coefficients", "xie2015");
        m.put("standardEquivalent", map("value", 3406.5, "currency", "CNY", "basis", "Xie et al. 2015, national mean, 2010 prices"));
        m.put("correction", map("mode", "pixel", "reference", "pooled", "npp", "npp", "precipitation", "precipitation",
                "soilConservation", "soilConservation"));
        m.put("terrain", map("dem", "terrain/dem.tif", "slope", "terrain/slope.tif"));
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (int year : EPOCHS) {
            Map<String, Object> e = map("year", year, "landUse", "landuse/lu_" + year + ".tif", "npp", "aux/npp_" + year + ".tif",
                    "precipitation", "aux/precip_" + year + ".tif", "soilConservation", "aux/soilcons_" + year + ".tif",
                    "nightLight", "aux/ntl_" + year + ".tif", "population", "aux/pop_" + year + ".tif",
                    "gdp", "aux/gdp_" + year + ".tif");
            if (size.landsatEveryEpoch || year == EPOCHS[EPOCHS.length - 1]) {
                Map<String, Object> landsat = map("sensor", "OLI", "scaled", true);
                for (String b : BANDS) landsat.put(b, "landsat/" + year + "/" + b + ".tif");
                e.put("landsat", landsat);
            }
            epochs.add(e);
        }
        m.put("epochs", epochs);
        m.put("rsei", map("sensor", "OLI", "mndwiThreshold", 0.0, "grades", List.of(0.2, 0.4, 0.6, 0.8)));
        m.put("derived", List.of(map("name", "gdpPerCapita", "expression", "10000 * gdp / population", "unit", "CNY/person")));
        m.put("hai", map("indicators", List.of("nightLight", "population", "gdp", "gdpPerCapita", "landUseIntensity"),
                "normalisation", "pooled", "weights", "entropy"));
        Object cellSize = number(size == Size.SMALL ? 10_000 : 3_000);
        m.put("fishnet", map("cellSize", cellSize));
        List<Map<String, Object>> factors = new ArrayList<>();
        factors.add(map("name", "landUse", "kind", "categorical"));
        for (String f : List.of("dem", "slope", "precipitation", "npp", "population", "gdp", "nightLight")) {
            factors.add(map("name", f, "kind", "continuous"));
        }
        m.put("geodetector", map("y", "esv",
                "sampling", map("method", "fishnet", "cellSize", cellSize, "aggregate", "mean", "minValidFraction", 0.5),
                "epochs", "all",
                "change", List.of(EPOCHS[0], EPOCHS[EPOCHS.length - 1]),
                "discretization", map("methods", List.of("equal", "natural", "quantile", "geometric", "sd"), "k", List.of(3, 8)),
                "factors", factors));
        m.put("output", map("workspace", "demo"));
        return m;
    }

    /** An ordered map of alternating keys and values. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    /** Whole numbers as integers (500, not 500.0). */
    private static Object number(double v) {
        return v == Math.rint(v) ? (Object) (long) v : (Object) v;
    }

    private static String stem(String name) {
        String file = name.substring(name.lastIndexOf('/') + 1);
        return file.endsWith(".tif") ? file.substring(0, file.length() - 4) : file;
    }
}
