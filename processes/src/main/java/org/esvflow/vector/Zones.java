package org.esvflow.vector;

import java.awt.geom.AffineTransform;
import java.awt.image.DataBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.Rasters;
import org.geotools.api.feature.simple.SimpleFeature;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.metadata.spatial.PixelOrientation;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.data.simple.SimpleFeatureIterator;
import org.geotools.geometry.jts.JTS;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Region polygons burnt onto a raster grid: a pixel belongs to a region when its centre lies inside the polygon
 * (even-odd rule, holes respected). Zone {@code k ≥ 1} is the k-th feature; 0 is outside every region.
 * The zone raster is computed tile by tile on demand, so it costs no memory for large grids.
 */
public final class Zones {
    private final List<String> ids;
    private final List<String> names;
    private final List<double[][]> edgesByZone; // per zone: {x1, y1, x2, y2} in pixel coordinates
    private final List<Envelope> pixelEnvelopes;

    private Zones(List<String> ids, List<String> names, List<double[][]> edges, List<Envelope> envelopes) {
        this.ids = ids;
        this.names = names;
        this.edgesByZone = edges;
        this.pixelEnvelopes = envelopes;
    }

    /**
     * @param idField attribute holding the region id (feature id when null or absent)
     * @param nameField attribute holding a display name (the id when null or absent)
     */
    public static Zones of(SimpleFeatureCollection regions, String idField, String nameField, GridGeometry2D grid, String input) {
        CoordinateReferenceSystem source = regions.getSchema().getCoordinateReferenceSystem();
        if (source == null) source = DefaultGeographicCRS.WGS84;
        MathTransform toGridCrs;
        try {
            toGridCrs = CRS.findMathTransform(source, grid.getCoordinateReferenceSystem2D(), true);
        } catch (Exception e) {
            throw new InvalidInputException(input, "cannot transform regions to the raster CRS: " + e.getMessage(), e);
        }
        AffineTransform crsToGrid;
        try {
            crsToGrid = ((AffineTransform) grid.getGridToCRS2D(PixelOrientation.UPPER_LEFT)).createInverse();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<String> ids = new ArrayList<>(), names = new ArrayList<>();
        List<double[][]> edges = new ArrayList<>();
        List<Envelope> envelopes = new ArrayList<>();
        try (SimpleFeatureIterator it = regions.features()) {
            while (it.hasNext()) {
                SimpleFeature f = it.next();
                String id = attribute(f, idField, f.getID());
                ids.add(id);
                names.add(attribute(f, nameField, id));
                Geometry g;
                try {
                    g = JTS.transform((Geometry) f.getDefaultGeometry(), toGridCrs);
                } catch (Exception e) {
                    throw new InvalidInputException(input, "region " + id + " cannot be transformed: " + e.getMessage(), e);
                }
                List<double[]> list = new ArrayList<>();
                Envelope env = new Envelope();
                for (int p = 0; p < g.getNumGeometries(); p++) {
                    if (!(g.getGeometryN(p) instanceof Polygon polygon)) continue;
                    addRing(polygon.getExteriorRing(), crsToGrid, list, env);
                    for (int h = 0; h < polygon.getNumInteriorRing(); h++) addRing(polygon.getInteriorRingN(h), crsToGrid, list, env);
                }
                edges.add(list.toArray(new double[0][]));
                envelopes.add(env);
            }
        }
        return new Zones(List.copyOf(ids), List.copyOf(names), edges, envelopes);
    }

    private static String attribute(SimpleFeature f, String field, String fallback) {
        if (field == null || f.getFeatureType().getDescriptor(field) == null) return fallback;
        Object v = f.getAttribute(field);
        if (v == null) return fallback;
        if (v instanceof Double d && d == Math.rint(d)) return String.valueOf(d.longValue());
        return v.toString();
    }

    private static void addRing(LinearRing ring, AffineTransform crsToGrid, List<double[]> edges, Envelope env) {
        Coordinate[] cs = ring.getCoordinates();
        double[] pts = new double[cs.length * 2];
        for (int i = 0; i < cs.length; i++) {
            pts[2 * i] = cs[i].x;
            pts[2 * i + 1] = cs[i].y;
        }
        crsToGrid.transform(pts, 0, pts, 0, cs.length);
        for (int i = 0; i + 1 < cs.length; i++) {
            double x1 = pts[2 * i], y1 = pts[2 * i + 1], x2 = pts[2 * i + 2], y2 = pts[2 * i + 3];
            if (y1 != y2) edges.add(new double[] {x1, y1, x2, y2});
            env.expandToInclude(x1, y1);
        }
    }

    public int size() {
        return ids.size();
    }

    /** Region id of zone {@code k} (1-based). */
    public String id(int zone) {
        return ids.get(zone - 1);
    }

    public String name(int zone) {
        return names.get(zone - 1);
    }

    /**
     * Fills {@code zones} (row-major, {@code width × height}) for the pixel window starting at ({@code x0}, {@code y0}).
     */
    public void fill(int x0, int y0, int width, int height, int[] zones) {
        Arrays.fill(zones, 0, width * height, 0);
        double[] crossings = new double[64];
        for (int z = 0; z < edgesByZone.size(); z++) {
            Envelope env = pixelEnvelopes.get(z);
            if (env.isNull() || env.getMaxX() < x0 || env.getMinX() > x0 + width
                    || env.getMaxY() < y0 || env.getMinY() > y0 + height) continue;
            double[][] edges = edgesByZone.get(z);
            for (int row = 0; row < height; row++) {
                double cy = y0 + row + 0.5;
                if (cy < env.getMinY() || cy > env.getMaxY()) continue;
                int n = 0;
                for (double[] e : edges) {
                    if ((e[1] <= cy) != (e[3] <= cy)) {
                        if (n == crossings.length) crossings = Arrays.copyOf(crossings, n * 2);
                        crossings[n++] = e[0] + (cy - e[1]) * (e[2] - e[0]) / (e[3] - e[1]);
                    }
                }
                Arrays.sort(crossings, 0, n);
                for (int i = 0; i + 1 < n; i += 2) {
                    // pixel column c has centre c + 0.5: inside when left < c + 0.5 < right
                    int from = Math.max(x0, (int) Math.ceil(crossings[i] - 0.5));
                    int to = Math.min(x0 + width - 1, (int) Math.ceil(crossings[i + 1] - 0.5) - 1);
                    int base = row * width - x0;
                    for (int c = from; c <= to; c++) {
                        if (zones[base + c] == 0) zones[base + c] = z + 1;
                    }
                }
            }
        }
    }

    /** The zone raster on {@code grid} (int32, 0 = outside), computed lazily per tile. */
    public GridCoverage2D raster(GridGeometry2D grid, int tileSize) {
        int width = grid.getGridRange2D().width, height = grid.getGridRange2D().height;
        ComputedImage image = new ComputedImage(width, height, tileSize, DataBuffer.TYPE_INT, target -> {
            int w = target.getWidth(), h = target.getHeight();
            int[] buffer = new int[w * h];
            fill(target.getMinX(), target.getMinY(), w, h, buffer);
            target.setSamples(target.getMinX(), target.getMinY(), w, h, 0, buffer);
        });
        return Rasters.coverage("zones", image, grid, 0);
    }
}
