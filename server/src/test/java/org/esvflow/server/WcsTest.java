package org.esvflow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.raster.Rasters;
import org.esvflow.server.testing.Fixture;
import org.geotools.coverage.grid.GridCoverage2D;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WcsTest {
    static Fixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new Fixture();
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    @Test
    void capabilitiesAndDescribeListCoverages() throws Exception {
        String caps = Fixture.text(f.get("/wcs?service=WCS&version=2.0.1&request=GetCapabilities"));
        assertTrue(caps.contains("<wcs:CoverageId>demo__esv</wcs:CoverageId>"), caps);
        String d = Fixture.text(f.get("/wcs?service=WCS&version=2.0.1&request=DescribeCoverage&coverageId=demo__landuse"));
        assertTrue(d.contains("<gml:high>99 99</gml:high>"), d);
        assertTrue(d.contains("http://www.opengis.net/def/crs/EPSG/0/32650"), d);
    }

    @Test
    void getCoverageSubsetsAtNativeResolution() throws Exception {
        // E 501 500..503 000 and N 3 997 000..3 998 500 are the lower-right quadrant: 50 × 50 pixels of class 8
        HttpResponse<byte[]> r = f.get("/wcs?service=WCS&version=2.0.1&request=GetCoverage&coverageId=demo__landuse"
                + "&subset=E(501500,503000)&subset=N(3997000,3998500)&format=image/tiff");
        assertEquals(200, r.statusCode(), Fixture.text(r));
        Path tif = Files.createTempFile("wcs", ".tif");
        try {
            Files.write(tif, r.body());
            GridCoverage2D c = GeoTiffs.read(tif.toFile());
            assertEquals(50, c.getRenderedImage().getWidth());
            assertEquals(50, c.getRenderedImage().getHeight());
            assertEquals(501500, c.getEnvelope2D().getMinX(), 1e-6);
            assertEquals(3998500, c.getEnvelope2D().getMaxY(), 1e-6);
            assertEquals(8, c.getRenderedImage().getData().getSample(25, 25, 0));
            assertEquals(0, Rasters.nodata(c));
            c.dispose(true);
        } finally {
            Files.delete(tif);
        }
        HttpResponse<byte[]> time = f.get("/wcs?service=WCS&version=2.0.1&request=GetCoverage&coverageId=demo__esv"
                + "&subset=time(%222019%22)");
        assertEquals(200, time.statusCode());
        HttpResponse<byte[]> none = f.get("/wcs?service=WCS&version=2.0.1&request=GetCoverage&coverageId=demo__x");
        assertEquals(404, none.statusCode());
        assertTrue(Fixture.text(none).contains("NoSuchCoverage"));
    }
}
