package org.esvflow.server.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.File;
import org.esvflow.io.AtomicFiles;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.raster.Overviews;
import org.esvflow.server.ows.SafeXml;
import org.esvflow.server.ows.Xml;
import org.esvflow.style.ColorMap;
import org.esvflow.style.Sld;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.geometry.jts.ReferencedEnvelope;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * Raster layers and styles of a GeoServer data directory, read from and written in GeoServer's own layout:
 * <pre>
 * workspaces/&lt;ws&gt;/workspace.xml, namespace.xml
 * workspaces/&lt;ws&gt;/&lt;store&gt;/coveragestore.xml            type GeoTIFF (one file) or ImageMosaic (a time series)
 * workspaces/&lt;ws&gt;/&lt;store&gt;/&lt;coverage&gt;/coverage.xml, layer.xml
 * styles/&lt;style&gt;.xml + &lt;style&gt;.sld
 * data/&lt;ws&gt;/...                                       the GeoTIFFs
 * </pre>
 * A time series is an ImageMosaic directory with {@code indexer.properties} and {@code timeregex.properties}: the
 * granules' file names carry the time ({@code esv_2019.tif}), which is how GeoServer builds its time dimension too.
 * Every published GeoTIFF gets external overviews ({@code .tif.ovr}) so small maps of large layers read little.
 */
