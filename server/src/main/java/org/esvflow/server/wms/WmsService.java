package org.esvflow.server.wms;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.esvflow.server.ServerConfig;
import org.esvflow.server.catalog.Catalog;
import org.esvflow.style.ColorMap;
import org.esvflow.server.catalog.Granule;
import org.esvflow.server.catalog.Layer;
import org.esvflow.server.ows.Kvp;
import org.esvflow.server.ows.OwsException;
import org.esvflow.server.ows.OwsResponse;
import org.esvflow.server.ows.RequestContext;
import org.esvflow.server.ows.Xml;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.operation.TransformException;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.geometry.Position2D;
import org.geotools.geometry.jts.ReferencedEnvelope;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;

/**
 * WMS 1.3.0 and 1.1.1: GetCapabilities, GetMap (PNG, JPEG), GetFeatureInfo (text/plain, application/json) and
 * GetLegendGraphic. In 1.3.0, EPSG:4326 and other latitude-first CRSs take BBOX in latitude, longitude order;
 * CRS:84 and 1.1.1 are always longitude first.
 */
public final class WmsService {
    static final List<String> CRSS = List.of("EPSG:4326", "CRS:84", "EPSG:3857");
    private static final String GREY = "raster";
    /** Largest coordinate magnitude a BBOX may hold: beyond every CRS's domain, far below overflow. */
    static final double MAX_COORDINATE = 1e10;
    private final Catalog catalog;
    private final int maxPixels;
    private final int maxWidth;
    private final int maxHeight;
    private final int maxLayers;
    private final long maxRenderNanos;
    private final Map<String, CoordinateReferenceSystem> crsCache = new ConcurrentHashMap<>();
    private final Map<String, Boolean> latFirst = new ConcurrentHashMap<>();

    public WmsService(Catalog catalog, ServerConfig config) {
        this.catalog = catalog;
        this.maxPixels = config.maxMapPixels();
        this.maxWidth = config.maxMapWidth();
        this.maxHeight = config.maxMapHeight();
        this.maxLayers = config.maxLayersPerMap();
        this.maxRenderNanos = config.maxRenderTime().toNanos();
    }

    int maxWidth() {
        return maxWidth;
    }

    int maxHeight() {
        return maxHeight;
    }

    public OwsResponse handle(Kvp kvp, RequestContext ctx) throws IOException {
        String request = kvp.require("request");
        String version = version(kvp);
        switch (request.toLowerCase(Locale.ROOT)) {
            case "getcapabilities":
                return OwsResponse.of("1.1.1".equals(version) ? "application/vnd.ogc.wms_xml" : "text/xml",
                        WmsCapabilities.write(catalog, ctx, version, this));
            case "getmap":
                return getMap(kvp, version);
            case "getfeatureinfo":
                return featureInfo(kvp, version);
            case "getlegendgraphic":
                return legend(kvp);
            case "getstyles":
                java.nio.file.Path sld = styleFile(kvp);
                return OwsResponse.file(org.esvflow.style.Sld.MIME_TYPE, sld, sld.getFileName().toString());
            default:
                throw new OwsException("OperationNotSupported", "request", "unknown WMS operation " + request);
        }
    }

    public static String version(Kvp kvp) {
        String v = kvp.get("version", kvp.get("wmtver", "1.3.0"));
        return v.equals("1.1.1") || v.equals("1.1.0") ? "1.1.1" : "1.3.0";
    }

    CoordinateReferenceSystem crs(String code) {
        return crsCache.computeIfAbsent(code.toUpperCase(Locale.ROOT), c -> {
            try {
                if (c.equals("CRS:84")) return DefaultGeographicCRS.WGS84;
                return CRS.decode(c, true);
            } catch (Exception e) {
                throw new OwsException("InvalidCRS", "CRS", "unknown CRS " + code);
            }
        });
    }

