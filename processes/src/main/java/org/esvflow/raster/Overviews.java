package org.esvflow.raster;

import it.geosolutions.imageio.plugins.tiff.BaselineTIFFTagSet;
import it.geosolutions.imageio.plugins.tiff.TIFFImageWriteParam;
import it.geosolutions.imageioimpl.plugins.tiff.TIFFImageMetadata;
import it.geosolutions.imageioimpl.plugins.tiff.TIFFImageWriterSpi;
import java.awt.Rectangle;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.io.File;
import java.awt.image.SampleModel;
import java.io.UncheckedIOException;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.FileImageOutputStream;
import org.esvflow.io.AtomicFiles;
import org.geotools.coverage.grid.GridCoverage2D;

/**
 * External overviews for a GeoTIFF: {@code <file>.tif.ovr}, the layout {@code gdaladdo} writes and both GDAL and
 * GeoTools' GeoTiffReader read. Each level halves the previous one (sizes {@code ceil(w / 2^k)}) by nearest
 * neighbour — the upper-left pixel of each 2 × 2 block, as gdaladdo -r nearest does — which keeps class codes and
 * nodata intact. Levels are added until the smallest fits in one 256 × 256 tile. Memory stays bounded by a row of
 * tiles whatever the raster size; the base is decoded once for all levels.
 */
public final class Overviews {
    private static final int TILE = 256;

    private Overviews() {}

    /** The overview file GDAL and GeoTools look for next to {@code tif}. */
    public static File fileFor(File tif) {
        return new File(tif.getPath() + ".ovr");
    }

    /** Sizes of the overview levels of a {@code width × height} raster, largest first. */
    public static List<int[]> levels(int width, int height) {
        List<int[]> out = new ArrayList<>();
        int w = width;
        int h = height;
        while (w > TILE || h > TILE) {
            w = (w + 1) / 2;
            h = (h + 1) / 2;
            out.add(new int[] {w, h});
        }
        return out;
    }

    /**
     * Writes {@code <tif>.ovr} atomically; returns the number of levels (0 when the raster fits in one tile).
     *
     * <p>Level k takes base pixel (2^k·x, 2^k·y) — the same pixel repeated halving picks — so all levels are cut from
     * one pass over the base, tile by tile, into raw temporary files (in the system temporary folder, a third of the
     * base's size together); the overview pages are then written from those files. The base is decoded once.
     */
    public static int write(File tif) throws IOException {
        GridCoverage2D coverage = GeoTiffs.read(tif);
        List<RawLevel> raw = new ArrayList<>();
        try {
            RenderedImage base = coverage.getRenderedImage();
            List<int[]> sizes = levels(base.getWidth(), base.getHeight());
            File target = fileFor(tif);
            if (sizes.isEmpty()) {
                Files.deleteIfExists(target.toPath());
                return 0;
            }
            for (int k = 0; k < sizes.size(); k++) raw.add(new RawLevel(k + 1, sizes.get(k), base.getSampleModel()));
            cut(base, raw);
            AtomicFiles.write(target.toPath(), temp -> {
                ImageWriter writer = new TIFFImageWriterSpi().createWriterInstance();
                try (ImageOutputStream out = new FileImageOutputStream(temp.toFile())) {
                    writer.setOutput(out);
                    writer.prepareWriteSequence(null);
                    for (RawLevel level : raw) {
                        RenderedImage image = level.image();
                        TIFFImageWriteParam param = deflateTiles();
                        TIFFImageMetadata metadata = (TIFFImageMetadata) writer.getDefaultImageMetadata(
                                new ImageTypeSpecifier(image), param);
                        metadata.addShortOrLongField(BaselineTIFFTagSet.TAG_NEW_SUBFILE_TYPE,
                                BaselineTIFFTagSet.NEW_SUBFILE_TYPE_REDUCED_RESOLUTION);
                        writer.writeToSequence(new IIOImage(image, null, metadata), param);
                    }
                    writer.endWriteSequence();
                } finally {
                    writer.dispose();
                }
            });
            return sizes.size();
        } finally {
            for (RawLevel level : raw) level.close();
            coverage.dispose(true);
        }
    }

