package org.esvflow.bench;

import java.awt.image.DataBuffer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.raster.Rasters;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.referencing.CRS;

/**
 * The streaming check of the foundation: write a {@code size × size} land-use GeoTIFF, then read → reclassify →
 * write it, and print times and the peak heap. Run with {@code -Xmx1g} to prove memory is bounded:
 * {@code java -Xmx1g -cp <test classpath> org.esvflow.bench.StreamingPass [size] [dir]}.
 * Prints one line {@code size=… write_s=… pass_s=… mpx_per_s=… peak_heap_mb=… checksum=…}.
 */
public final class StreamingPass {
    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("esvflow-stream");
        var grid = Rasters.grid(size, size, 300_000, 4_650_000, 30, CRS.decode("EPSG:32650", true));
        // classes 1..9 in diagonal stripes, nodata 255 on every 97th column
        ComputedImage classes = new ComputedImage(size, size, Blocks.BLOCK, DataBuffer.TYPE_BYTE, r -> {
            for (int y = r.getMinY(); y < r.getMinY() + r.getHeight(); y++)
                for (int x = r.getMinX(); x < r.getMinX() + r.getWidth(); x++)
                    r.setSample(x, y, 0, x % 97 == 0 ? 255 : 1 + (x / 7 + y / 5) % 9);
        });
        File input = dir.resolve("lu.tif").toFile(), output = dir.resolve("reclass.tif").toFile();
        HeapSampler heap = HeapSampler.start();
        long t0 = System.nanoTime();
        GeoTiffs.write(Rasters.coverage("lu", classes, grid, 255), input);
        long t1 = System.nanoTime();
        GridCoverage2D lu = GeoTiffs.read(input, "lu");
        // map: land-use class → a float value (class × 1.5), nodata → −9999
        GridCoverage2D mapped = Blocks.map("value", List.of(lu), DataBuffer.TYPE_FLOAT, -9999, (in, out) -> {
            int x0 = out.getMinX(), y0 = out.getMinY(), w = out.getWidth(), h = out.getHeight();
            int[] c = in[0].getSamples(x0, y0, w, h, 0, (int[]) null);
            float[] v = new float[c.length];
            for (int i = 0; i < c.length; i++) v[i] = c[i] == 255 ? -9999f : c[i] * 1.5f;
            out.setSamples(x0, y0, w, h, 0, v);
        });
        GeoTiffs.write(mapped, output);
        long t2 = System.nanoTime();
        // read back a few pixels of the output to check the pass really happened
        GridCoverage2D back = GeoTiffs.read(output, "reclass");
        var probe = back.getRenderedImage().getData(new java.awt.Rectangle(size - 3, size - 3, 3, 3));
        double checksum = 0;
        for (int y = size - 3; y < size; y++) for (int x = size - 3; x < size; x++) checksum += probe.getSampleDouble(x, y, 0);
        heap.stop();
        double pass = (t2 - t1) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "size=%d write_s=%.1f pass_s=%.1f mpx_per_s=%.1f peak_heap_mb=%d "
                        + "live_after_gc_mb=%d max_heap_mb=%d checksum=%.1f%n",
                size, (t1 - t0) / 1e9, pass, (double) size * size / 1e6 / pass, heap.peakUsedMb(), heap.liveAfterGcMb(),
                Runtime.getRuntime().maxMemory() >> 20, checksum);
    }
}