    /** True when the CRS's authority axis order is north first (EPSG:4326), which WMS 1.3.0 honours in BBOX. */
    boolean northFirst(String code) {
        return latFirst.computeIfAbsent(code.toUpperCase(Locale.ROOT), c -> {
            if (!c.startsWith("EPSG:")) return false;
            try {
                return CRS.getAxisOrder(CRS.decode(c, false)) == CRS.AxisOrder.NORTH_EAST;
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** The map extent in longitude/easting-first order. */
    ReferencedEnvelope mapEnvelope(Kvp kvp, String version) {
        String crsParam = "1.1.1".equals(version) ? "SRS" : "CRS";
        String code = kvp.get(crsParam, kvp.get("1.1.1".equals(version) ? "CRS" : "SRS"));
        if (code == null) throw OwsException.missing(crsParam);
        CoordinateReferenceSystem crs;
        try {
            crs = crs(code);
        } catch (OwsException e) {
            throw new OwsException("InvalidCRS", crsParam, e.getMessage());
        }
        String[] parts = kvp.require("BBOX").split(",");
        if (parts.length != 4) throw OwsException.invalid("BBOX", "BBOX needs four numbers");
        double[] b = new double[4];
        try {
            for (int i = 0; i < 4; i++) b[i] = Double.parseDouble(parts[i].trim());
        } catch (NumberFormatException e) {
            throw OwsException.invalid("BBOX", "BBOX is not numeric");
        }
        for (double v : b) {
            if (!(Math.abs(v) <= MAX_COORDINATE)) { // also false for NaN
                throw OwsException.invalid("BBOX", "BBOX coordinates must be finite numbers within ±" + MAX_COORDINATE);
            }
        }
        if ("1.3.0".equals(version) && northFirst(code)) {
            b = new double[] {b[1], b[0], b[3], b[2]};
        }
        if (b[0] >= b[2] || b[1] >= b[3]) throw OwsException.invalid("BBOX", "BBOX minimum is not below maximum");
        return new ReferencedEnvelope(b[0], b[2], b[1], b[3], crs);
    }

    private List<Layer> layers(String list, String locator) {
        List<Layer> out = new ArrayList<>();
        String[] names = list.split(",");
        if (names.length > maxLayers) {
            throw OwsException.invalid(locator, locator + " names " + names.length + " layers; at most " + maxLayers
                    + " are drawn in one request");
        }
        for (String name : names) {
            Layer l = catalog.layer(name.trim());
            if (l == null) throw new OwsException("LayerNotDefined", locator, "unknown layer " + name);
            out.add(l);
        }
        return out;
    }

    private ColorMap style(Layer l, String requested) throws IOException {
        String name = requested == null || requested.isBlank() ? l.style() : requested.trim();
        if (name == null) name = GREY;
        ColorMap map = catalog.colorMap(name);
        if (map == null && requested != null && !requested.isBlank()) {
            throw new OwsException("StyleNotDefined", "STYLES", "unknown style " + requested);
        }
        if (map == null) {
            map = new ColorMap(ColorMap.Type.RAMP, List.of(new ColorMap.Entry(0, 0x000000, 1, "0"),
                    new ColorMap.Entry(255, 0xFFFFFF, 1, "255")));
        }
        return map;
    }

    /**
     * The granule of {@code l} a TIME value selects (WMS 1.3.0 Annex C): none or {@code current} = the latest; one
     * ISO 8601 instant equal to a granule's time (a year is its 1 January, 00:00 UTC); a list or a
     * {@code start/end[/period]} range when it selects exactly one granule, since a map shows one time. Anything
     * else is {@code InvalidDimensionValue}.
     */
    static Granule granule(Layer l, String time) {
        if (time == null || time.isBlank() || !l.hasTime()) return l.granule(null);
        List<Granule> selected = new ArrayList<>();
        try {
            for (String value : time.split(",", -1)) {
                String v = value.trim();
                String[] range = v.split("/", -1);
                if (range.length == 1) {
                    Granule g = l.granule(v);
                    if (g != null && !selected.contains(g)) selected.add(g);
                } else if (range.length <= 3) {
                    for (Granule g : l.granules(range[0].trim(), range[1].trim())) {
                        if (!selected.contains(g)) selected.add(g);
                    }
                } else {
                    throw new IllegalArgumentException("'" + v + "' is not a time range (start/end/period)");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new OwsException("InvalidDimensionValue", "TIME", "TIME " + time + ": " + e.getMessage()
                    + "; layer " + l.qualifiedName() + " has " + String.join(",", l.times()));
        }
        if (selected.size() != 1) {
            throw new OwsException("InvalidDimensionValue", "TIME", "TIME " + time + (selected.isEmpty()
                    ? " matches no time of layer " + l.qualifiedName()
                    : " selects " + selected.size() + " times of layer " + l.qualifiedName() + "; a map shows one")
                    + "; available: " + String.join(",", l.times()));
        }
        return selected.get(0);
    }

    private OwsResponse getMap(Kvp kvp, String version) throws IOException {
        List<Layer> layers = layers(kvp.require("LAYERS"), "LAYERS");
        String stylesParam = kvp.get("STYLES", "");
        String[] styles = stylesParam.split(",", -1);
        int width = kvp.requireInt("WIDTH", 1, maxWidth);
        int height = kvp.requireInt("HEIGHT", 1, maxHeight);
        if ((long) width * height > maxPixels) throw OwsException.invalid("WIDTH", "the map is larger than " + maxPixels + " pixels");
        String format = kvp.require("FORMAT").toLowerCase(Locale.ROOT);
        boolean jpeg = format.equals("image/jpeg");
        if (!jpeg && !format.startsWith("image/png")) {
            throw new OwsException("InvalidFormat", "FORMAT", "unsupported format " + format);
        }
        boolean transparent = kvp.flag("TRANSPARENT") && !jpeg;
        int background = 0xFFFFFF;
        String bg = kvp.get("BGCOLOR");
        if (bg != null) {
            try {
                background = Integer.parseInt(bg.replaceFirst("^(0x|0X|#)", ""), 16) & 0xFFFFFF;
            } catch (NumberFormatException e) {
                throw OwsException.invalid("BGCOLOR", "BGCOLOR must be 0xRRGGBB");
            }
        }
        ReferencedEnvelope map = mapEnvelope(kvp, version);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        if (!transparent) {
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(background));
            g.fillRect(0, 0, width, height);
            g.dispose();
        }
        String time = kvp.get("TIME");
        List<Granule> granules = new ArrayList<>();
        for (Layer l : layers) granules.add(granule(l, time));
        long deadline = System.nanoTime() + maxRenderNanos;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            ColorMap colors = style(l, i < styles.length ? styles[i] : null);
            try {
                MapRenderer.paint(image, map, readable(l, granules.get(i), "LAYERS"), colors, deadline);
            } catch (TransformException e) {
                throw new OwsException("InvalidCRS", "1.1.1".equals(version) ? "SRS" : "CRS", e.getMessage());
            } catch (MapRenderer.DeadlineExceeded e) {
                throw new OwsException("NoApplicableCode", "LAYERS", "the map was not drawn within the render "
                        + "time limit of " + maxRenderNanos / 1_000_000_000.0 + " s; ask for fewer layers or pixels", 503);
            } catch (Granule.Unreadable e) {
                throw damaged(l, granules.get(i), "LAYERS");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (jpeg) {
            BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
            ImageIO.write(rgb, "jpeg", out);
            return OwsResponse.of("image/jpeg", out.toByteArray());
        }
        ImageIO.write(image, "png", out);
        return OwsResponse.of("image/png", out.toByteArray());
    }

    private OwsResponse featureInfo(Kvp kvp, String version) throws IOException {
        List<Layer> layers = layers(kvp.require("QUERY_LAYERS"), "QUERY_LAYERS");
        int width = kvp.requireInt("WIDTH", 1, 16384);
        int height = kvp.requireInt("HEIGHT", 1, 16384);
        boolean v13 = "1.3.0".equals(version);
        int i = kvp.requireInt(v13 ? "I" : "X", 0, width - 1);
        int j = kvp.requireInt(v13 ? "J" : "Y", 0, height - 1);
        String format = kvp.get("INFO_FORMAT", "text/plain");
        if (!format.equals("text/plain") && !format.equals("application/json")) {
            throw new OwsException("InvalidFormat", "INFO_FORMAT", "unsupported INFO_FORMAT " + format);
        }
        ReferencedEnvelope map = mapEnvelope(kvp, version);
        double x = map.getMinX() + (i + 0.5) * map.getWidth() / width;
        double y = map.getMaxY() - (j + 0.5) * map.getHeight() / height;
        StringBuilder text = new StringBuilder();
        List<String> features = new ArrayList<>();
        String time = kvp.get("TIME");
        for (Layer l : layers) {
            Granule g = readable(l, granule(l, time), "QUERY_LAYERS");
            GridCoverage2D c = g.coverage();
            double value;
            try {
                double[] pt = {x, y};
                CRS.findMathTransform(map.getCoordinateReferenceSystem(), c.getCoordinateReferenceSystem2D(), true)
                        .transform(pt, 0, pt, 0, 1);
                if (!c.getEnvelope2D().contains(pt[0], pt[1])) continue;
                Position2D p = new Position2D(c.getCoordinateReferenceSystem2D(), pt[0], pt[1]);
                value = c.evaluate((org.geotools.api.geometry.Position) p, (double[]) null)[0];
            } catch (Exception e) {
                continue; // the point has no position in this layer's CRS: nothing to report for it
            }
            double nodata = l.nodata();
            boolean isNodata = Double.isNaN(value) || value == nodata;
            String v = isNodata ? "null" : format(value, c.getRenderedImage().getSampleModel().getDataType());
            text.append("Results for FeatureType '").append(l.qualifiedName()).append("':\n")
                    .append("--------------------------------------------\n")
                    .append("GRAY_INDEX = ").append(isNodata ? "" : v).append('\n')
                    .append("--------------------------------------------\n");
            features.add("{\"type\":\"Feature\",\"id\":\"" + l.qualifiedName() + "\",\"geometry\":null,"
                    + "\"properties\":{\"GRAY_INDEX\":" + v + "}}");
        }
        if (format.equals("application/json")) {
            String json = "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features)
                    + "],\"totalFeatures\":\"unknown\",\"numberReturned\":" + features.size() + "}";
            return OwsResponse.text("application/json", json);
        }
        if (text.length() == 0) text.append("no features were found\n");
        return OwsResponse.text("text/plain; charset=UTF-8", text.toString());
    }

    /** {@code g} once its file is checked complete (tile offsets and byte counts inside the file). */
    private static Granule readable(Layer l, Granule g, String locator) {
        try {
            g.verify();
            return g;
        } catch (Granule.Unreadable e) {
            throw damaged(l, g, locator);
        }
    }

    /** The exception for a granule whose file is damaged: names the layer and time, not the file. */
    private static OwsException damaged(Layer l, Granule g, String locator) {
        return new OwsException("NoApplicableCode", locator, "layer " + l.qualifiedName()
                + (g.time() != null ? " at TIME " + g.time() : "") + " cannot be read: its data file is damaged", 503);
    }

    /** A pixel value as stored: float32 values without the digits their widening to double invents. */
    static String format(double value, int dataType) {
        if (dataType == java.awt.image.DataBuffer.TYPE_FLOAT) {
            return new java.math.BigDecimal(Float.toString((float) value)).stripTrailingZeros().toPlainString();
        }
        return org.esvflow.table.Csv.format(value);
    }

    /**
     * GetStyles (SLD profile of WMS, as GeoServer answers it): the SLD document of the default style of the one layer
     * named in {@code LAYERS}, so that clients (QGIS, the map figures) colour a layer exactly as GetMap does.
     */
    public java.nio.file.Path styleFile(Kvp kvp) {
        String name = kvp.require("LAYERS").trim();
        if (name.contains(",")) throw OwsException.invalid("LAYERS", "GetStyles answers one layer at a time");
        Layer l = catalog.layer(name);
        if (l == null) throw new OwsException("LayerNotDefined", "LAYERS", "unknown layer " + name);
        java.nio.file.Path sld = catalog.styleFile(l.style());
        if (sld == null) throw new OwsException("StyleNotDefined", "LAYERS", "layer " + name + " has no SLD style");
        return sld;
    }

    private OwsResponse legend(Kvp kvp) throws IOException {
        Layer l = catalog.layer(kvp.require("LAYER"));
        if (l == null) throw new OwsException("LayerNotDefined", "LAYER", "unknown layer " + kvp.get("LAYER"));
        ColorMap colors = style(l, kvp.get("STYLE"));
        int sw = kvp.get("WIDTH") == null ? 20 : kvp.requireInt("WIDTH", 4, 256);
        int sh = kvp.get("HEIGHT") == null ? 20 : kvp.requireInt("HEIGHT", 4, 256);
        List<ColorMap.Entry> entries = colors.entries();
        int labelWidth = 160;
        BufferedImage img = new BufferedImage(sw + 8 + labelWidth, Math.max(1, entries.size()) * (sh + 2) + 2,
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, sh * 3 / 5)));
        for (int k = 0; k < entries.size(); k++) {
            ColorMap.Entry e = entries.get(k);
            int y = 1 + k * (sh + 2);
            int a = (int) Math.round(e.opacity() * 255);
            g.setColor(new Color((e.rgb() >> 16) & 0xFF, (e.rgb() >> 8) & 0xFF, e.rgb() & 0xFF, a));
            g.fillRect(1, y, sw, sh);
            g.setColor(Color.DARK_GRAY);
            g.drawRect(1, y, sw - 1, sh - 1);
            g.setColor(Color.BLACK);
            String label = e.label() == null || e.label().isBlank() ? org.esvflow.table.Csv.format(e.quantity()) : e.label();
            g.drawString(label, sw + 6, y + sh * 3 / 4);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return OwsResponse.of("image/png", out.toByteArray());
    }
}
