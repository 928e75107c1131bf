package org.esvflow.server.hostile;

import static org.esvflow.server.hostile.HardeningSupport.assertOws;
import static org.esvflow.server.hostile.HardeningSupport.dom;
import static org.esvflow.server.hostile.HardeningSupport.enc;
import static org.esvflow.server.hostile.HardeningSupport.executionId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import org.esvflow.server.ServerConfig;
import org.esvflow.server.testing.Fixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 7: requests in a foreign namespace, nested Executes without end, garbage tiles, anonymous
 * publishing onto a foreign grid, and listing other clients' executions. The server has an admin password, so
 * catalog operations need {@code admin:s3cret} even from this machine.
 */
@Tag("hostile")
class WpsAccessHostileTest {
    static final String PASSWORD = "s3cret";
    static Fixture f;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        f = new Fixture(ServerConfig.builder().adminPassword(PASSWORD).maxChainDepth(2));
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    static HttpResponse<byte[]> get(String path, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.server.localUrl() + path)).GET();
        if (password != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String wcs(String extra) {
        return f.server.baseUrl() + "/wcs?service=WCS&version=2.0.1&request=GetCoverage&coverageId=demo__landuse" + extra;
    }

    static String importRequest(String coverageUrl, String name, String time) {
        return "/wps?service=WPS&version=1.0.0&request=Execute&identifier=gs:Import&DataInputs="
                + enc("coverage=@xlink:href=" + coverageUrl + ";workspace=demo;name=" + name + ";styleName=esv;time=" + time)
                + "&RawDataOutput=layerName";
    }

    @Test
    void rootElementInAForeignNamespaceIsRefused() throws Exception {
        String evil = """
                <x:Execute service="WPS" version="1.0.0" xmlns:x="urn:not-wps" xmlns:ows="http://www.opengis.net/ows/1.1">
                  <ows:Identifier>lu:ClassArea</ows:Identifier></x:Execute>""";
        assertOws(f.postXml(evil), 400, "OperationNotSupported", "request");
        assertOws(f.postXml("<GetCapabilities service=\"WPS\"/>"), 400, "OperationNotSupported", "request");
        assertEquals(200, f.postXml("<wps:GetCapabilities service=\"WPS\" xmlns:wps=\"http://www.opengis.net/wps/1.0.0\"/>")
                .statusCode());
    }

    /** lu:AlignGrid of land use onto itself, nested {@code depth} times (0 = the WCS coverage itself). */
    static String nested(int depth) {
        String ref = wcs("");
        for (int i = 0; i < depth; i++) {
            ref = f.server.baseUrl() + "/wps?service=WPS&version=1.0.0&request=Execute&identifier=lu:AlignGrid"
                    + "&DataInputs=" + enc("source=@xlink:href=" + enc(ref) + ";reference=@xlink:href=" + enc(wcs("")))
                    + "&RawDataOutput=aligned";
        }
        return ref;
    }

    @Test
    void nestedExecuteReferencesAreCapped() throws Exception {
        String outer = "/wps?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea&RawDataOutput=areas&DataInputs=";
        HttpResponse<byte[]> ok = f.get(outer + enc("landUse=@xlink:href=" + enc(nested(2))));
        assertEquals(200, ok.statusCode(), Fixture.text(ok));
        // 2 500 pixels of class 8 in the lower-right quadrant (by construction)
        assertTrue(Fixture.text(ok).lines().anyMatch(l -> l.matches(".*,8,2500,.*")), Fixture.text(ok));
        var e = assertOws(f.get(outer + enc("landUse=@xlink:href=" + enc(nested(3)))), 400, "InvalidParameterValue", null);
        assertTrue(e.getTextContent().contains("more than 2 deep"), e.getTextContent());
        // a catalog operation inside a reference is refused even for the admin
        String inner = f.server.baseUrl() + importRequest(wcs(""), "lu_2031", "2031");
        assertOws(get(outer + enc("landUse=@xlink:href=" + enc(inner)), PASSWORD), 400, "InvalidParameterValue", null);
        assertFalse(Files.exists(f.dir.resolve("data/demo/lu/lu_2031.tif")));
    }

    @Test
    void garbageTilesAreABadInputWithoutInternals() throws Exception {
        byte[] bytes = Fixture.landUseTiff();
        // overwrite the one 256² tile's deflate stream with bytes that are no deflate stream
        long[] tile = firstTile(bytes);
        for (long i = tile[0]; i < tile[0] + tile[1]; i++) bytes[(int) i] = (byte) (0xA5 ^ i);
        String xml = InputTiffBombTest.execute(bytes, false); // lu:ClassArea of it, areas as CSV
        HttpResponse<byte[]> r = f.postXml(xml);
        var e = assertOws(r, 400, "InvalidParameterValue", "landUse");
        assertFalse(e.getTextContent().contains(".in") || e.getTextContent().contains("/"), e.getTextContent());
    }

    /** Offset and byte count of the only tile of a classic TIFF (its tile tables inline in the directory). */
    static long[] firstTile(byte[] tiff) {
        ByteBuffer b = ByteBuffer.wrap(tiff).order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        assertEquals(42, b.getShort(2));
        int ifd = b.getInt(4);
        int n = b.getShort(ifd) & 0xFFFF;
        long offset = -1;
        long count = -1;
        for (int i = 0; i < n; i++) {
            int p = ifd + 2 + 12 * i;
            int tag = b.getShort(p) & 0xFFFF;
            int type = b.getShort(p + 2) & 0xFFFF;
            long value = type == 3 ? b.getShort(p + 8) & 0xFFFF : b.getInt(p + 8) & 0xFFFFFFFFL;
            if (tag == 324 || tag == 325) assertEquals(1, b.getInt(p + 4), "one tile");
            if (tag == 324) offset = value;
            if (tag == 325) count = value;
        }
        assertTrue(offset > 0 && count > 0, "one tile");
        return new long[] {offset, count};
    }

    @Test
    void publishingNeedsTheAdminAndTheLayersGrid() throws Exception {
        assertOws(get(importRequest(wcs(""), "esv_2030", "2030"), null), 403, "NoApplicableCode", "Identifier");
        assertOws(get(importRequest(wcs(""), "esv_2030", "2030"), "wrong"), 403, "NoApplicableCode", "Identifier");
        assertFalse(Files.exists(f.dir.resolve("data/demo/esv/esv_2030.tif")));
        // the admin may publish, but not a raster on another grid: the left half of land use (50 × 100 pixels)
        String half = wcs("&subset=" + enc("E(500000,501500)"));
        assertOws(get(importRequest(half, "esv_2030", "2030"), PASSWORD), 400, "InvalidParameterValue", "coverage");
        assertFalse(Files.exists(f.dir.resolve("data/demo/esv/esv_2030.tif")));
        assertEquals(List.of("2019", "2023"), f.server.catalog().layer("demo:esv").times(), "the default time is unchanged");
        // the same grid is accepted
        HttpResponse<byte[]> ok = get(importRequest(wcs(""), "esv_2031", "2031"), PASSWORD);
        assertEquals(200, ok.statusCode(), Fixture.text(ok));
        assertEquals(List.of("2019", "2023", "2031"), f.server.catalog().layer("demo:esv").times());
    }

    @Test
    void getExecutionsListsTheCallersOwnJobs() throws Exception {
        String slow = "/ows?service=WPS&version=1.0.0&request=Execute&identifier=test:Slow&DataInputs="
                + enc("steps=3;stepMillis=10") + "&ResponseDocument=steps&storeExecuteResponse=true&status=true";
        String mine = executionId(dom(get(slow, null).body()).getDocumentElement().getAttribute("statusLocation"));
        String admins = executionId(dom(get(slow, PASSWORD).body()).getDocumentElement().getAttribute("statusLocation"));
        String anonymous = Fixture.text(get("/ows?service=WPS&version=1.0.0&request=GetExecutions", null));
        assertTrue(anonymous.contains(mine), anonymous);
        assertFalse(anonymous.contains(admins), anonymous);
        String admin = Fixture.text(get("/ows?service=WPS&version=1.0.0&request=GetExecutions", PASSWORD));
        assertTrue(admin.contains(mine) && admin.contains(admins), admin);
    }
}
