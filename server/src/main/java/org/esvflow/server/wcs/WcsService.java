package org.esvflow.server.wcs;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.raster.Rasters;
import java.awt.geom.AffineTransform;
import java.awt.image.RenderedImage;
import javax.media.jai.operator.CropDescriptor;
import javax.media.jai.operator.TranslateDescriptor;
import org.geotools.referencing.operation.transform.AffineTransform2D;
import org.esvflow.server.catalog.Catalog;
import org.esvflow.server.catalog.Granule;
import org.esvflow.server.catalog.Layer;
import org.esvflow.server.ows.Kvp;
import org.esvflow.server.ows.OwsException;
import org.esvflow.server.ows.OwsResponse;
import org.esvflow.server.ows.RequestContext;
import org.esvflow.server.ows.Xml;
import org.esvflow.server.wps.InProcess;
import org.geotools.api.metadata.spatial.PixelOrientation;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridEnvelope2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.geometry.jts.ReferencedEnvelope;
import org.geotools.referencing.CRS;
import org.geotools.api.referencing.datum.PixelInCell;

/**
 * WCS 2.0.1 for downloads and chaining: GetCapabilities, DescribeCoverage and GetCoverage as GeoTIFF, trimmed by
 * {@code subset=E(min,max)&subset=N(min,max)} (axis labels E/N, x/y, Long/Lat, optional {@code subsettingCrs}) and
 * {@code subset=time("2019")} on time series. Coverage ids follow GeoServer: {@code workspace__layer}.
 */
public final class WcsService implements InProcess {
    private static final Pattern SUBSET = Pattern.compile("\\s*([A-Za-z_]+)\\s*\\((.*)\\)\\s*");
    private final Catalog catalog;
    private final Path tempDir;

    public WcsService(Catalog catalog, Path tempDir) {
        this.catalog = catalog;
        this.tempDir = tempDir;
    }

    public OwsResponse handle(Kvp kvp, RequestContext ctx) throws IOException {
        String request = kvp.require("request");
        switch (request.toLowerCase(Locale.ROOT)) {
            case "getcapabilities":
                return OwsResponse.xml(capabilities(ctx));
            case "describecoverage":
                return OwsResponse.xml(describe(kvp.require("coverageId")));
            case "getcoverage":
                return download(kvp);
            default:
                throw new OwsException("OperationNotSupported", "request", "unknown WCS operation " + request);
        }
    }

    static String coverageId(Layer l) {
        return l.workspace() + "__" + l.name();
    }

    private Layer layer(String coverageId) {
        Layer l = catalog.layer(coverageId.replace("__", ":"));
        if (l == null) throw new OwsException("NoSuchCoverage", "coverageId", "no such coverage: " + coverageId, 404);
        return l;
    }

    private byte[] capabilities(RequestContext ctx) throws IOException {
        Xml x = new Xml();
        x.start(Xml.WCS, "Capabilities").ns(Xml.WCS).ns(Xml.OWS2).ns(Xml.XLINK).attr("version", "2.0.1");
        x.start(Xml.OWS2, "ServiceIdentification").element(Xml.OWS2, "Title", "esvflow Web Coverage Service")
                .element(Xml.OWS2, "ServiceType", "urn:ogc:service:wcs").element(Xml.OWS2, "ServiceTypeVersion", "2.0.1")
                .element(Xml.OWS2, "Profile", "http://www.opengis.net/spec/WCS/2.0/conf/core")
                .element(Xml.OWS2, "Profile", "http://www.opengis.net/spec/WCS_protocol-binding_get-kvp/1.0/conf/get-kvp")
                .element(Xml.OWS2, "Profile", "http://www.opengis.net/spec/GMLCOV_geotiff-coverages/1.0/conf/geotiff-coverage")
                .end();
        x.start(Xml.OWS2, "ServiceProvider").element(Xml.OWS2, "ProviderName", "esvflow").start(Xml.OWS2, "ServiceContact").end().end();
        x.start(Xml.OWS2, "OperationsMetadata");
        for (String op : new String[] {"GetCapabilities", "DescribeCoverage", "GetCoverage"}) {
            x.start(Xml.OWS2, "Operation").attr("name", op).start(Xml.OWS2, "DCP").start(Xml.OWS2, "HTTP")
                    .start(Xml.OWS2, "Get").attr(Xml.XLINK, "href", ctx.baseUrl() + "/wcs?").end().end().end().end();
        }
        x.end();
        x.start(Xml.WCS, "ServiceMetadata").element(Xml.WCS, "formatSupported", "image/tiff").end();
        x.start(Xml.WCS, "Contents");
        for (Layer l : catalog.layers()) {
            x.start(Xml.WCS, "CoverageSummary").element(Xml.WCS, "CoverageId", coverageId(l))
                    .element(Xml.WCS, "CoverageSubtype", "RectifiedGridCoverage").end();
        }
        x.end().end();
        return x.bytes();
    }

