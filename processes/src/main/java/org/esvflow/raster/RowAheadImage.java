package org.esvflow.raster;

import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.media.jai.ImageLayout;
import javax.media.jai.PlanarImage;

/**
 * A view of an image for a single-threaded consumer that reads tile rows in order, such as the GeoTIFF writer (which
 * deflates on its own thread): while the consumer works on one row of tiles, the next row is fetched from the source
 * on a background thread. Only the consumer's row and the next are kept.
 *
 * <p>Only the outermost image is wrapped: the background thread is an ordinary thread waiting on nothing but the
 * source, so row computations nested inside the source (parallel streams over tiles) cannot wait on each other.
 */
final class RowAheadImage extends PlanarImage {
    private static final ExecutorService FETCHER = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "esvflow-row-ahead");
        t.setDaemon(true);
        return t;
    });

    private final RenderedImage source;
    private final Map<Integer, CompletableFuture<Raster[]>> rows = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, CompletableFuture<Raster[]>> eldest) {
            return size() > 2;
        }
    };

    RowAheadImage(RenderedImage source) {
        super(new ImageLayout(source), null, null);
        this.source = source;
    }

    @Override
    public Raster getTile(int tileX, int tileY) {
        CompletableFuture<Raster[]> row;
        synchronized (rows) {
            row = rows.computeIfAbsent(tileY, y -> CompletableFuture.supplyAsync(() -> fetch(y), FETCHER));
            int next = tileY + 1;
            if (next <= getMaxTileY() && !rows.containsKey(next)) {
                rows.put(next, CompletableFuture.supplyAsync(() -> fetch(next), FETCHER));
            }
        }
        try {
            return row.join()[tileX - getMinTileX()];
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    private Raster[] fetch(int tileY) {
        Raster[] row = new Raster[getNumXTiles()];
        for (int i = 0; i < row.length; i++) row[i] = source.getTile(getMinTileX() + i, tileY);
        return row;
    }
}
