package org.esvflow.figure;

import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.esvflow.process.Document;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.esvflow.process.Results;
import org.esvflow.raster.Grids;
import org.esvflow.style.ColorMap;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.data.simple.SimpleFeatureIterator;
import org.geotools.geometry.jts.JTS;
import org.geotools.geometry.jts.LiteShape;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;
import org.geotools.process.factory.DescribeResults;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.locationtech.jts.geom.Geometry;

/** One layer over several epochs as a publication-ready multi-panel map figure, PNG and vector PDF. */
@DescribeProcess(
        title = "Multi-panel map figure",
        description = "Draws one raster per panel (e.g. one epoch each) at one shared extent and scale, coloured by the "
                + "layer's SLD colour map (the same colours as the WMS), with panel titles, coordinate ticks in "
                + "degrees, region boundaries, one legend with its title (give the units there), a scale bar (true "
                + "length at the map centre: the axis unit for projected CRSs, the geodesic length on the ellipsoid at "
                + "the centre latitude for geographic ones) and a north arrow. Written as a PNG of round(width/25.4 × "
                + "dpi) × round(height/25.4 × dpi) pixels and as a one-page vector PDF of the same physical size.")
public class MapPanelsProcess {
    static final int MAX_PANELS = 12;
    static final long MAX_PIXELS = 150_000_000L;

    /** The figure as PNG and PDF, and where its parts are (pixels of the PNG). */
    public record Result(Document png, Document pdf, MapFigure.Summary layout) {}

