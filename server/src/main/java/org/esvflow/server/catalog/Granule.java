package org.esvflow.server.catalog;

import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Rectangle2D;
import java.awt.image.Raster;
import java.io.File;
import org.geotools.api.metadata.spatial.PixelOrientation;
import org.geotools.geometry.jts.ReferencedEnvelope;
import java.io.IOException;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.gce.geotiff.GeoTiffReader;
import org.geotools.util.factory.Hints;

/**
 * One GeoTIFF of a layer, optionally for one time (an epoch such as {@code 2019}). The reader is opened once and
 * shared: GeoTools coverage readers are safe for concurrent reads, as GeoServer's resource pool relies on.
 */
public final class Granule {
    private final File file;
    private final String time;
    private volatile GeoTiffReader reader;
    private volatile GridCoverage2D full;
    private volatile Pyramid pyramid;

    private final long modified;
    /** Null until checked; then "" when whole, else why not. */
    private volatile String damage;

    /** A granule whose file (or its overviews) is cut short or malformed; the message says how, without paths. */
    public static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    public Granule(File file, String time) {
        this(file, time, file.lastModified());
    }

    Granule(File file, String time, long modified) {
        this.file = file;
        this.time = time;
        this.modified = modified;
    }

    /** Identity of the file's content: path, time and modification time. */
    String key() {
        return file.getAbsolutePath() + "|" + time + "|" + modified;
    }

    public File file() {
        return file;
    }

    /** The epoch or ISO 8601 time of this granule, or null for a layer without a time dimension. */
    public String time() {
        return time;
    }

    /**
     * Checks once that the file and its {@code .ovr} are whole ({@link org.esvflow.raster.TiffLayout}, the check inputs get
     * too): the directories, their values and every tile lie inside the file.
     * Throws {@link Unreadable} when not, every time it is asked.
     */
    public void verify() {
        String d = damage;
        if (d == null) {
            synchronized (this) {
                if (damage == null) damage = check();
                d = damage;
            }
        }
        if (!d.isEmpty()) throw new Unreadable(d);
    }

    private String check() {
        for (File f : new File[] {file, org.esvflow.raster.Overviews.fileFor(file)}) {
            if (f != file && !f.isFile()) continue;
            try {
                org.esvflow.raster.TiffLayout.check(f, f.getName(), org.esvflow.raster.TiffLayout.Limits.DEFAULT);
            } catch (org.esvflow.process.InvalidInputException e) {
                org.slf4j.LoggerFactory.getLogger(Granule.class).warn("granule {} is damaged: {}", f, e.getMessage());
                return (f == file ? "" : "overviews: ") + e.getMessage();
            }
        }
        return "";
    }

    public GeoTiffReader reader() throws IOException {
        GeoTiffReader r = reader;
        if (r == null) {
            synchronized (this) {
                if (reader == null) {
                    reader = new GeoTiffReader(file, new Hints(Hints.FORCE_LONGITUDE_FIRST_AXIS_ORDER, Boolean.TRUE));
                }
                r = reader;
            }
        }
        return r;
    }

    /** The whole coverage, read lazily tile by tile. */
    public GridCoverage2D coverage() throws IOException {
        GridCoverage2D c = full;
        if (c == null) {
            synchronized (this) {
                if (full == null) full = reader().read(null);
                c = full;
            }
        }
        return c;
    }

    /** Pixels for a map: {@code data} is located in its level's grid, which {@code gridToWorld} (corner) places. */
    public record MapSource(Raster data, AffineTransform gridToWorld) {}

    /**
     * The pixels under {@code area} (native CRS) from the coarsest level still at least as fine as
     * {@code width × height} pixels over it; null when the area misses the raster.
     */
    public MapSource readForMap(ReferencedEnvelope area, int width, int height) throws IOException {
        GridCoverage2D c = coverage();
        AffineTransform fullG2W = (AffineTransform) c.getGridGeometry().getGridToCRS2D(PixelOrientation.UPPER_LEFT);
        Pyramid p = pyramid();
        double fullPixels = Math.min(area.getWidth() / Math.abs(fullG2W.getScaleX()) / width,
                area.getHeight() / Math.abs(fullG2W.getScaleY()) / height);
        Pyramid.Level level = p.choose(fullPixels);
        AffineTransform g2w = p.gridToWorld(fullG2W, level);
        Rectangle window;
        try {
            window = g2w.createInverse().createTransformedShape(new Rectangle2D.Double(area.getMinX(), area.getMinY(),
                    area.getWidth(), area.getHeight())).getBounds();
        } catch (NoninvertibleTransformException e) {
            throw new IOException("singular grid in " + file.getName(), e);
        }
        window.grow(1, 1);
        window = window.intersection(new Rectangle(0, 0, level.width(), level.height()));
        if (window.isEmpty()) return null;
        return new MapSource(p.read(level, window), g2w);
    }

    /** The resolution levels of the file (full image and overviews), opened once. */
    Pyramid pyramid() throws IOException {
        Pyramid p = pyramid;
        if (p == null) {
            synchronized (this) {
                if (pyramid == null) pyramid = Pyramid.open(file);
                p = pyramid;
            }
        }
        return p;
    }

    public synchronized void dispose() {
        if (full != null) full.dispose(true);
        if (reader != null) reader.dispose();
        if (pyramid != null) pyramid.close();
        full = null;
        reader = null;
        pyramid = null;
    }
}