public final class Catalog {
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);
    /** Names of workspaces, layers, stores and styles: no separators, no dots first, so never a path escape. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_\\-]{0,127}");
    private static final String DEFAULT_TIME_REGEX = "[0-9]{4}";

    private final Path dataDir;
    private final Map<String, Layer> layers = new ConcurrentHashMap<>();
    private final Map<String, Path> styles = new ConcurrentHashMap<>();
    private final Map<String, ColorMap> colorMaps = new ConcurrentHashMap<>();
    private final Map<String, Granule> granules = new ConcurrentHashMap<>();

    private Catalog(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    public static Catalog open(Path dataDir) throws IOException {
        Catalog c = new Catalog(dataDir);
        Files.createDirectories(c.dataDir.resolve("workspaces"));
        Files.createDirectories(c.dataDir.resolve("styles"));
        deleteTree(c.staging()); // granules a killed publish left half-written
        c.reload();
        return c;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** True when {@code name} is a safe catalog name (workspace, layer, store, style). */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static String requireName(String name, String what) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException(what + " must be letters, digits, '_' or '-' (got '" + name + "')");
        }
        return name;
    }

    /** Layers sorted by qualified name. */
    public Collection<Layer> layers() {
        return new TreeMap<>(layers).values();
    }

    /** A layer by {@code ws:name}, or by bare name when it is unique; null when unknown. */
    public Layer layer(String name) {
        if (name == null) return null;
        Layer l = layers.get(name);
        if (l != null || name.contains(":")) return l;
        List<Layer> matches = layers.values().stream().filter(x -> x.name().equals(name)).toList();
        return matches.size() == 1 ? matches.get(0) : null;
    }

    public Collection<String> styleNames() {
        return new TreeMap<>(styles).keySet();
    }

    /** The colour map of a style, or null when no such style exists. */
    public ColorMap colorMap(String style) throws IOException {
        if (style == null) return null;
        ColorMap cached = colorMaps.get(style);
        if (cached != null) return cached;
        Path sld = styles.get(style);
        if (sld == null) return null;
        ColorMap map;
        try {
            map = Sld.read(Files.readAllBytes(sld), sld.getFileName().toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        colorMaps.put(style, map);
        return map;
    }

    /** The SLD file of a style, or null when no such style exists. */
    public Path styleFile(String style) {
        return style == null ? null : styles.get(style);
    }

    /** Re-reads the data directory. */
    public synchronized void reload() throws IOException {
        Map<String, Path> foundStyles = new HashMap<>();
        Map<String, String> styleIds = new HashMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(dataDir.resolve("styles"), "*.xml")) {
            for (Path xml : dir) {
                try {
                    Element root = SafeXml.parse(Files.readAllBytes(xml)).getDocumentElement();
                    String name = SafeXml.childText(root, "name");
                    String file = SafeXml.childText(root, "filename");
                    Path sld = dataDir.resolve("styles").resolve(file == null ? name + ".sld" : file).normalize();
                    if (name == null || !sld.startsWith(dataDir.resolve("styles")) || !Files.isRegularFile(sld)) continue;
                    foundStyles.put(name, sld);
                    styleIds.put(SafeXml.childText(root, "id"), name);
                } catch (RuntimeException e) {
                    LOG.warn("skipping style {}: {}", xml.getFileName(), e.getMessage());
                }
            }
        }
        Map<String, Layer> found = new HashMap<>();
        try (DirectoryStream<Path> workspaces = Files.newDirectoryStream(dataDir.resolve("workspaces"), Files::isDirectory)) {
            for (Path ws : workspaces) {
                try (DirectoryStream<Path> stores = Files.newDirectoryStream(ws, Files::isDirectory)) {
                    for (Path store : stores) {
                        if (!Files.isRegularFile(store.resolve("coveragestore.xml"))) continue;
                        try {
                            readStore(ws.getFileName().toString(), store, styleIds, found);
                        } catch (IOException | RuntimeException e) {
                            LOG.warn("skipping store {}: {}", store, e.getMessage());
                        }
                    }
                }
            }
        }
        Map<String, Granule> kept = new HashMap<>();
        found.values().forEach(l -> l.granules().forEach(g -> kept.put(g.key(), g)));
        granules.values().stream().filter(g -> kept.get(g.key()) != g).forEach(Granule::dispose);
        granules.clear();
        granules.putAll(kept);
        layers.putAll(found);
        layers.keySet().retainAll(found.keySet());
        styles.clear();
        styles.putAll(foundStyles);
        colorMaps.clear();
    }

    private void readStore(String workspace, Path store, Map<String, String> styleIds, Map<String, Layer> out)
            throws IOException {
        Element storeXml = SafeXml.parse(Files.readAllBytes(store.resolve("coveragestore.xml"))).getDocumentElement();
        String type = SafeXml.childText(storeXml, "type");
        String url = SafeXml.childText(storeXml, "url");
        if (url == null) return;
        Path location = resolveUrl(url);
        try (DirectoryStream<Path> coverages = Files.newDirectoryStream(store, Files::isDirectory)) {
            for (Path cov : coverages) {
                Path layerXml = cov.resolve("layer.xml");
                Path coverageXml = cov.resolve("coverage.xml");
                if (!Files.isRegularFile(layerXml) || !Files.isRegularFile(coverageXml)) continue;
                Element layer = SafeXml.parse(Files.readAllBytes(layerXml)).getDocumentElement();
                Element coverage = SafeXml.parse(Files.readAllBytes(coverageXml)).getDocumentElement();
                String name = SafeXml.childText(layer, "name");
                Element defaultStyle = SafeXml.child(layer, "defaultStyle");
                String style = null;
                if (defaultStyle != null) {
                    style = SafeXml.childText(defaultStyle, "name");
                    if (style == null) style = styleIds.get(SafeXml.childText(defaultStyle, "id"));
                }
                List<Granule> granules = "ImageMosaic".equalsIgnoreCase(type)
                        ? mosaicGranules(location)
                        : List.of(granule(location, null));
                if (granules.isEmpty()) continue;
                String title = SafeXml.childText(coverage, "title");
                out.put(workspace + ":" + name, new Layer(workspace, name, title, style, granules));
            }
        }
    }

    /** The granules of an ImageMosaic directory, with their time taken from the file name by timeregex.properties. */
    private List<Granule> mosaicGranules(Path dir) throws IOException {
        Properties regex = new Properties();
        Path props = dir.resolve("timeregex.properties");
        if (Files.isRegularFile(props)) {
            try (InputStream in = Files.newInputStream(props)) {
                regex.load(in);
            }
        }
        Pattern time = Pattern.compile(regex.getProperty("regex", DEFAULT_TIME_REGEX).split(",")[0].trim());
        List<Granule> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{tif,tiff}")) {
            for (Path f : files) {
                Matcher m = time.matcher(f.getFileName().toString());
                if (m.find()) out.add(granule(f, m.group()));
            }
        }
        out.sort(Comparator.comparing(Granule::time));
        return out;
    }

    /**
     * The granule of {@code file}, reused while the file is unchanged so that readers in use by concurrent requests
     * survive a reload; a rewritten file gets a new granule.
     */
    private Granule granule(Path file, String time) throws IOException {
        Granule fresh = new Granule(file.toFile(), time, Files.getLastModifiedTime(file).toMillis());
        Granule known = granules.get(fresh.key());
        return known != null ? known : fresh;
    }

    /** GeoServer store URLs: {@code file:relative/to/datadir} or absolute {@code file:/...}; never outside the data dir. */
    private Path resolveUrl(String url) throws IOException {
        String path = url.startsWith("file://") ? url.substring(7) : url.startsWith("file:") ? url.substring(5) : url;
        Path p = path.startsWith("/") ? Path.of(path) : dataDir.resolve(path);
        p = p.normalize();
        if (!p.startsWith(dataDir)) throw new IOException("store URL outside the data directory: " + url);
        return p;
    }

    /**
     * Publishes {@code coverage} as layer {@code workspace:name} with the default {@code style}, as GeoServer's
     * {@code gs:Import} does. With a {@code time}, the GeoTIFF becomes granule {@code <series>_<time>.tif} of the
     * ImageMosaic layer {@code workspace:<series>}; {@code series} defaults to {@code name} less a trailing
     * {@code _<time>}. Returns the qualified name of the layer WMS serves.
     */
    public String publish(GridCoverage2D coverage, String workspace, String name, String style, String time)
            throws IOException {
        requireName(workspace, "workspace");
        requireName(name, "name");
        synchronized (this) {
            if (style != null && !style.isBlank() && !styles.containsKey(style)) {
                throw new IllegalArgumentException("unknown style '" + style + "'");
            }
        }
        if (time != null && !time.isBlank() && !time.matches("[0-9]{4}([0-9T:\\-.Z]{0,20})")) {
            throw new IllegalArgumentException("time must be an ISO 8601 date or a year, got '" + time + "'");
        }
        // the raster and its overviews are written outside the catalog lock (atomically, file by file), so that
        // several layers can be published at once; only the catalog files and the reload are serialised
        boolean series = time != null && !time.isBlank();
        String layerName = series && name.endsWith("_" + time) ? name.substring(0, name.length() - time.length() - 1) : name;
        requireName(layerName, "name");
        Path tif = series
                ? dataDir.resolve("data").resolve(workspace).resolve(layerName).resolve(layerName + "_" + time + ".tif")
                : dataDir.resolve("data").resolve(workspace).resolve(name + ".tif");
        Files.createDirectories(tif.getParent());
        if (series) requireSameGrid(workspace + ":" + layerName, coverage);
        stageAndMove(coverage, tif);
        synchronized (this) {
            ensureWorkspace(workspace);
            if (!series) {
                writeStore(workspace, name, "GeoTIFF", "file:" + dataDir.relativize(tif), coverage, style, false);
            } else {
                Path dir = tif.getParent();
                writeText(dir.resolve("timeregex.properties"), "regex=" + DEFAULT_TIME_REGEX + "\n");
                writeText(dir.resolve("indexer.properties"), "TimeAttribute=time\n"
                        + "Schema=*the_geom:Polygon,location:String,time:java.util.Date\n"
                        + "PropertyCollectors=TimestampFileNameExtractorSPI[timeregex](time)\n"
                        + "Caching=false\nAbsolutePath=false\nWildcard=*.tif\n");
                writeStore(workspace, layerName, "ImageMosaic", "file:" + dataDir.relativize(dir), coverage, style, true);
            }
            reload();
        }
        return workspace + ":" + layerName;
    }

    /** Where granules are prepared before they are moved into place: inside the data directory, outside every store. */
    private Path staging() {
        return dataDir.resolve("data").resolve(STAGING);
    }

    private static final String STAGING = ".staging";

    /**
     * Writes the GeoTIFF and its overviews into a private staging folder, then moves the overviews and last the
     * GeoTIFF into place (atomic renames on one file system): a granule appears complete or not at all, and never
     * without its overviews, whatever moment the process is killed at. Staging left by a killed run is deleted on
     * open.
     */
    private void stageAndMove(GridCoverage2D coverage, Path tif) throws IOException {
        Files.createDirectories(staging());
        Path dir = Files.createTempDirectory(staging(), "publish-");
        try {
            Path staged = dir.resolve(tif.getFileName());
            GeoTiffs.linkOrWrite(coverage, staged.toFile());
            Overviews.write(staged.toFile());
            Path stagedOvr = Overviews.fileFor(staged.toFile()).toPath();
            Path ovr = Overviews.fileFor(tif.toFile()).toPath();
            if (Files.exists(stagedOvr)) move(stagedOvr, ovr);
            else Files.deleteIfExists(ovr);
            move(staged, tif);
        } finally {
            deleteTree(dir);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.debug("could not delete {}", dir);
        }
    }

    /**
     * A new granule of an existing time series must lie on the series' grid (CRS, pixel size and origin, size):
     * otherwise its epochs would not overlay, and one foreign raster would become the layer's default time.
     */
    private void requireSameGrid(String layerName, GridCoverage2D coverage) throws IOException {
        Layer existing = layers.get(layerName);
        if (existing == null) return;
        GridCoverage2D ref = existing.coverage();
        java.awt.geom.AffineTransform a = (java.awt.geom.AffineTransform) ref.getGridGeometry().getGridToCRS2D();
        java.awt.geom.AffineTransform b = (java.awt.geom.AffineTransform) coverage.getGridGeometry().getGridToCRS2D();
        double tolerance = 1e-6 * Math.max(Math.abs(a.getScaleX()), Math.abs(a.getScaleY()));
        boolean same = CRS.equalsIgnoreMetadata(ref.getCoordinateReferenceSystem2D(), coverage.getCoordinateReferenceSystem2D())
                && ref.getRenderedImage().getWidth() == coverage.getRenderedImage().getWidth()
                && ref.getRenderedImage().getHeight() == coverage.getRenderedImage().getHeight()
                && Math.abs(a.getScaleX() - b.getScaleX()) <= tolerance && Math.abs(a.getScaleY() - b.getScaleY()) <= tolerance
                && Math.abs(a.getShearX() - b.getShearX()) <= tolerance && Math.abs(a.getShearY() - b.getShearY()) <= tolerance
                && Math.abs(a.getTranslateX() - b.getTranslateX()) <= tolerance
                && Math.abs(a.getTranslateY() - b.getTranslateY()) <= tolerance;
        if (!same) {
            throw new org.esvflow.process.InvalidInputException("coverage", "the raster is not on the grid of layer "
                    + layerName + " (" + ref.getRenderedImage().getWidth() + " × " + ref.getRenderedImage().getHeight()
                    + " pixels of " + Math.abs(a.getScaleX()) + " in " + srsOf(ref.getCoordinateReferenceSystem2D())
                    + "); align it first (lu:AlignGrid)");
        }
    }

    private void ensureWorkspace(String ws) throws IOException {
        Path dir = dataDir.resolve("workspaces").resolve(ws);
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve("workspace.xml"))) {
            Xml x = new Xml();
            x.start("workspace").element("id", "WorkspaceInfoImpl--" + ws).element("name", ws).end();
            writeText(dir.resolve("workspace.xml"), x.string());
        }
        if (!Files.exists(dir.resolve("namespace.xml"))) {
            Xml x = new Xml();
            x.start("namespace").element("id", "NamespaceInfoImpl--" + ws).element("prefix", ws)
                    .element("uri", "http://esvflow.org/" + ws).end();
            writeText(dir.resolve("namespace.xml"), x.string());
        }
    }

    private void writeStore(String ws, String name, String type, String url, GridCoverage2D coverage, String style,
                            boolean time) throws IOException {
        String id = ws + "-" + name;
        Path storeDir = dataDir.resolve("workspaces").resolve(ws).resolve(name);
        Path covDir = storeDir.resolve(name);
        Files.createDirectories(covDir);
        Xml store = new Xml();
        store.start("coverageStore").element("id", "CoverageStoreInfoImpl--" + id).element("name", name)
                .element("type", type).element("enabled", "true")
                .start("workspace").element("id", "WorkspaceInfoImpl--" + ws).end()
                .element("__default", "false").element("url", url).end();
        writeText(storeDir.resolve("coveragestore.xml"), store.string());

        CoordinateReferenceSystem crs = coverage.getCoordinateReferenceSystem2D();
        String srs = srsOf(crs);
        ReferencedEnvelope nat = new ReferencedEnvelope(coverage.getEnvelope2D());
        ReferencedEnvelope ll;
        try {
            ll = nat.transform(DefaultGeographicCRS.WGS84, true);
        } catch (Exception e) {
            throw new IOException("cannot compute the lat/lon bounds of " + name, e);
        }
        int w = coverage.getRenderedImage().getWidth();
        int h = coverage.getRenderedImage().getHeight();
        java.awt.geom.AffineTransform g2w = (java.awt.geom.AffineTransform) coverage.getGridGeometry()
                .getGridToCRS2D(org.geotools.api.metadata.spatial.PixelOrientation.UPPER_LEFT);
        Xml cov = new Xml();
        cov.start("coverage").element("id", "CoverageInfoImpl--" + id).element("name", name)
                .element("nativeName", name)
                .start("namespace").element("id", "NamespaceInfoImpl--" + ws).end()
                .element("title", name).element("description", "Published by esvflow")
                .start("keywords").element("string", name).element("string", "WCS").element("string", type).end()
                .element("srs", srs);
        envelope(cov, "nativeBoundingBox", nat, srs);
        envelope(cov, "latLonBoundingBox", ll, "EPSG:4326");
        cov.element("projectionPolicy", "REPROJECT_TO_DECLARED").element("enabled", "true");
        cov.start("metadata");
        if (time) {
            cov.start("entry").attr("key", "time").start("dimensionInfo").element("enabled", "true")
                    .element("presentation", "LIST").element("units", "ISO8601")
                    .start("defaultValue").element("strategy", "MAXIMUM").end().end().end();
        }
        cov.start("entry").attr("key", "dirName").text(name + "_" + name).end();
        cov.end();
        cov.start("store").attr("class", "coverageStore").element("id", "CoverageStoreInfoImpl--" + id).end()
                .element("nativeFormat", type)
                .start("grid").attr("dimension", "2")
                .start("range").element("low", "0 0").element("high", w + " " + h).end()
                .start("transform").element("scaleX", g2w.getScaleX()).element("scaleY", g2w.getScaleY())
                .element("shearX", g2w.getShearX()).element("shearY", g2w.getShearY())
                .element("translateX", g2w.getTranslateX()).element("translateY", g2w.getTranslateY()).end()
                .element("crs", srs).end()
                .start("supportedFormats");
        for (String f : List.of("GEOTIFF", "GIF", "PNG", "JPEG", "TIFF")) cov.element("string", f);
        cov.end().start("interpolationMethods").element("string", "nearest neighbor").end()
                .element("defaultInterpolationMethod", "nearest neighbor")
                .start("dimensions").start("coverageDimension").element("name", "GRAY_INDEX")
                .element("description", "GridSampleDimension[-Infinity,Infinity]").end().end()
                .start("requestSRS").element("string", srs).end()
                .start("responseSRS").element("string", srs).end()
                .element("nativeCoverageName", name).end();
        writeText(covDir.resolve("coverage.xml"), cov.string());

        Xml layer = new Xml();
        layer.start("layer").element("name", name).element("id", "LayerInfoImpl--" + id).element("type", "RASTER");
        if (style != null && !style.isBlank()) {
            layer.start("defaultStyle").element("id", "StyleInfoImpl--" + style).end();
        }
        layer.start("resource").attr("class", "coverage").element("id", "CoverageInfoImpl--" + id).end()
                .element("enabled", "true")
                .start("attribution").element("logoWidth", "0").element("logoHeight", "0").end().end();
        writeText(covDir.resolve("layer.xml"), layer.string());
    }

    private static void envelope(Xml x, String element, ReferencedEnvelope e, String crs) {
        x.start(element).element("minx", e.getMinX()).element("maxx", e.getMaxX()).element("miny", e.getMinY())
                .element("maxy", e.getMaxY()).element("crs", crs).end();
    }

    /** {@code EPSG:n} when the CRS has an EPSG code, WKT otherwise. */
    public static String srsOf(CoordinateReferenceSystem crs) {
        try {
            Integer code = CRS.lookupEpsgCode(crs, true);
            if (code != null) return "EPSG:" + code;
        } catch (Exception e) {
            LOG.debug("no EPSG code for {}", crs.getName());
        }
        return crs.toWKT();
    }

    private static void writeText(Path file, String text) throws IOException {
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

}