    @DescribeResults({
        @DescribeResult(name = "png", type = Document.class, description = "The figure as a PNG at the DPI asked (pHYs set)."),
        @DescribeResult(name = "pdf", type = Document.class, description = "The figure as a one-page vector PDF of the same size."),
        @DescribeResult(name = "layout", type = MapFigure.Summary.class,
                description = "Pixel size, panel frames, legend swatches (label, colour), scale bar (metres, pixels).")
    })
    public Map<String, Object> execute(
            @DescribeParameter(name = "rasters", collectionType = GridCoverage2D.class, min = 1, max = MAX_PANELS,
                    description = "One raster per panel, in panel order (band 0; one CRS; the extent shown is their union).")
                    List<GridCoverage2D> rasters,
            @DescribeParameter(name = "colorMap", description = "The layer's style: an SLD whose first RasterSymbolizer "
                    + "ColorMap colours the rasters (e.g. geoserver-data/styles/esv.sld, or the WMS GetStyles answer).")
                    ColorMap colorMap,
            @DescribeParameter(name = "titles", min = 0, description = "Panel titles, comma-separated (e.g. the years "
                    + "2013,2023); default: the rasters' names.") String titles,
            @DescribeParameter(name = "boundaries", min = 0, description = "Region polygons drawn as outlines (any CRS; "
                    + "transformed to the rasters').") SimpleFeatureCollection boundaries,
            @DescribeParameter(name = "title", min = 0, description = "Figure title above the panels; none by default.")
                    String title,
            @DescribeParameter(name = "legendTitle", min = 0, description = "Legend title with units, e.g. "
                    + "'ESV (CNY/ha/yr)'.") String legendTitle,
            @DescribeParameter(name = "columns", min = 0, description = "Panels per row, 1–12; default: all of "
                    + "up to 3 panels, 2 for 4, else 3.")
                    Integer columns,
            @DescribeParameter(name = "width", min = 0, defaultValue = "180", description = "Figure width in mm, "
                    + "20–1000 (180 mm: a two-column journal figure).") Double width,
            @DescribeParameter(name = "height", min = 0, description = "Figure height in mm, 20–1000; default: what the "
                    + "panels need at that width. Maps shrink to fit a smaller height.") Double height,
            @DescribeParameter(name = "dpi", min = 0, defaultValue = "300", description = "Resolution of the PNG and of the "
                    + "rasters inside the PDF, dots per inch, 72–1200.") Integer dpi,
            ProgressListener monitor) {
        if (rasters == null || rasters.isEmpty()) throw new InvalidInputException("rasters", "is required");
        if (rasters.size() > MAX_PANELS) throw new InvalidInputException("rasters", "at most " + MAX_PANELS + " panels");
        if (colorMap == null) throw new InvalidInputException("colorMap", "is required");
        double widthMm = width == null ? 180 : width;
        if (!(widthMm >= 20 && widthMm <= 1000)) throw new InvalidInputException("width", "must be 20–1000 mm, got " + width);
        if (height != null && !(height >= 20 && height <= 1000)) {
            throw new InvalidInputException("height", "must be 20–1000 mm, got " + height);
        }
        int d = dpi == null ? 300 : dpi;
        if (d < 72 || d > 1200) throw new InvalidInputException("dpi", "must be 72–1200, got " + d);
        int n = rasters.size();
        int cols = columns != null ? columns : n <= 3 ? n : n == 4 ? 2 : 3;
        if (cols < 1 || cols > MAX_PANELS) throw new InvalidInputException("columns", "must be 1–12, got " + cols);
        CoordinateReferenceSystem crs = rasters.get(0).getCoordinateReferenceSystem2D();
        for (int i = 1; i < rasters.size(); i++) {
            if (!Grids.sameCrs(crs, rasters.get(i).getCoordinateReferenceSystem2D())) {
                throw new InvalidInputException("rasters", "raster " + (i + 1) + " is not in the CRS of the first ("
                        + crs.getName().getCode() + ")");
            }
        }
        List<String> names = new ArrayList<>();
        if (titles != null && !titles.isBlank()) {
            names.addAll(Arrays.stream(titles.split(",")).map(String::trim).toList());
            if (names.size() != rasters.size()) {
                throw new InvalidInputException("titles", names.size() + " titles for " + rasters.size() + " rasters");
            }
        } else {
            for (GridCoverage2D r : rasters) names.add(r.getName().toString());
        }
        if (Legend.items(colorMap).isEmpty()) throw new InvalidInputException("colorMap", "has no visible entry");

        Progress.started(monitor);
        double[] extent = PanelRaster.extent(rasters.get(0));
        for (GridCoverage2D r : rasters) {
            double[] e = PanelRaster.extent(r);
            extent = new double[] {Math.min(extent[0], e[0]), Math.min(extent[1], e[1]), Math.max(extent[2], e[2]),
                    Math.max(extent[3], e[3])};
        }
        double aspect = (extent[3] - extent[1]) / (extent[2] - extent[0]);
        double footer = Legend.heightPt(colorMap, FigureLayout.legendWidthPt(widthMm));
        FigureLayout layout;
        try {
            layout = FigureLayout.of(rasters.size(), cols, aspect, widthMm, height, d, title != null && !title.isBlank(), footer);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("height", e.getMessage());
        }
        if ((long) layout.widthPx() * layout.heightPx() > MAX_PIXELS) {
            throw new InvalidInputException("dpi", layout.widthPx() + " × " + layout.heightPx()
                    + " pixels exceed the limit of " + MAX_PIXELS + "; lower the DPI or the size");
        }
        Shape outlines = boundaries == null ? null : outlines(boundaries, crs);
        List<BufferedImage> panels = new ArrayList<>();
        float share = 80f / rasters.size();
        for (int i = 0; i < rasters.size(); i++) {
            var m = layout.maps().get(i);
            panels.add(PanelRaster.render(rasters.get(i), colorMap, extent, m.width, m.height, monitor, i * share, (i + 1) * share));
        }
        MapFigure.Spec spec = new MapFigure.Spec(panels, names, extent, crs, outlines, colorMap, legendTitle, title);
        MapFigure.Summary[] summary = new MapFigure.Summary[1];
        byte[] png, pdf;
        try {
            png = FigureFiles.png(layout, g -> summary[0] = MapFigure.draw(g, layout, spec));
            Progress.report(monitor, 90f);
            pdf = FigureFiles.pdf(layout, g -> MapFigure.draw(g, layout, spec));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the figure could not be written: " + e.getMessage(), e);
        }
        Progress.completed(monitor);
        String stem = "map_panels";
        return Results.of(new Result(new Document(stem + ".png", Document.PNG, png), new Document(stem + ".pdf", Document.PDF, pdf),
                summary[0]));
    }

    /** Every polygon's rings as one shape in the rasters' CRS. */
    static Shape outlines(SimpleFeatureCollection regions, CoordinateReferenceSystem target) {
        CoordinateReferenceSystem source = regions.getSchema().getCoordinateReferenceSystem();
        if (source == null) source = DefaultGeographicCRS.WGS84;
        MathTransform mt;
        try {
            mt = Grids.sameCrs(source, target) ? null : CRS.findMathTransform(source, target, true);
        } catch (Exception e) {
            throw new InvalidInputException("boundaries", "cannot transform to the rasters' CRS: " + e.getMessage(), e);
        }
        Path2D.Double all = new Path2D.Double();
        try (SimpleFeatureIterator it = regions.features()) {
            while (it.hasNext()) {
                Object g = it.next().getDefaultGeometry();
                if (!(g instanceof Geometry geom) || geom.isEmpty()) continue;
                try {
                    Geometry inCrs = mt == null ? geom : JTS.transform(geom, mt);
                    all.append(new LiteShape(inCrs.getBoundary(), null, false), false);
                } catch (Exception e) {
                    throw new InvalidInputException("boundaries", "a polygon cannot be transformed: " + e.getMessage(), e);
                }
            }
        }
        return all;
    }
}
