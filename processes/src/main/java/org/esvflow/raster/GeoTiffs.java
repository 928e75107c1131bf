package org.esvflow.raster;

import it.geosolutions.imageio.plugins.tiff.TIFFImageWriteParam;
import java.awt.image.RenderedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.esvflow.io.AtomicFiles;
import org.esvflow.process.InvalidInputException;
import org.geotools.api.parameter.GeneralParameterValue;
import org.geotools.api.parameter.ParameterValueGroup;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridCoverageFactory;
import org.geotools.coverage.grid.io.AbstractGridFormat;
import org.geotools.gce.geotiff.GeoTiffFormat;
import org.geotools.gce.geotiff.GeoTiffReader;
import org.geotools.gce.geotiff.GeoTiffWriteParams;
import org.geotools.gce.geotiff.GeoTiffWriter;
import org.geotools.util.factory.Hints;

/**
 * Reads and writes GeoTIFF. Writes are tiled, deflate-compressed, carry an explicit nodata value, switch to BigTIFF
 * when the uncompressed payload could exceed 4 GB, and are atomic: the file appears complete or not at all.
 */
public final class GeoTiffs {
    /** Uncompressed size above which BigTIFF is forced; deflate may not help enough, so stay well under 2^32. */
    static final long BIGTIFF_THRESHOLD_BYTES = 3_900_000_000L;
    /**
     * Tiles are deflated by {@link ParallelDeflate} at level 1; this quality (level 1 + 8q in the TIFF plugin) only
     * matters to a writer that falls back to the plugin's own compressor. Level 1 (q = 0) writes
     * float rasters about three times faster than level 9 for files a few per cent larger (measured on 2000² NPP-like
     * float32: 0.7 s, 11.8 MB vs 2.2 s, 11.4 MB).
     */
    static final float DEFLATE_QUALITY = 0f;
    /** Coverage property naming the tiled GeoTIFF a coverage was read from, unchanged. */
    static final String SOURCE_FILE = "esvflow.sourceFile";

    private GeoTiffs() {}

    /**
     * Opens a GeoTIFF lazily: pixels are read tile by tile when asked for, so any size can be opened. The layout is
     * checked first ({@link TiffLayout}, default limits): a hostile or truncated file never reaches the reader.
     *
     * @param input the input name used in error messages
     */
    public static GridCoverage2D read(File file, String input) {
        return read(file, input, TiffLayout.Limits.DEFAULT);
    }

    /** {@link #read(File, String)} with the layout checked against {@code limits} (a server's input limits). */
    public static GridCoverage2D read(File file, String input, TiffLayout.Limits limits) {
        if (file == null) throw new InvalidInputException(input, "no file given");
        if (!file.isFile()) throw new InvalidInputException(input, "file not found: " + file);
        TiffLayout.Info layout;
        try {
            layout = TiffLayout.check(file, input, limits);
        } catch (InvalidInputException e) {
            String why = e.getMessage().startsWith(input + ": ") ? e.getMessage().substring(input.length() + 2) : e.getMessage();
            throw new InvalidInputException(input, "not a readable GeoTIFF: " + file.getName() + " (" + why + ")", e);
        }
        try {
            Hints hints = new Hints(Hints.FORCE_LONGITUDE_FIRST_AXIS_ORDER, Boolean.TRUE);
            CoordinateReferenceSystem known = KnownEpsgCrs.of(layout.geoKeys(), layout.geoDoubles());
            if (known != null) hints.put(Hints.DEFAULT_COORDINATE_REFERENCE_SYSTEM, known); // the reader then skips its decoder
            GeoTiffReader reader = new GeoTiffReader(file, hints);
            GridCoverage2D coverage = reader.read(null);
            GridCoverage2D direct = withDirectTiles(coverage, file);
            if (direct != coverage) {
                coverage.dispose(true);
                reader.dispose(); // the direct tiles have their own stream
            }
            return direct;
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage().startsWith(input + ": ") ? e.getMessage().substring(input.length() + 2) : e.getMessage();
            throw new InvalidInputException(input, "not a readable GeoTIFF: " + file.getName() + " (" + why + ")", e);
        }
    }

