package org.esvflow.raster;

import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import it.geosolutions.jaiext.range.NoDataContainer;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.metadata.spatial.PixelOrientation;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridEnvelope2D;
import org.geotools.coverage.grid.io.imageio.geotiff.CRS2GeoTiffMetadataAdapter;
import org.geotools.coverage.grid.io.imageio.geotiff.GeoTiffConstants;
import org.geotools.coverage.grid.io.imageio.geotiff.GeoTiffException;
import org.geotools.coverage.grid.io.imageio.geotiff.GeoTiffIIOMetadataEncoder;
import org.geotools.coverage.util.CoverageUtilities;
import org.geotools.referencing.CRS;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Streams a single-band coverage into a tiled, deflate-compressed little-endian GeoTIFF: one row of tiles at a time,
 * the tiles of a row converted to bytes and deflated in parallel, the tile offsets and the IFD written after the last
 * tile. The georeferencing tags are GeoTools' own (its GeoTIFF encoder, filled as its {@code GeoTiffWriter} fills
 * it: the CRS keys, PixelIsArea, the corner grid-to-world transform, GDAL's nodata tag), so the file describes the
 * grid exactly as a GeoTools write would. GeoTools' TIFF writer converts floats to bytes sample by sample on one
 * thread, about a third of an ESV run's CPU on 10 000² pixels; here a tile is converted in one bulk copy.
 *
 * <p>Deflate (TIFF compression 8, a zlib stream per tile): tiles of 4-byte samples that repeat (rasters valued from
 * a class map) by {@link SampleDeflate}, others, and the rest of a raster once a row is mostly continuous, by zlib at
 * level 1; once {@value ParallelDeflate#PROBE_BYTES}
 * bytes have deflated to more than {@value ParallelDeflate#INCOMPRESSIBLE} of their size the remaining tiles are
 * stored, as {@link ParallelDeflate} does. Decided after each row in row order, so a raster always gives the same file.
 */
final class TiledTiffWriter {
    private static final int SHORT = 3, LONG = 4, ASCII = 2, DOUBLE = 12;

    private TiledTiffWriter() {}

    /**
     * True when this writer can write {@code coverage}: one band of an integer or float type, a CRS GeoTools can encode
     * with east-north axes, and a payload that fits a classic (32-bit offset) TIFF.
     */
    static boolean accepts(GridCoverage2D coverage) {
        RenderedImage image = coverage.getRenderedImage();
        if (image.getSampleModel().getNumBands() != 1 || sampleFormat(image.getSampleModel().getDataType()) == 0) return false;
        if (GeoTiffs.uncompressedBytes(image) > GeoTiffs.BIGTIFF_THRESHOLD_BYTES) return false;
        CoordinateReferenceSystem crs = coverage.getCoordinateReferenceSystem2D();
        return crs != null && CRS.getAxisOrder(crs) != CRS.AxisOrder.NORTH_EAST
                && coverage.getGridGeometry().getGridToCRS2D(PixelOrientation.UPPER_LEFT)
                        instanceof AffineTransform;
    }

    /** Writes {@code coverage} (see {@link #accepts}) to {@code file}, tiles of {@code tileSize}² pixels. */
    static void write(GridCoverage2D coverage, Path file, int tileSize) throws IOException {
        RenderedImage image = coverage.getRenderedImage();
        int width = image.getWidth(), height = image.getHeight();
        int dataType = image.getSampleModel().getDataType();
        int bytes = DataBuffer.getDataTypeSize(dataType) / 8;
        int cols = Blocks.ceilDiv(width, tileSize), rows = Blocks.ceilDiv(height, tileSize);
        long[] offsets = new long[cols * rows], counts = new long[cols * rows];
        Map<Integer, Object[]> geo = geoTags(coverage);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            header.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(0).flip(); // IFD offset patched below
            out.write(header);
            long position = 8, probedIn = 0, probedOut = 0;
            boolean storing = false, bySamples = bytes == 4;
            for (int ty = 0; ty < rows; ty++) {
                int y = ty * tileSize, level = storing ? Deflater.NO_COMPRESSION : ParallelDeflate.LEVEL;
                boolean trySamples = bySamples && !storing;
                AtomicInteger continuous = new AtomicInteger();
                // the first tile on this thread: a computed image then computes its whole row once, in parallel
                Rectangle first = new Rectangle(0, y, tileSize, tileSize).intersection(new Rectangle(0, 0, width, height));
                Raster firstTile = Blocks.read(image, first);
                List<byte[]> row = Parallel.map(cols, tx -> {
                    Rectangle r = new Rectangle(tx * tileSize, y, tileSize, tileSize).intersection(new Rectangle(0, 0, width, height));
                    byte[] tile = tileBytes(tx == 0 ? firstTile : Blocks.read(image, r), r, tileSize, dataType, bytes, TILE.get());
                    TILE.set(tile); // compressed below and then dropped: the thread's next tile reuses the array
                    byte[] z = trySamples ? SampleDeflate.zlib(tile, tileSize * tileSize, tileSize) : null;
                    if (z != null) return z;
                    if (trySamples) continuous.incrementAndGet();
                    return zlib(tile, level);
                });
                // mostly continuous so far: zlib alone from the next row on (decided in row order: same raster, same file)
                bySamples = bySamples && continuous.get() * 2 <= cols;
                for (int tx = 0; tx < cols; tx++) {
                    byte[] z = row.get(tx);
                    offsets[ty * cols + tx] = position;
                    counts[ty * cols + tx] = z.length;
                    out.write(ByteBuffer.wrap(z));
                    position += z.length;
                    if (!storing) {
                        probedIn += (long) tileSize * tileSize * bytes;
                        probedOut += z.length;
                    }
                }
                storing = storing || probedIn >= ParallelDeflate.PROBE_BYTES && probedOut > ParallelDeflate.INCOMPRESSIBLE * probedIn;
            }
            if (position % 2 == 1) { // IFDs start on a word boundary
                out.write(ByteBuffer.wrap(new byte[1]));
                position++;
            }
            TreeMap<Integer, Object[]> tags = new TreeMap<>(geo);
            tags.put(256, new Object[] {LONG, new long[] {width}});
            tags.put(257, new Object[] {LONG, new long[] {height}});
            tags.put(258, new Object[] {SHORT, new long[] {bytes * 8L}});
            tags.put(259, new Object[] {SHORT, new long[] {8}}); // deflate (zlib)
            tags.put(262, new Object[] {SHORT, new long[] {1}}); // BlackIsZero
            tags.put(277, new Object[] {SHORT, new long[] {1}});
            tags.put(284, new Object[] {SHORT, new long[] {1}}); // chunky
            tags.put(322, new Object[] {LONG, new long[] {tileSize}});
            tags.put(323, new Object[] {LONG, new long[] {tileSize}});
            tags.put(324, new Object[] {LONG, offsets});
            tags.put(325, new Object[] {LONG, counts});
            tags.put(339, new Object[] {SHORT, new long[] {sampleFormat(dataType)}});
            ByteBuffer ifd = ifd(tags, position);
            out.write(ifd);
            header.clear();
            header.putInt((int) position).flip();
            out.write(header, 4);
        }
    }

    /** TIFF SampleFormat of a data type: 1 unsigned, 2 signed integer, 3 IEEE float; 0 when not written here. */
    private static int sampleFormat(int dataType) {
        return switch (dataType) {
            case DataBuffer.TYPE_BYTE, DataBuffer.TYPE_USHORT -> 1;
            case DataBuffer.TYPE_SHORT, DataBuffer.TYPE_INT -> 2;
            case DataBuffer.TYPE_FLOAT, DataBuffer.TYPE_DOUBLE -> 3;
            default -> 0;
        };
    }

    /** Per thread, the last tile's bytes, reused for the next (10⁸ pixels of float32 would allocate 400 MB). */
    private static final ThreadLocal<byte[]> TILE = new ThreadLocal<>();

    /**
     * The samples of {@code raster} over {@code r} as a full little-endian tile (padding 0 beyond the image), in
     * {@code reuse} when it has the tile's size.
     */
    static byte[] tileBytes(Raster raster, Rectangle r, int tileSize, int dataType, int bytes, byte[] reuse) {
        int size = tileSize * tileSize * bytes;
        byte[] tile = reuse != null && reuse.length == size ? reuse : new byte[size];
        if (tile == reuse && (r.width < tileSize || r.height < tileSize)) java.util.Arrays.fill(tile, (byte) 0);
        ByteBuffer buffer = ByteBuffer.wrap(tile).order(ByteOrder.LITTLE_ENDIAN);
        int w = r.width, h = r.height;
        switch (dataType) {
            case DataBuffer.TYPE_FLOAT -> {
                float[] v = raster.getSamples(r.x, r.y, w, h, 0, (float[]) null);
                var f = buffer.asFloatBuffer();
                for (int y = 0; y < h; y++) f.put(y * tileSize, v, y * w, w);
            }
            case DataBuffer.TYPE_DOUBLE -> {
                double[] v = raster.getSamples(r.x, r.y, w, h, 0, (double[]) null);
                var d = buffer.asDoubleBuffer();
                for (int y = 0; y < h; y++) d.put(y * tileSize, v, y * w, w);
            }
            default -> {
                int[] v = Samples.ints(raster, r.x, r.y, w, h, 0, null);
                for (int y = 0; y < h; y++) {
                    for (int x = 0, i = y * w, o = y * tileSize * bytes; x < w; x++, i++, o += bytes) {
                        switch (bytes) {
                            case 1 -> tile[o] = (byte) v[i];
                            case 2 -> buffer.putShort(o, (short) v[i]);
                            default -> buffer.putInt(o, v[i]);
                        }
                    }
                }
            }
        }
        return tile;
    }

    /** A zlib stream (RFC 1950) of {@code in} at {@code level}. */
    static byte[] zlib(byte[] in, int level) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(in);
            deflater.finish();
            byte[] out = new byte[in.length / 2 + 1024];
            int n = 0;
            while (!deflater.finished()) {
                if (n == out.length) out = java.util.Arrays.copyOf(out, out.length * 2);
                n += deflater.deflate(out, n, out.length - n);
            }
            return java.util.Arrays.copyOf(out, n);
        } finally {
            deflater.end();
        }
    }

    /**
     * The georeferencing tags as GeoTools' {@code GeoTiffWriter} builds them (CRS keys, PixelIsArea, the upper-left
     * corner transform of the grid, nodata), read back from its encoder's metadata tree: tag → {type, values}.
     */
    static Map<Integer, Object[]> geoTags(GridCoverage2D coverage) throws IOException {
        GeoTiffIIOMetadataEncoder encoder;
        try {
            encoder = new CRS2GeoTiffMetadataAdapter(coverage.getCoordinateReferenceSystem2D()).parseCoordinateReferenceSystem();
        } catch (GeoTiffException e) {
            throw new IOException("cannot encode the CRS as GeoTIFF keys: " + e.getMessage(), e);
        }
        AffineTransform corner = new AffineTransform((AffineTransform) coverage.getGridGeometry().getGridToCRS2D(
                PixelOrientation.UPPER_LEFT));
        GridEnvelope2D range = coverage.getGridGeometry().getGridRange2D();
        if (range.x != 0 || range.y != 0) corner.concatenate(AffineTransform.getTranslateInstance(range.x, range.y));
        encoder.addGeoShortParam(GeoTiffConstants.GTRasterTypeGeoKey, GeoTiffConstants.RasterPixelIsArea);
        encoder.setModelTransformation(corner);
        NoDataContainer nodata = CoverageUtilities.getNoDataProperty(coverage);
        if (nodata != null) encoder.setNoData(nodata.getAsSingleValue());
        Map<Integer, Object[]> tags = new TreeMap<>();
        collect(encoder.createRootTree(), tags);
        return tags;
    }

    /** Every TIFFField below {@code node}: TIFFShorts, TIFFDoubles or TIFFAsciis of {@code value} attributes. */
    private static void collect(Node node, Map<Integer, Object[]> tags) {
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (!(c instanceof Element e)) continue;
            if (!"TIFFField".equals(e.getNodeName())) {
                collect(e, tags);
                continue;
            }
            int number = Integer.parseInt(e.getAttribute("number"));
            for (Node v = e.getFirstChild(); v != null; v = v.getNextSibling()) {
                if (!(v instanceof Element values)) continue;
                List<String> text = new ArrayList<>();
                for (Node x = values.getFirstChild(); x != null; x = x.getNextSibling()) {
                    if (x instanceof Element item) text.add(item.getAttribute("value"));
                }
                switch (values.getNodeName()) {
                    case "TIFFShorts" -> tags.put(number, new Object[] {SHORT, text.stream().mapToLong(Long::parseLong).toArray()});
                    case "TIFFDoubles" -> tags.put(number, new Object[] {DOUBLE, text.stream().mapToDouble(Double::parseDouble).toArray()});
                    case "TIFFAsciis" -> tags.put(number, new Object[] {ASCII, String.join("\0", text) + "\0"});
                    default -> throw new IllegalStateException("GeoTIFF tag " + number + " of unexpected kind " + values.getNodeName());
                }
            }
        }
    }

    /** The IFD at file offset {@code at}, its out-of-line values after the entries, no next IFD. */
    private static ByteBuffer ifd(TreeMap<Integer, Object[]> tags, long at) {
        int entries = tags.size();
        long extraAt = at + 2 + 12L * entries + 4;
        ByteBuffer extra = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer dir = ByteBuffer.allocate(2 + 12 * entries + 4).order(ByteOrder.LITTLE_ENDIAN);
        dir.putShort((short) entries);
        for (Map.Entry<Integer, Object[]> tag : tags.entrySet()) {
            int type = (Integer) tag.getValue()[0];
            Object values = tag.getValue()[1];
            byte[] data;
            int count;
            ByteBuffer b;
            switch (type) {
                case SHORT -> {
                    long[] v = (long[]) values;
                    count = v.length;
                    b = ByteBuffer.allocate(2 * count).order(ByteOrder.LITTLE_ENDIAN);
                    for (long x : v) b.putShort((short) x);
                }
                case LONG -> {
                    long[] v = (long[]) values;
                    count = v.length;
                    b = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
                    for (long x : v) b.putInt((int) x);
                }
                case DOUBLE -> {
                    double[] v = (double[]) values;
                    count = v.length;
                    b = ByteBuffer.allocate(8 * count).order(ByteOrder.LITTLE_ENDIAN);
                    for (double x : v) b.putDouble(x);
                }
                default -> {
                    byte[] s = ((String) values).getBytes(StandardCharsets.US_ASCII);
                    count = s.length;
                    b = ByteBuffer.wrap(s);
                }
            }
            data = b.array();
            dir.putShort((short) (int) tag.getKey()).putShort((short) type).putInt(count);
            if (data.length <= 4) {
                dir.put(java.util.Arrays.copyOf(data, 4));
            } else {
                if (extra.remaining() < data.length + 1) {
                    ByteBuffer bigger = ByteBuffer.allocate(Math.max(extra.capacity() * 2, extra.position() + data.length + 16))
                            .order(ByteOrder.LITTLE_ENDIAN);
                    extra.flip();
                    bigger.put(extra);
                    extra = bigger;
                }
                dir.putInt((int) (extraAt + extra.position()));
                extra.put(data);
                if (extra.position() % 2 == 1) extra.put((byte) 0);
            }
        }
        dir.putInt(0);
        dir.flip();
        extra.flip();
        ByteBuffer all = ByteBuffer.allocate(dir.remaining() + extra.remaining());
        all.put(dir).put(extra).flip();
        return all;
    }
}