    private byte[] describe(String ids) throws IOException {
        Xml x = new Xml();
        x.start(Xml.WCS, "CoverageDescriptions").ns(Xml.WCS).ns(Xml.GML).ns(Xml.GMLCOV).ns(Xml.SWE);
        for (String id : ids.split(",")) {
            Layer l = layer(id.trim());
            GridCoverage2D c = l.coverage();
            String srs = srsUri(c.getCoordinateReferenceSystem2D());
            ReferencedEnvelope e = l.envelope();
            GridEnvelope2D range = c.getGridGeometry().getGridRange2D();
            java.awt.geom.AffineTransform g2w = (java.awt.geom.AffineTransform) c.getGridGeometry()
                    .getGridToCRS2D(PixelOrientation.CENTER);
            x.start(Xml.WCS, "CoverageDescription").attr(Xml.GML, "id", coverageId(l));
            x.start(Xml.GML, "boundedBy").start(Xml.GML, "Envelope").attr("srsName", srs).attr("axisLabels", "E N")
                    .attr("uomLabels", "m m").attr("srsDimension", 2)
                    .element(Xml.GML, "lowerCorner", e.getMinX() + " " + e.getMinY())
                    .element(Xml.GML, "upperCorner", e.getMaxX() + " " + e.getMaxY()).end().end();
            x.element(Xml.WCS, "CoverageId", coverageId(l));
            x.start(Xml.GML, "domainSet").start(Xml.GML, "RectifiedGrid").attr(Xml.GML, "id", "grid00__" + coverageId(l))
                    .attr("dimension", 2)
                    .start(Xml.GML, "limits").start(Xml.GML, "GridEnvelope")
                    .element(Xml.GML, "low", range.x + " " + range.y)
                    .element(Xml.GML, "high", (range.x + range.width - 1) + " " + (range.y + range.height - 1)).end().end()
                    .element(Xml.GML, "axisLabels", "i j")
                    .start(Xml.GML, "origin").start(Xml.GML, "Point").attr(Xml.GML, "id", "p00_" + coverageId(l))
                    .attr("srsName", srs).element(Xml.GML, "pos", g2w.getTranslateX() + " " + g2w.getTranslateY()).end().end()
                    .start(Xml.GML, "offsetVector").attr("srsName", srs).text(g2w.getScaleX() + " " + g2w.getShearY()).end()
                    .start(Xml.GML, "offsetVector").attr("srsName", srs).text(g2w.getShearX() + " " + g2w.getScaleY()).end()
                    .end().end();
            x.start(Xml.GMLCOV, "rangeType").start(Xml.SWE, "DataRecord").start(Xml.SWE, "field").attr("name", "GRAY_INDEX")
                    .start(Xml.SWE, "Quantity").start(Xml.SWE, "nilValues").start(Xml.SWE, "NilValues")
                    .start(Xml.SWE, "nilValue").attr("reason", "http://www.opengis.net/def/nil/OGC/0/unknown")
                    .text(l.nodata()).end().end().end()
                    .start(Xml.SWE, "uom").attr("code", "W.m-2.Sr-1").end().end().end().end().end();
            x.start(Xml.WCS, "ServiceParameters").element(Xml.WCS, "CoverageSubtype", "RectifiedGridCoverage").element(Xml.WCS, "nativeFormat", "image/tiff").end();
            x.end();
        }
        x.end();
        return x.bytes();
    }

    private static String srsUri(CoordinateReferenceSystem crs) {
        String srs = Catalog.srsOf(crs);
        return srs.startsWith("EPSG:") ? "http://www.opengis.net/def/crs/EPSG/0/" + srs.substring(5) : srs;
    }

    private OwsResponse download(Kvp kvp) throws IOException {
        String format = kvp.get("format", "image/tiff");
        if (!format.equals("image/tiff") && !format.equals("image/geotiff")) {
            throw OwsException.invalid("format", "only image/tiff is supported");
        }
        Layer l = layer(kvp.require("coverageId"));
        GridCoverage2D c = (GridCoverage2D) coverage(kvp);
        Files.createDirectories(tempDir);
        Path file = Files.createTempFile(tempDir, l.name(), ".tif");
        GeoTiffs.write(c, file.toFile());
        return new OwsResponse(200, "image/tiff", null, file, l.name() + ".tif");
    }

