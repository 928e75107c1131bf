package org.esvflow.server.hostile;

import static org.esvflow.server.hostile.InputSupport.assertReport;
import static org.esvflow.server.hostile.InputSupport.assertWpsThreadsIdle;
import static org.esvflow.server.hostile.HardeningSupport.dom;
import static org.esvflow.server.hostile.HardeningSupport.enc;
import static org.esvflow.server.hostile.HardeningSupport.firstElement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import javax.media.jai.PlanarImage;
import javax.media.jai.RasterFactory;
import javax.media.jai.TiledImage;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.Rasters;
import org.esvflow.server.ServerConfig;
import org.esvflow.server.codec.CodecRegistry;
import org.esvflow.server.testing.Fixture;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;

/**
 * Hostile rasters as WPS (and CLI) inputs: a tiny tiled TIFF declaring (2^31 − 1)² pixels, a strip that inflates to
 * 400 MB, a TIFF truncated to a third. Each must be refused with InvalidParameterValue naming the input, at once,
 * leaving no execution thread busy; the intact file of the same raster still gives its class areas.
 */
@Tag("hostile")
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang fails, it does not stall the suite
class InputTiffBombTest {
    static final long HUGE = Integer.MAX_VALUE; // 2^31 − 1
    static Fixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new Fixture(ServerConfig.builder().maxAsyncExecutions(2).maxSyncExecutions(2));
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    /** (2^31 − 1)² pixels in 256² tiles, but one tile offset: about 4 KB. */
    static byte[] hugeTiled() {
        byte[] tile = InputSupport.deflatedZeros(256 * 256);
        return new InputSupport.Tiff(HUGE, HUGE, 8).tiles(256, 256).block(tile).bytes();
    }

    /** (2^31 − 1)² pixels in one tile as large as the image, holding a few bytes. */
    static byte[] hugeOneTile() {
        return new InputSupport.Tiff(HUGE, HUGE, 8).tiles(HUGE - HUGE % 16 + 16, HUGE - HUGE % 16 + 16)
                .block(InputSupport.deflatedZeros(4096)).bytes();
    }

    /** 20 000 × 20 000 bytes in one deflated strip: 400 000 000 bytes inflated from about 390 KB. */
    static byte[] stripBomb() {
        return new InputSupport.Tiff(20_000, 20_000, 8).rowsPerStrip(20_000)
                .block(InputSupport.deflatedZeros(20_000L * 20_000)).bytes();
    }

    static String execute(byte[] tiff, boolean async) {
        return """
                <wps:Execute service="WPS" version="1.0.0" xmlns:wps="http://www.opengis.net/wps/1.0.0"
                    xmlns:ows="http://www.opengis.net/ows/1.1">
                  <ows:Identifier>lu:ClassArea</ows:Identifier>
                  <wps:DataInputs><wps:Input><ows:Identifier>landUse</ows:Identifier>
                    <wps:Data><wps:ComplexData mimeType="image/tiff" encoding="base64">%s</wps:ComplexData></wps:Data>
                  </wps:Input></wps:DataInputs>
                  <wps:ResponseForm>%s</wps:ResponseForm>
                </wps:Execute>""".formatted(Base64.getEncoder().encodeToString(tiff), async
                ? "<wps:ResponseDocument storeExecuteResponse=\"true\" status=\"true\"><wps:Output><ows:Identifier>areas"
                        + "</ows:Identifier></wps:Output></wps:ResponseDocument>"
                : "<wps:RawDataOutput mimeType=\"text/csv\"><ows:Identifier>areas</ows:Identifier></wps:RawDataOutput>");
    }

