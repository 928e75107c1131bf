package org.esvflow.raster;

import java.awt.Point;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.media.jai.ImageLayout;
import javax.media.jai.PlanarImage;
import it.geosolutions.imageio.stream.input.FileImageInputStreamExtImpl;
import it.geosolutions.imageioimpl.plugins.tiff.TIFFImageReaderSpi;

/**
 * The full-resolution image of a tiled TIFF, each tile decoded straight from the file when asked for. The JAI
 * {@code ImageRead} operation behind GeoTools' reader decodes the same tiles and then copies them sample by sample
 * into its own tiles, which costs as much as the decoding; this image hands out the decoded tile itself. Threads
 * decode tiles concurrently, each with a reader (and file stream) of its own taken from a pool.
 */
final class TiffTileImage extends PlanarImage {
    private final File file;
    private final ConcurrentLinkedQueue<ImageReader> idle = new ConcurrentLinkedQueue<>();
    private final List<ImageReader> all = new CopyOnWriteArrayList<>();
    private volatile boolean disposed;

    private TiffTileImage(ImageLayout layout, File file, ImageReader first) {
        super(layout, null, null);
        this.file = file;
        idle.add(first);
        all.add(first);
    }

    private static ImageReader reader(File file) throws IOException {
        ImageInputStream in = new FileImageInputStreamExtImpl(file);
        ImageReader reader = new TIFFImageReaderSpi().createReaderInstance();
        reader.setInput(in);
        return reader;
    }

    /** Opens {@code file} if its first image is tiled; null otherwise (the caller keeps GeoTools' image). */
    static TiffTileImage open(File file) throws IOException {
        ImageReader reader = reader(file);
        if (!reader.isImageTiled(0)) {
            close(reader);
            return null;
        }
        var type = reader.getRawImageType(0);
        int tw = reader.getTileWidth(0), th = reader.getTileHeight(0);
        ImageLayout layout = new ImageLayout(0, 0, reader.getWidth(0), reader.getHeight(0), 0, 0, tw, th,
                type.getSampleModel(tw, th), type.getColorModel());
        return new TiffTileImage(layout, file, reader);
    }

    @Override
    public Raster getTile(int tileX, int tileY) {
        Raster decoded;
        ImageReader reader = idle.poll();
        try {
            if (reader == null) {
                reader = reader(file);
                all.add(reader);
            }
            decoded = reader.readTile(0, tileX, tileY).getRaster();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tile " + tileX + "," + tileY + " of " + file.getName(), e);
        } finally {
            if (reader != null) {
                if (disposed) close(reader);
                else idle.add(reader);
            }
        }
        int x = tileXToX(tileX), y = tileYToY(tileY);
        if (decoded.getWidth() == getTileWidth() && decoded.getHeight() == getTileHeight()) return decoded.createTranslatedChild(x, y);
        // edge tiles come back clipped to the image; JAI expects every tile at the full tile size
        WritableRaster full = Raster.createWritableRaster(getSampleModel(), new Point(x, y));
        full.setRect(x, y, decoded);
        return full;
    }

    @Override
    public synchronized void dispose() {
        disposed = true;
        for (ImageReader reader : all) close(reader);
        all.clear();
        idle.clear();
        super.dispose();
    }

    private static void close(ImageReader reader) {
        try {
            Object input = reader.getInput();
            reader.dispose();
            if (input instanceof ImageInputStream stream) stream.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