    /**
     * Prepares the CRS of a GeoTIFF ahead of {@link #read}: true when its GeoKeys state a code of the EPSG table
     * ({@link KnownEpsgCrs}; the parsed CRS is kept for the read), false when the read will need GeoTools' EPSG
     * database (or the file cannot be checked: the read reports that).
     */
    public static boolean prepareCrs(File file) {
        try {
            TiffLayout.Info layout = TiffLayout.check(file, "raster", TiffLayout.Limits.DEFAULT);
            return KnownEpsgCrs.of(layout.geoKeys(), layout.geoDoubles()) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The same coverage (grid, sample dimensions, nodata) over a {@link TiffTileImage} when the file is tiled and
     * GeoTools read its full resolution; otherwise the coverage unchanged.
     */
    private static GridCoverage2D withDirectTiles(GridCoverage2D coverage, File file) throws IOException {
        RenderedImage image = coverage.getRenderedImage();
        TiffTileImage tiles = TiffTileImage.open(file);
        if (tiles == null) return coverage;
        if (tiles.getWidth() != image.getWidth() || tiles.getHeight() != image.getHeight()
                || tiles.getSampleModel().getNumBands() != image.getSampleModel().getNumBands()
                || tiles.getSampleModel().getDataType() != image.getSampleModel().getDataType()) {
            tiles.dispose();
            return coverage;
        }
        Map<Object, Object> properties = new HashMap<>(coverage.getProperties() == null ? Map.of() : coverage.getProperties());
        properties.put(SOURCE_FILE, file.getAbsoluteFile());
        return new GridCoverageFactory().create(coverage.getName().toString(), tiles, coverage.getGridGeometry(),
                coverage.getSampleDimensions(), null, properties);
    }

    /**
     * Stores {@code coverage} as a GeoTIFF at {@code file}: the same file under a second name (a hard link, or a copy
     * across file systems) when the coverage is an unmodified read of a tiled GeoTIFF, so publishing a stored result
     * writes no byte; else a write.
     */
    public static void linkOrWrite(GridCoverage2D coverage, File file) throws IOException {
        Object source = coverage.getProperty(SOURCE_FILE);
        if (source instanceof File from && from.isFile() && !from.getAbsoluteFile().equals(file.getAbsoluteFile())) {
            AtomicFiles.linkOrCopy(from.toPath(), file.toPath());
        } else {
            write(coverage, file);
        }
    }

    public static GridCoverage2D read(File file) {
        return read(file, file == null ? "raster" : file.getName());
    }

    /**
     * Writes with 256×256 tiles and deflate compression; the nodata tag is taken from the coverage. Single-band
     * rasters go through {@link TiledTiffWriter} (the same georeferencing, written several times faster), others
     * through GeoTools' writer.
     */
    public static void write(GridCoverage2D coverage, File file) throws IOException {
        write(coverage, file, 256);
    }

    public static void write(GridCoverage2D coverage, File file, int tileSize) throws IOException {
        if (TiledTiffWriter.accepts(coverage)) { // one band, east-north CRS, classic TIFF: our streaming writer
            AtomicFiles.write(file.toPath(), temp -> TiledTiffWriter.write(coverage, temp, tileSize));
            return;
        }
        writeWithGeoTools(coverage, file, tileSize);
    }

    /** GeoTools' GeoTIFF writer with {@link ParallelDeflate}; any coverage, BigTIFF when needed. */
    static void writeWithGeoTools(GridCoverage2D coverage, File file, int tileSize) throws IOException {
        GridCoverage2D written = rowAhead(coverage);
        AtomicFiles.write(file.toPath(), temp -> {
            GeoTiffWriter writer = new GeoTiffWriter(temp.toFile());
            try {
                writer.write(written, writeParameters(written, tileSize));
            } finally {
                writer.dispose();
            }
        });
    }

    /**
     * A computed coverage seen through a {@link RowAheadImage}, so the next tile row is computed while the writer
     * deflates the current one; other coverages unchanged.
     */
    private static GridCoverage2D rowAhead(GridCoverage2D coverage) {
        if (!(coverage.getRenderedImage() instanceof ComputedImage computed)) return coverage;
        return new GridCoverageFactory().create(coverage.getName().toString(), new RowAheadImage(computed),
                coverage.getGridGeometry(), coverage.getSampleDimensions(), null, coverage.getProperties());
    }

    static GeneralParameterValue[] writeParameters(GridCoverage2D coverage, int tileSize) {
        GeoTiffWriteParams wp = new GeoTiffWriteParams();
        wp.setCompressionMode(GeoTiffWriteParams.MODE_EXPLICIT);
        wp.setCompressionType("Deflate");
        wp.setCompressionQuality(DEFLATE_QUALITY);
        ((TIFFImageWriteParam) wp.getAdaptee()).setTIFFCompressor(new ParallelDeflate());
        wp.setTilingMode(GeoTiffWriteParams.MODE_EXPLICIT);
        wp.setTiling(tileSize, tileSize);
        if (uncompressedBytes(coverage.getRenderedImage()) > BIGTIFF_THRESHOLD_BYTES) {
            wp.setForceToBigTIFF(true);
        }
        ParameterValueGroup params = new GeoTiffFormat().getWriteParameters();
        params.parameter(AbstractGridFormat.GEOTOOLS_WRITE_PARAMS.getName().toString()).setValue(wp);
        return params.values().toArray(new GeneralParameterValue[0]);
    }

    static long uncompressedBytes(RenderedImage image) {
        int bits = image.getSampleModel().getSampleSize(0);
        return (long) image.getWidth() * image.getHeight() * image.getSampleModel().getNumBands() * Math.max(1, bits / 8);
    }
}