    /** The coverage selected by a GetCoverage request, lazily read (in-process chaining gets no copy). */
    @Override
    public Object coverage(Kvp kvp) {
        Layer l = layer(kvp.require("coverageId"));
        try {
            String time = null;
            double[] e = null;
            double[] n = null;
            for (String subset : kvp.all("subset")) {
                Matcher m = SUBSET.matcher(subset);
                if (!m.matches()) throw OwsException.invalid("subset", "malformed subset " + subset);
                String axis = m.group(1).toLowerCase(Locale.ROOT);
                String[] bounds = m.group(2).split(",");
                switch (axis) {
                    case "time", "t" -> time = bounds[0].trim().replace("\"", "");
                    case "e", "x", "long", "lon", "easting" -> e = numbers(bounds, subset);
                    case "n", "y", "lat", "northing" -> n = numbers(bounds, subset);
                    default -> throw new OwsException("InvalidAxisLabel", "subset", "unknown axis " + m.group(1));
                }
            }
            Granule g = l.granule(time);
            if (g == null) throw OwsException.invalid("subset", "no coverage at time " + time);
            try {
                g.verify();
            } catch (Granule.Unreadable u) {
                throw new OwsException("NoApplicableCode", "coverageId", "coverage " + l.qualifiedName()
                        + (g.time() != null ? " at time " + g.time() : "") + " cannot be read: its data file is damaged", 503);
            }
            GridCoverage2D full = g.coverage();
            if (e == null && n == null) return full;
            ReferencedEnvelope nat = new ReferencedEnvelope(full.getEnvelope2D());
            CoordinateReferenceSystem subsetCrs = nat.getCoordinateReferenceSystem();
            String sc = kvp.get("subsettingCrs");
            if (sc != null) subsetCrs = CRS.decode(sc.replaceAll(".*/EPSG/0/", "EPSG:"), true);
            ReferencedEnvelope wanted = new ReferencedEnvelope(
                    e == null ? nat.getMinX() : e[0], e == null ? nat.getMaxX() : e[1],
                    n == null ? nat.getMinY() : n[0], n == null ? nat.getMaxY() : n[1], subsetCrs);
            if (sc != null) wanted = wanted.transform(nat.getCoordinateReferenceSystem(), true);
            return crop(full, wanted);
        } catch (OwsException ex) {
            throw ex;
        } catch (Exception ex) {
            throw OwsException.invalid("subset", "the subset cannot be applied: " + ex.getMessage());
        }
    }

    private static double[] numbers(String[] bounds, String subset) {
        try {
            double a = Double.parseDouble(bounds[0].trim());
            double b = bounds.length > 1 ? Double.parseDouble(bounds[1].trim()) : a;
            if (b < a) throw OwsException.invalid("subset", "lower bound above upper bound in " + subset);
            return new double[] {a, b};
        } catch (NumberFormatException ex) {
            throw OwsException.invalid("subset", "not numeric: " + subset);
        }
    }

    /** Native-resolution window of {@code full} covering {@code wanted}: a lazy crop, no pixel is copied here. */
    private static GridCoverage2D crop(GridCoverage2D full, ReferencedEnvelope wanted) throws Exception {
        GridGeometry2D grid = full.getGridGeometry();
        GridEnvelope2D window = grid.worldToGrid(wanted);
        Rectangle r = window.intersection(grid.getGridRange2D());
        if (r.isEmpty()) throw OwsException.invalid("subset", "the subset does not intersect the coverage");
        AffineTransform ul = new AffineTransform((AffineTransform) grid.getGridToCRS2D(PixelOrientation.UPPER_LEFT));
        ul.translate(r.x, r.y);
        RenderedImage cropped = CropDescriptor.create(full.getRenderedImage(), (float) r.x, (float) r.y,
                (float) r.width, (float) r.height, null);
        RenderedImage image = TranslateDescriptor.create(cropped, (float) -r.x, (float) -r.y, null, null);
        GridGeometry2D sub = new GridGeometry2D(new GridEnvelope2D(0, 0, r.width, r.height), PixelInCell.CELL_CORNER,
                new AffineTransform2D(ul), grid.getCoordinateReferenceSystem2D(), null);
        return Rasters.coverage(full.getName().toString(), image, sub, Rasters.nodata(full));
    }
}
