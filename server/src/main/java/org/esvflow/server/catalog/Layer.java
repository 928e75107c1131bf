package org.esvflow.server.catalog;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.esvflow.raster.Rasters;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.geometry.jts.ReferencedEnvelope;

/**
 * A published raster layer: one GeoTIFF, or several per time (GeoServer's ImageMosaic with a time attribute).
 * Granules are sorted by time; the last one is the default, as GeoServer's default time is the most recent.
 */
public final class Layer {
    private final String workspace;
    private final String name;
    private final String title;
    private final String style;
    private final List<Granule> granules;

    public Layer(String workspace, String name, String title, String style, List<Granule> granules) {
        this.workspace = workspace;
        this.name = name;
        this.title = title == null ? name : title;
        this.style = style;
        this.granules = List.copyOf(granules);
        if (this.granules.isEmpty()) throw new IllegalArgumentException("layer " + name + " has no data");
    }

    public String workspace() {
        return workspace;
    }

    public String name() {
        return name;
    }

    /** {@code workspace:name}, the WMS layer name. */
    public String qualifiedName() {
        return workspace + ":" + name;
    }

    public String title() {
        return title;
    }

    /** Default style name, or null. */
    public String style() {
        return style;
    }

    public List<Granule> granules() {
        return granules;
    }

    public boolean hasTime() {
        return granules.get(0).time() != null;
    }

    public List<String> times() {
        return granules.stream().map(Granule::time).filter(Objects::nonNull).toList();
    }

    /**
     * The granule for a WMS/WCS TIME value: the latest when {@code time} is null or {@code current}; otherwise the
     * granule whose time is a prefix of the requested one or vice versa ({@code 2019} matches
     * {@code 2019-01-01T00:00:00Z}). Null when none matches.
     */
    public Granule granule(String time) {
        if (time == null || time.isBlank() || time.equalsIgnoreCase("current") || !hasTime()) {
            return granules.get(granules.size() - 1);
        }
        String t = time.trim();
        for (Granule g : granules) {
            if (t.startsWith(g.time()) || g.time().startsWith(t)) return g;
        }
        return null;
    }

    public GridCoverage2D coverage() throws IOException {
        return granules.get(granules.size() - 1).coverage();
    }

    public CoordinateReferenceSystem crs() throws IOException {
        return coverage().getCoordinateReferenceSystem2D();
    }

    public ReferencedEnvelope envelope() throws IOException {
        return new ReferencedEnvelope(coverage().getEnvelope2D());
    }

    public double nodata() throws IOException {
        return Rasters.nodata(coverage());
    }
}
