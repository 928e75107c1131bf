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
     * The granule for one WMS/WCS TIME value: the latest when {@code time} is null or {@code current}; otherwise the
     * granule whose time is the same instant ({@code 2019} = {@code 2019-01-01} = {@code 2019-01-01T00:00:00Z}, see
     * {@link Times}). Null when none matches; an {@link IllegalArgumentException} when {@code time} is not ISO 8601.
     */
    public Granule granule(String time) {
        if (time == null || time.isBlank() || time.trim().equalsIgnoreCase("current") || !hasTime()) {
            return granules.get(granules.size() - 1);
        }
        java.time.Instant t = Times.parse(time.trim());
        for (Granule g : granules) {
            if (t.equals(Times.parseOrNull(g.time()))) return g;
        }
        return null;
    }

    /** The granules whose time lies in {@code [start, end]} (ISO 8601, {@code current} = the latest time). */
    public List<Granule> granules(String start, String end) {
        if (!hasTime()) return List.of(granules.get(granules.size() - 1));
        java.time.Instant from = start.equalsIgnoreCase("current") ? Times.parseOrNull(granules.get(granules.size() - 1).time()) : Times.parse(start);
        java.time.Instant to = end.equalsIgnoreCase("current") ? Times.parseOrNull(granules.get(granules.size() - 1).time()) : Times.parse(end);
        if (from == null || to == null || from.isAfter(to)) throw new IllegalArgumentException("range " + start + "/" + end + " is empty");
        return granules.stream().filter(g -> {
            java.time.Instant t = Times.parseOrNull(g.time());
            return t != null && !t.isBefore(from) && !t.isAfter(to);
        }).toList();
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