    /** One pass over the base, a row of tiles at a time (tiles in parallel): every level's pixels go to its file. */
    private static void cut(RenderedImage base, List<RawLevel> levels) throws IOException {
        int tiles = (base.getWidth() + TILE - 1) / TILE, rows = (base.getHeight() + TILE - 1) / TILE;
        for (int ty = 0; ty < rows; ty++) {
            int y0 = ty * TILE;
            try {
                Parallel.forEach(tiles, tx -> {
                    Rectangle r = new Rectangle(tx * TILE, y0, TILE, TILE).intersection(new Rectangle(0, 0, base.getWidth(), base.getHeight()));
                    double[] v = Samples.doubles(Blocks.read(base, r), r.x, r.y, r.width, r.height, 0, null);
                    for (RawLevel level : levels) {
                        try {
                            level.take(v, r);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    /** Tiled TIFF write parameters, deflate-compressed on all cores. */
    private static TIFFImageWriteParam deflateTiles() {
        TIFFImageWriteParam param = new TIFFImageWriteParam(null);
        param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
        param.setTiling(TILE, TILE, 0, 0);
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType("Deflate");
        param.setTIFFCompressor(new ParallelDeflate());
        return param;
    }

    /**
     * One overview level as a raw row-major file of doubles (8 bytes per pixel whatever the raster type: exact for
     * every TIFF sample type we write), filled by {@link #take} and read back tile by tile through {@link #image}.
     */
    private static final class RawLevel implements AutoCloseable {
        private final int step, width, height;
        private final SampleModel model;
        private final Path file;
        private final FileChannel channel;

        RawLevel(int k, int[] size, SampleModel base) throws IOException {
            this.step = 1 << k;
            this.width = size[0];
            this.height = size[1];
            this.model = base;
            this.file = Files.createTempFile("esvflow-overview-", ".raw");
            this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }

        /** Copies the pixels of this level found in base block {@code r} (values {@code v}, row-major). */
        void take(double[] v, Rectangle r) throws IOException {
            int firstCol = (r.x + step - 1) / step, lastCol = (r.x + r.width - 1) / step;
            if (firstCol > lastCol) return;
            ByteBuffer row = ByteBuffer.allocate(8 * (lastCol - firstCol + 1));
            for (int y = (r.y + step - 1) / step; y * step < r.y + r.height; y++) {
                row.clear();
                int base = (y * step - r.y) * r.width;
                for (int x = firstCol; x <= lastCol; x++) row.putDouble(v[base + x * step - r.x]);
                row.flip();
                long position = 8L * ((long) y * width + firstCol);
                while (row.hasRemaining()) position += channel.write(row, position);
            }
        }

        /** The level as an image of the base's data type, its tiles read from the file when asked for. */
        RenderedImage image() {
            return new ComputedImage(width, height, TILE, model.getDataType(), tile -> {
                int w = tile.getWidth();
                ByteBuffer row = ByteBuffer.allocate(8 * w);
                double[] line = new double[w];
                for (int y = tile.getMinY(); y < tile.getMinY() + tile.getHeight(); y++) {
                    row.clear();
                    long position = 8L * ((long) y * width + tile.getMinX());
                    try {
                        while (row.hasRemaining()) {
                            int n = channel.read(row, position);
                            if (n < 0) throw new IOException("overview level file ended early");
                            position += n;
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    row.flip();
                    row.asDoubleBuffer().get(line);
                    Samples.put(tile, tile.getMinX(), y, w, 1, 0, line);
                }
            });
        }

        @Override
        public void close() throws IOException {
            channel.close();
            Files.deleteIfExists(file);
        }
    }
}