    static HttpResponse<byte[]> timedPost(String xml, long maxMillis) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = f.postXml(xml);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < maxMillis, "answered after " + ms + " ms");
        return r;
    }

    @Test
    void hugeDimensionsAreRefusedBeforeAnyReaderIsBuilt() throws Exception {
        byte[] tiled = hugeTiled();
        assertTrue(tiled.length < 5000, tiled.length + " bytes");
        assertReport(timedPost(execute(tiled, false), 5000), 400, "InvalidParameterValue", "landUse");
        assertReport(timedPost(execute(hugeOneTile(), false), 5000), 400, "InvalidParameterValue", "landUse");
        assertWpsThreadsIdle(1000);
    }

    @Test
    void hugeDimensionsDoNotHoldTheAsyncSlots() throws Exception {
        String[] status = new String[2];
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> accepted = f.postXml(execute(hugeTiled(), true));
            assertEquals(200, accepted.statusCode(), Fixture.text(accepted));
            status[i] = dom(accepted.body()).getDocumentElement().getAttribute("statusLocation");
        }
        for (String s : status) {
            Document d = poll(s, 5000);
            assertNotNull(firstElement(d, "ProcessFailed"), Fixture.text(f.get(s.substring(f.server.baseUrl().length()))));
            assertEquals("landUse", firstElement(d, "Exception").getAttribute("locator"));
        }
        // both slots are free again: a good execution runs; 4 quadrants of 2 500 pixels of 0.09 ha
        HttpResponse<byte[]> ok = f.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea"
                + "&DataInputs=" + enc("landUse=@xlink:href=" + f.server.baseUrl()
                + "/wcs?service=WCS&request=GetCoverage&coverageId=demo__landuse") + "&RawDataOutput=areas");
        assertEquals(200, ok.statusCode(), Fixture.text(ok));
        assertTrue(Fixture.text(ok).contains(",1,2500,225.0"), Fixture.text(ok));
        assertWpsThreadsIdle(1000);
    }

    /** The CLI and the pipeline decode inputs through the same codec. */
    @Test
    void hugeDimensionsAreRefusedAsACliInput() throws Exception {
        Path file = Files.createTempFile("huge", ".tif");
        try {
            Files.write(file, hugeTiled());
            long t0 = System.nanoTime();
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> CodecRegistry.standard()
                    .decoder(GridCoverage2D.class, "image/tiff", "landUse").decode(file, "landUse"));
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
            assertEquals("landUse", e.getInput());
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aStripThatInflatesTo400MegabytesIsRefused() throws Exception {
        byte[] bomb = stripBomb();
        assertTrue(bomb.length < 500_000, bomb.length + " bytes");
        assertReport(timedPost(execute(bomb, false), 5000), 400, "InvalidParameterValue", "landUse");
        assertWpsThreadsIdle(500);
    }

    /** 512 × 512 classes 1..8 drawn at random (seed 14), in four 256² deflated tiles. */
    static int[] classes() {
        Random random = new Random(14);
        int[] v = new int[512 * 512];
        for (int i = 0; i < v.length; i++) v[i] = 1 + random.nextInt(8);
        return v;
    }

    static byte[] landUseTiff(int[] classes) throws Exception {
        WritableRaster r = RasterFactory.createBandedRaster(DataBuffer.TYPE_BYTE, 512, 512, 1, null);
        r.setSamples(0, 0, 512, 512, 0, classes);
        TiledImage image = new TiledImage(0, 0, 512, 512, 0, 0, r.getSampleModel(), PlanarImage.createColorModel(r.getSampleModel()));
        image.setData(r);
        GridCoverage2D c = Rasters.coverage("lu", image, Rasters.grid(512, 512, 500_000, 4_000_000, 30,
                CRS.decode("EPSG:32650", true)), 0);
        return Fixture.tiff(c);
    }

    @Test
    void aTruncatedTiffIsRefusedAndTheWholeOneCounted() throws Exception {
        int[] classes = classes();
        byte[] whole = landUseTiff(classes);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int c : classes) counts.merge(c, 1, Integer::sum);
        HttpResponse<byte[]> ok = f.postXml(execute(whole, false));
        assertEquals(200, ok.statusCode(), Fixture.text(ok));
        String csv = Fixture.text(ok);
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            // region_id,region_name,class,pixels,...: each pixel is 30 m × 30 m = 0.09 ha
            assertTrue(csv.contains("," + e.getKey() + "," + e.getValue() + ","), e + " in " + csv);
        }
        byte[] third = java.util.Arrays.copyOf(whole, whole.length / 3);
        var e = assertReport(f.postXml(execute(third, false)), 400, "InvalidParameterValue", "landUse");
        assertTrue(e.getTextContent().contains("truncated"), e.getTextContent());
    }

    static Document poll(String statusLocation, long maxMillis) throws Exception {
        String path = statusLocation.substring(f.server.baseUrl().length());
        long end = System.nanoTime() + maxMillis * 1_000_000;
        while (System.nanoTime() < end) {
            Document d = dom(f.get(path).body());
            if (firstElement(d, "ProcessFailed") != null || firstElement(d, "ProcessSucceeded") != null) return d;
            Thread.sleep(20);
        }
        throw new AssertionError("not finished after " + maxMillis + " ms: " + statusLocation);
    }
}
