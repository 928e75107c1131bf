package org.esvflow.hai;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.DataBuffer;
import java.util.Locale;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.Rasters;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.referencing.CRS;
import org.esvflow.vector.GeoJson;

/** Small hand-built rasters on a 30 m UTM 50N grid (0.09 ha per pixel) and rectangular regions in pixel units. */
final class HaiTestRasters {
    static final double ORIGIN_X = 600_000, ORIGIN_Y = 4_500_000, PIXEL = 30;

    private HaiTestRasters() {}

    static GridGeometry2D grid(int width, int height) {
        try {
            return Rasters.grid(width, height, ORIGIN_X, ORIGIN_Y, PIXEL, CRS.decode("EPSG:32650", true));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A byte class raster with nodata 255. */
    static GridCoverage2D classes(int[][] codes) {
        int h = codes.length, w = codes[0].length;
        return Rasters.coverage("landuse", new ComputedImage(w, h, 256, DataBuffer.TYPE_BYTE, t -> {
            for (int y = t.getMinY(); y < t.getMinY() + t.getHeight(); y++)
                for (int x = t.getMinX(); x < t.getMinX() + t.getWidth(); x++) t.setSample(x, y, 0, codes[y][x]);
        }), grid(w, h), 255);
    }

    /** A float raster with nodata -9999. */
    static GridCoverage2D values(String name, int width, int height, ValueFunction f) {
        return Rasters.coverage(name, new ComputedImage(width, height, 256, DataBuffer.TYPE_FLOAT, t -> {
            for (int y = t.getMinY(); y < t.getMinY() + t.getHeight(); y++)
                for (int x = t.getMinX(); x < t.getMinX() + t.getWidth(); x++) t.setSample(x, y, 0, f.value(x, y));
        }), grid(width, height), -9999);
    }

    @FunctionalInterface
    interface ValueFunction {
        double value(int x, int y);
    }

    /** Rectangles {x0, x1, y0, y1} (pixel columns/rows, end exclusive) as named regions in the grid's CRS. */
    static SimpleFeatureCollection regions(String[] names, int[][] boxes) throws Exception {
        StringBuilder json = new StringBuilder("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
                + "{\"name\":\"urn:ogc:def:crs:EPSG::32650\"}},\"features\":[");
        for (int i = 0; i < names.length; i++) {
            int[] b = boxes[i];
            double ax = ORIGIN_X + b[0] * PIXEL, bx = ORIGIN_X + b[1] * PIXEL;
            double ay = ORIGIN_Y - b[2] * PIXEL, by = ORIGIN_Y - b[3] * PIXEL;
            if (i > 0) json.append(',');
            json.append(String.format(Locale.ROOT, "{\"type\":\"Feature\",\"properties\":{\"name\":\"%s\"},"
                    + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}}",
                    names[i], ax, ay, bx, ay, bx, by, ax, by, ax, ay));
        }
        json.append("]}");
        return GeoJson.read(new ObjectMapper().readTree(json.toString()), "regions");
    }
}
