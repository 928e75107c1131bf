package org.esvflow.server.catalog;

import it.geosolutions.imageioimpl.plugins.tiff.TIFFImageReaderSpi;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.Raster;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.esvflow.raster.Overviews;

/**
 * The resolution levels of one GeoTIFF — the full image, its internal overviews and the pages of its external
 * {@code .ovr} — read directly with pooled TIFF readers, so a map request decodes only the tiles of one level under
 * its window. Every level covers the full image's extent; level pixels are {@code fullWidth / levelWidth} times
 * larger.
 */
final class Pyramid implements AutoCloseable {
    /** One level: image {@code index} of {@code file}, {@code width × height} pixels. */
    record Level(File file, int index, int width, int height) {}

    private static final int MAX_POOLED_READERS = 8;
    private static final TIFFImageReaderSpi SPI = new TIFFImageReaderSpi();
    private final List<Level> levels;
    private final Map<File, Queue<ImageReader>> pools = new ConcurrentHashMap<>();

    private Pyramid(List<Level> levels) {
        this.levels = levels;
    }

    /** Levels of {@code tif}, finest first. */
    static Pyramid open(File tif) throws IOException {
        Pyramid p = new Pyramid(new ArrayList<>());
        p.addLevels(tif, true);
        File ovr = Overviews.fileFor(tif);
        if (ovr.isFile()) p.addLevels(ovr, false);
        p.levels.sort((a, b) -> Integer.compare(b.width(), a.width()));
        return p;
    }

    private void addLevels(File file, boolean main) throws IOException {
        ImageReader reader = borrow(file);
        try {
            int n = reader.getNumImages(true);
            int fullWidth = levels.isEmpty() ? reader.getWidth(0) : levels.get(0).width();
            for (int i = 0; i < n; i++) {
                int w = reader.getWidth(i);
                int h = reader.getHeight(i);
                boolean reduced = !main || i == 0 || w < fullWidth;
                if (reduced && levels.stream().noneMatch(l -> l.width() == w)) levels.add(new Level(file, i, w, h));
            }
        } finally {
            giveBack(file, reader);
        }
    }

    List<Level> levels() {
        return levels;
    }

    /**
     * The coarsest level whose pixels are no larger than {@code pixels} full-resolution pixels, so the map is never
     * drawn from coarser data than it shows.
     */
    Level choose(double pixels) {
        Level full = levels.get(0);
        Level best = full;
        for (Level l : levels) {
            if ((double) full.width() / l.width() <= pixels * 1.0001) best = l;
        }
        return best;
    }

    /** Grid (upper-left corner) to world of {@code level}, from the full image's transform. */
    AffineTransform gridToWorld(AffineTransform fullGridToWorld, Level level) {
        Level full = levels.get(0);
        AffineTransform t = new AffineTransform(fullGridToWorld);
        t.scale((double) full.width() / level.width(), (double) full.height() / level.height());
        return t;
    }

    /** Pixels of {@code window} (level grid coordinates, inside the level), as a raster located at the window. */
    Raster read(Level level, Rectangle window) throws IOException {
        ImageReader reader = borrow(level.file());
        try {
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceRegion(window);
            Raster r = reader.read(level.index(), param).getRaster();
            return r.createTranslatedChild(window.x, window.y);
        } finally {
            giveBack(level.file(), reader);
        }
    }

    private ImageReader borrow(File file) throws IOException {
        ImageReader reader = pools.computeIfAbsent(file, f -> new ConcurrentLinkedQueue<>()).poll();
        if (reader != null) return reader;
        ImageInputStream in = new FileImageInputStream(file);
        reader = SPI.createReaderInstance();
        reader.setInput(in);
        return reader;
    }

    private void giveBack(File file, ImageReader reader) {
        Queue<ImageReader> pool = pools.get(file);
        if (pool.size() < MAX_POOLED_READERS) pool.offer(reader);
        else dispose(reader);
    }

    private static void dispose(ImageReader reader) {
        Object in = reader.getInput();
        reader.dispose();
        if (in instanceof ImageInputStream s) {
            try {
                s.close();
            } catch (IOException e) {
                // closing a read-only stream; nothing to recover
            }
        }
    }

    @Override
    public void close() {
        for (Queue<ImageReader> pool : pools.values()) {
            for (ImageReader r; (r = pool.poll()) != null; ) dispose(r);
        }
    }
}
