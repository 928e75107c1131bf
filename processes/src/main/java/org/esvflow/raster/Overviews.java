package org.esvflow.raster;

import it.geosolutions.imageio.plugins.tiff.BaselineTIFFTagSet;
import it.geosolutions.imageio.plugins.tiff.TIFFImageWriteParam;
import it.geosolutions.imageioimpl.plugins.tiff.TIFFImageMetadata;
import it.geosolutions.imageioimpl.plugins.tiff.TIFFImageWriterSpi;
import java.awt.Rectangle;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.io.File;
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
 * nodata intact. Levels
 * are added until the smallest fits in one 256 × 256 tile. Tiles are computed on demand from the level above, so
 * memory stays bounded whatever the raster size; writing costs one decode of the base per level.
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
     * <p>Each level is first written uncompressed to a temporary file next to the overview and computed from the
     * previous level's temporary file (in the system temporary folder), so the base is decoded once (not once per level) and the levels together
     * cost about a third more; the overview file is then assembled from the temporary levels.
     */
    public static int write(File tif) throws IOException {
        GridCoverage2D coverage = GeoTiffs.read(tif);
        List<File> temps = new ArrayList<>();
        List<TiffTileImage> opened = new ArrayList<>();
        try {
            RenderedImage base = coverage.getRenderedImage();
            List<int[]> sizes = levels(base.getWidth(), base.getHeight());
            File target = fileFor(tif);
            if (sizes.isEmpty()) {
                Files.deleteIfExists(target.toPath());
                return 0;
            }
            RenderedImage previous = base;
            for (int[] size : sizes) {
                File temp = File.createTempFile("esvflow-overview-", ".tif"); // outside the layer folder, which is harvested
                temps.add(temp);
                writeTiff(halve(previous, size[0], size[1]), temp, null);
                TiffTileImage level = TiffTileImage.open(temp);
                opened.add(level);
                previous = level;
            }
            AtomicFiles.write(target.toPath(), temp -> {
                ImageWriter writer = new TIFFImageWriterSpi().createWriterInstance();
                try (ImageOutputStream out = new FileImageOutputStream(temp.toFile())) {
                    writer.setOutput(out);
                    writer.prepareWriteSequence(null);
                    for (TiffTileImage level : opened) {
                        TIFFImageWriteParam param = param("Deflate");
                        TIFFImageMetadata metadata = (TIFFImageMetadata) writer.getDefaultImageMetadata(
                                new ImageTypeSpecifier(level), param);
                        metadata.addShortOrLongField(BaselineTIFFTagSet.TAG_NEW_SUBFILE_TYPE,
                                BaselineTIFFTagSet.NEW_SUBFILE_TYPE_REDUCED_RESOLUTION);
                        writer.writeToSequence(new IIOImage(level, null, metadata), param);
                    }
                    writer.endWriteSequence();
                } finally {
                    writer.dispose();
                }
            });
            return sizes.size();
        } finally {
            for (TiffTileImage level : opened) level.dispose();
            for (File temp : temps) Files.deleteIfExists(temp.toPath());
            coverage.dispose(true);
        }
    }

    /** Tiled TIFF write parameters; {@code compression} null for uncompressed. */
    private static TIFFImageWriteParam param(String compression) {
        TIFFImageWriteParam param = new TIFFImageWriteParam(null);
        param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
        param.setTiling(TILE, TILE, 0, 0);
        if (compression != null) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(compression);
            if ("Deflate".equals(compression)) param.setTIFFCompressor(new ParallelDeflate());
        } else {
            param.setCompressionMode(ImageWriteParam.MODE_DISABLED);
        }
        return param;
    }

    /** A plain tiled TIFF of {@code image} (no georeferencing: a temporary level). */
    private static void writeTiff(RenderedImage image, File file, String compression) throws IOException {
        ImageWriter writer = new TIFFImageWriterSpi().createWriterInstance();
        try (ImageOutputStream out = new FileImageOutputStream(file)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param(compression));
        } finally {
            writer.dispose();
        }
    }

    /** A lazily computed half-size image: output pixel (x, y) takes source pixel (2x, 2y) clipped to the source. */
    static RenderedImage halve(RenderedImage source, int width, int height) {
        int dataType = source.getSampleModel().getDataType();
        return new ComputedImage(width, height, TILE, dataType, target -> {
            Rectangle b = target.getBounds();
            Rectangle src = new Rectangle(2 * b.x, 2 * b.y, 2 * b.width, 2 * b.height)
                    .intersection(new Rectangle(0, 0, source.getWidth(), source.getHeight()));
            Raster data = Blocks.read(source, src);
            double[] in = Samples.doubles(data, src.x, src.y, src.width, src.height, 0, null);
            double[] line = new double[b.width];
            for (int y = 0; y < b.height; y++) {
                int sy = Math.min(src.y + src.height - 1, 2 * (b.y + y)) - src.y;
                for (int x = 0; x < b.width; x++) {
                    int sx = Math.min(src.x + src.width - 1, 2 * (b.x + x)) - src.x;
                    line[x] = in[sy * src.width + sx];
                }
                target.setSamples(b.x, b.y + y, b.width, 1, 0, line);
            }
        });
    }
}
