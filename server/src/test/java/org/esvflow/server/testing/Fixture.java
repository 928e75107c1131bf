package org.esvflow.server.testing;

import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import javax.media.jai.RasterFactory;
import javax.media.jai.TiledImage;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.raster.Rasters;
import org.esvflow.server.OgcServer;
import org.esvflow.server.ServerConfig;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.referencing.CRS;

/**
 * A running server over a temporary data directory holding the shipped styles and two small layers in UTM 50N
 * (EPSG:32650), 100 × 100 pixels of 30 m, upper-left corner (500 000 E, 4 000 000 N):
 * <ul>
 *   <li>{@code demo:landuse}: quadrants of CLCD classes — upper-left 1, upper-right 2, lower-left 5, lower-right 8
 *       (each 50 × 50 = 2 500 pixels); nodata 0.
 *   <li>{@code demo:esv}, time series 2019 and 2023: value 10 000 on the left half, 60 000 on the right half in 2019,
 *       doubled in 2023; the top-left 10 × 10 pixels are nodata (−9999).
 * </ul>
 */
public final class Fixture implements AutoCloseable {
    public static final double MIN_X = 500_000;
    public static final double MAX_Y = 4_000_000;
    public static final double PIXEL = 30;
    public static final int SIZE = 100;

    public final Path dir;
    public final OgcServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public Fixture(ServerConfig.Builder config) throws Exception {
        dir = Files.createTempDirectory("esvflow-server-test");
        Path styles = Path.of("..", "geoserver-data", "styles");
        if (!Files.isDirectory(styles)) styles = Path.of("geoserver-data", "styles"); // run from the repository root
        Files.createDirectories(dir.resolve("styles"));
        try (var s = Files.list(styles)) {
            for (Path p : s.toList()) Files.copy(p, dir.resolve("styles").resolve(p.getFileName()));
        }
        server = OgcServer.start(config.port(0).host("127.0.0.1").dataDir(dir).build());
        server.publish(landUse(), "demo", "landuse", "landuse", null);
        server.publish(esv(1), "demo", "esv_2019", "esv", "2019");
        server.publish(esv(2), "demo", "esv_2023", "esv", "2023");
    }

    public Fixture() throws Exception {
        this(ServerConfig.builder());
    }

    public static GridCoverage2D landUse() throws Exception {
        WritableRaster r = RasterFactory.createBandedRaster(DataBuffer.TYPE_BYTE, SIZE, SIZE, 1, null);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int v = y < 50 ? (x < 50 ? 1 : 2) : (x < 50 ? 5 : 8);
                r.setSample(x, y, 0, v);
            }
        }
        return coverage("landuse", r, 0);
    }

    /** The bytes of {@link #landUse()} as the GeoTIFF the server would store. */
    public static byte[] landUseTiff() throws Exception {
        return tiff(landUse());
    }

    /** The bytes of {@code coverage} written by {@code GeoTiffs.write} (a temporary file, deleted). */
    public static byte[] tiff(GridCoverage2D coverage) throws IOException {
        Path tif = Files.createTempFile("fixture", ".tif");
        try {
            GeoTiffs.write(coverage, tif.toFile());
            return Files.readAllBytes(tif);
        } finally {
            Files.delete(tif);
        }
    }

    public static GridCoverage2D esv(double factor) throws Exception {
        WritableRaster r = RasterFactory.createBandedRaster(DataBuffer.TYPE_FLOAT, SIZE, SIZE, 1, null);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double v = x < 10 && y < 10 ? -9999 : (x < 50 ? 10_000 : 60_000) * factor;
                r.setSample(x, y, 0, v);
            }
        }
        return coverage("esv", r, -9999);
    }

    private static GridCoverage2D coverage(String name, WritableRaster r, double nodata) throws Exception {
        java.awt.image.ColorModel cm = javax.media.jai.PlanarImage.createColorModel(r.getSampleModel());
        TiledImage image = new TiledImage(0, 0, SIZE, SIZE, 0, 0, r.getSampleModel(), cm);
        image.setData(r);
        return Rasters.coverage(name, image,
                Rasters.grid(SIZE, SIZE, MIN_X, MAX_Y, PIXEL, CRS.decode("EPSG:32650", true)), nodata);
    }

    public String ows() {
        return server.baseUrl() + "/ows";
    }

    public HttpResponse<byte[]> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.localUrl() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.localUrl() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> postXml(String xml) throws IOException, InterruptedException {
        return post("/ows", "text/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    public static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        server.stop();
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
