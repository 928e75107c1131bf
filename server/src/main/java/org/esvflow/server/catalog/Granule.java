package org.esvflow.server.catalog;

import java.io.File;
import java.io.IOException;
import java.awt.Rectangle;
import org.geotools.api.parameter.GeneralParameterValue;
import org.geotools.api.parameter.ParameterValue;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridEnvelope2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.coverage.grid.io.AbstractGridFormat;
import org.geotools.coverage.grid.io.OverviewPolicy;
import org.geotools.gce.geotiff.GeoTiffReader;
import org.geotools.geometry.jts.ReferencedEnvelope;
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

    private final long modified;

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

    /**
     * Reads {@code envelope} (native CRS) at about {@code width × height} pixels: GeoTools picks the best overview,
     * or subsamples, so a small map of a large raster never decodes it at full resolution.
     */
    public GridCoverage2D read(ReferencedEnvelope envelope, int width, int height) throws IOException {
        ParameterValue<GridGeometry2D> gg = AbstractGridFormat.READ_GRIDGEOMETRY2D.createValue();
        gg.setValue(new GridGeometry2D(new GridEnvelope2D(new Rectangle(0, 0, Math.max(1, width), Math.max(1, height))), envelope));
        ParameterValue<OverviewPolicy> policy = AbstractGridFormat.OVERVIEW_POLICY.createValue();
        policy.setValue(OverviewPolicy.QUALITY);
        return reader().read(new GeneralParameterValue[] {gg, policy});
    }

    public synchronized void dispose() {
        if (full != null) full.dispose(true);
        if (reader != null) reader.dispose();
        full = null;
        reader = null;
    }
}
