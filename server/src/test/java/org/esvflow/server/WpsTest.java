package org.esvflow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.server.testing.Fixture;
import org.esvflow.server.testing.Schemas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class WpsTest {
    static Fixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new Fixture();
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    static Document dom(byte[] xml) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        return dbf.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static String first(Document d, String local) {
        var n = d.getElementsByTagNameNS("*", local);
        return n.getLength() == 0 ? null : n.item(0).getTextContent().trim();
    }

    static Element firstElement(Document d, String local) {
        var n = d.getElementsByTagNameNS("*", local);
        return n.getLength() == 0 ? null : (Element) n.item(0);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** CSV rows of lu:ClassArea keyed by class: {pixels, area_ha, share_pct}. */
    static Map<Long, double[]> areas(String csv) {
        Map<Long, double[]> out = new HashMap<>();
        List<String> lines = csv.lines().toList();
        assertEquals("region_id,region_name,class,pixels,area_ha,share_pct", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            out.put(Long.parseLong(c[2]), new double[] {Double.parseDouble(c[3]), Double.parseDouble(c[4]), Double.parseDouble(c[5])});
        }
        return out;
    }

    /** Each quadrant is 50 × 50 = 2 500 pixels of 30 m × 30 m = 0.09 ha: 225 ha, 25 % of the classified area. */
    static void assertQuadrants(Map<Long, double[]> areas) {
        assertEquals(4, areas.size());
        for (long c : new long[] {1, 2, 5, 8}) {
            assertEquals(2500, areas.get(c)[0]);
            assertEquals(225.0, areas.get(c)[1], 1e-9);
            assertEquals(25.0, areas.get(c)[2], 1e-9);
        }
    }

    @Test
    void capabilitiesListSpiProcessesAndImportAndAreValid() throws Exception {
        HttpResponse<byte[]> r = f.get("/wps?service=WPS&request=GetCapabilities");
        assertEquals(200, r.statusCode());
        Schemas.validate(Schemas.wps(), r.body());
        String text = Fixture.text(r);
        for (String id : List.of("lu:ClassArea", "lu:AlignGrid", "gs:Import", "test:Slow")) {
            assertTrue(text.contains(">" + id + "<"), id);
        }
    }

    @Test
    void describeProcessIsValidAndShowsRangesAndEnums() throws Exception {
        HttpResponse<byte[]> r = f.get("/ows?service=WPS&version=1.0.0&request=DescribeProcess&identifier=ALL");
        assertEquals(200, r.statusCode());
        Schemas.validate(Schemas.wps(), r.body());
        String text = Fixture.text(r);
        assertTrue(text.contains("<ows:MinimumValue>1.0</ows:MinimumValue>"), "range of test:Slow steps");
        assertTrue(text.contains("<ows:Value>BILINEAR</ows:Value>"), "enum of lu:AlignGrid resampling");
        assertTrue(text.contains("<MimeType>image/tiff</MimeType>"));
    }

    @Test
    void syncRawOutputWithWcsReferenceResolvedInProcess() throws Exception {
        String wcs = f.server.baseUrl() + "/wcs?service=WCS&version=2.0.1&request=GetCoverage&coverageId=demo__landuse";
        String inputs = "landUse=@xlink:href=" + wcs + "@mimeType=image/tiff";
        HttpResponse<byte[]> r = f.get("/wps?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea&DataInputs="
                + enc(inputs) + "&RawDataOutput=" + enc("areas@mimeType=text/csv"));
        assertEquals(200, r.statusCode(), Fixture.text(r));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertQuadrants(areas(Fixture.text(r)));
    }

    @Test
    void chainedExecuteReferenceRunsInProcess() throws Exception {
        String wcs = f.server.baseUrl() + "/wcs?service=WCS&version=2.0.1&request=GetCoverage&coverageId=demo__landuse";
        // the inner Execute aligns land use onto its own grid (identity), its raw output feeds lu:ClassArea
        String inner = f.server.baseUrl() + "/wps?service=WPS&version=1.0.0&request=Execute&identifier=lu:AlignGrid"
                + "&DataInputs=" + enc("source=@xlink:href=" + enc(wcs) + ";reference=@xlink:href=" + enc(wcs))
                + "&RawDataOutput=aligned";
        HttpResponse<byte[]> r = f.get("/wps?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea&DataInputs="
                + enc("landUse=@xlink:href=" + enc(inner)) + "&RawDataOutput=areas");
        assertEquals(200, r.statusCode(), Fixture.text(r));
        assertQuadrants(areas(Fixture.text(r)));
    }

    @Test
    void syncXmlPostWithBase64GeoTiffAndReferenceOutputWithLineage() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(Fixture.landUseTiff());
        String xml = """
                <wps:Execute service="WPS" version="1.0.0" xmlns:wps="http://www.opengis.net/wps/1.0.0"
                    xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:xlink="http://www.w3.org/1999/xlink">
                  <ows:Identifier>lu:ClassArea</ows:Identifier>
                  <wps:DataInputs>
                    <wps:Input><ows:Identifier>landUse</ows:Identifier>
                      <wps:Data><wps:ComplexData mimeType="image/tiff" encoding="base64">%s</wps:ComplexData></wps:Data>
                    </wps:Input>
                  </wps:DataInputs>
                  <wps:ResponseForm>
                    <wps:ResponseDocument lineage="true">
                      <wps:Output asReference="true" mimeType="application/json"><ows:Identifier>areas</ows:Identifier></wps:Output>
                    </wps:ResponseDocument>
                  </wps:ResponseForm>
                </wps:Execute>""".formatted(b64);
        HttpResponse<byte[]> r = f.postXml(xml);
        assertEquals(200, r.statusCode(), Fixture.text(r));
        Schemas.validate(Schemas.wps(), r.body());
        Document d = dom(r.body());
        assertNotNull(firstElement(d, "ProcessSucceeded"));
        assertNotNull(firstElement(d, "DataInputs"), "lineage echoes the inputs");
        String href = firstElement(d, "Reference").getAttribute("href");
        assertTrue(href.startsWith(f.server.baseUrl() + "/ows?service=WPS"), href);
        HttpResponse<byte[]> out = f.get(href.substring(f.server.baseUrl().length()));
        assertEquals(200, out.statusCode());
        String json = Fixture.text(out);
        assertTrue(json.contains("\"class\" : 8"), json);
        assertTrue(json.contains("\"pixels\" : 2500"), json);
    }

    @Test
    void inlineOutputsAreValidAndDecodable() throws Exception {
        String wcs = f.server.baseUrl() + "/wcs?service=WCS&version=2.0.1&request=GetCoverage&coverageId=demo__landuse";
        // CSV inline (CDATA)
        HttpResponse<byte[]> csv = f.get("/wps?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea&DataInputs="
                + enc("landUse=@xlink:href=" + enc(wcs)) + "&ResponseDocument=" + enc("areas@mimeType=text/csv"));
        assertEquals(200, csv.statusCode(), Fixture.text(csv));
        Schemas.validate(Schemas.wps(), csv.body());
        assertQuadrants(areas(first(dom(csv.body()), "ComplexData")));
        // no output requested: every output inline, the GeoTIFF as base64
        HttpResponse<byte[]> tif = f.get("/wps?service=WPS&version=1.0.0&request=Execute&identifier=lu:AlignGrid&DataInputs="
                + enc("source=@xlink:href=" + enc(wcs) + ";reference=@xlink:href=" + enc(wcs)));
        assertEquals(200, tif.statusCode(), Fixture.text(tif));
        Schemas.validate(Schemas.wps(), tif.body());
        Element data = firstElement(dom(tif.body()), "ComplexData");
        assertEquals("base64", data.getAttribute("encoding"));
        java.nio.file.Path file = Files.createTempFile("inline", ".tif");
        try {
            Files.write(file, Base64.getDecoder().decode(data.getTextContent().trim()));
            org.geotools.coverage.grid.GridCoverage2D c = GeoTiffs.read(file.toFile());
            assertEquals(100, c.getRenderedImage().getWidth());
            assertEquals(8, c.getRenderedImage().getData().getSample(99, 99, 0));
            c.dispose(true);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void asyncExecuteReportsProgressAndSucceeds() throws Exception {
        String xml = """
                <wps:Execute service="WPS" version="1.0.0" xmlns:wps="http://www.opengis.net/wps/1.0.0"
                    xmlns:ows="http://www.opengis.net/ows/1.1">
                  <ows:Identifier>test:Slow</ows:Identifier>
                  <wps:DataInputs>
                    <wps:Input><ows:Identifier>steps</ows:Identifier><wps:Data><wps:LiteralData>40</wps:LiteralData></wps:Data></wps:Input>
                    <wps:Input><ows:Identifier>stepMillis</ows:Identifier><wps:Data><wps:LiteralData>25</wps:LiteralData></wps:Data></wps:Input>
                  </wps:DataInputs>
                  <wps:ResponseForm><wps:ResponseDocument storeExecuteResponse="true" status="true">
                    <wps:Output><ows:Identifier>steps</ows:Identifier></wps:Output>
                  </wps:ResponseDocument></wps:ResponseForm>
                </wps:Execute>""";
        HttpResponse<byte[]> r = f.postXml(xml);
        assertEquals(200, r.statusCode(), Fixture.text(r));
        Schemas.validate(Schemas.wps(), r.body());
        Document d = dom(r.body());
        String status = d.getDocumentElement().getAttribute("statusLocation");
        assertTrue(status.startsWith(f.server.baseUrl() + "/ows?"), status);
        boolean sawProgress = false;
        Document last = d;
        for (int i = 0; i < 200 && firstElement(last, "ProcessSucceeded") == null; i++) {
            Thread.sleep(20);
            HttpResponse<byte[]> s = f.get(status.substring(f.server.baseUrl().length()));
            assertEquals(200, s.statusCode());
            Schemas.validate(Schemas.wps(), s.body());
            last = dom(s.body());
            Element started = firstElement(last, "ProcessStarted");
            if (started != null) {
                int pct = Integer.parseInt(started.getAttribute("percentCompleted"));
                sawProgress |= pct > 0 && pct < 100;
            }
            assertEquals(null, firstElement(last, "ProcessFailed"));
        }
        assertNotNull(firstElement(last, "ProcessSucceeded"));
        assertTrue(sawProgress, "a percentCompleted strictly between 0 and 100 was reported");
        assertEquals("40", first(last, "LiteralData"));
    }

    @Test
    void statusLocationHonoursProxyBaseUrl() throws Exception {
        try (Fixture proxied = new Fixture(ServerConfig.builder().proxyBaseUrl("https://maps.example.org/geoserver"))) {
            HttpResponse<byte[]> r = proxied.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=test:Slow"
                    + "&DataInputs=steps=1&ResponseDocument=steps&storeExecuteResponse=true&status=true");
            Document d = dom(r.body());
            assertTrue(d.getDocumentElement().getAttribute("statusLocation")
                    .startsWith("https://maps.example.org/geoserver/ows?service=WPS"));
        }
    }

    @Test
    void stoppingTheServerLetsRunningExecutionsWriteTheirLastStatus() throws Exception {
        try (Fixture own = new Fixture()) {
            HttpResponse<byte[]> r = own.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=test:Slow"
                    + "&DataInputs=steps=500;stopMillis=300&ResponseDocument=steps&storeExecuteResponse=true&status=true");
            String status = dom(r.body()).getDocumentElement().getAttribute("statusLocation");
            String id = status.substring(status.indexOf("executionId=") + "executionId=".length());
            own.server.stop(); // 500 steps take 5 s: the execution is interrupted mid-run and needs 300 ms to stop
            Path jobDir = own.dir.resolve("temp").resolve("wps").resolve(id);
            try (var files = Files.list(jobDir)) {
                assertEquals(List.of("status.xml"), files.map(p -> p.getFileName().toString()).toList(),
                        "only the final status document, no half-written file");
            }
            Document last = dom(Files.readAllBytes(jobDir.resolve("status.xml")));
            assertNotNull(firstElement(last, "ProcessFailed"), "the interrupted execution recorded its failure");
        }
    }

    @Test
    void badInputsAreExceptionReportsWithLocators() throws Exception {
        assertException(f.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=test:Slow&DataInputs=steps=abc"),
                "InvalidParameterValue", "steps");
        assertException(f.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=test:Slow&DataInputs=steps=0"),
                "InvalidParameterValue", "steps");
        assertException(f.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea"),
                "MissingParameterValue", "landUse");
        assertException(f.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=no:Such"),
                "InvalidParameterValue", "Identifier");
        assertException(f.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea&DataInputs="
                + enc("landUse=@xlink:href=" + f.server.baseUrl() + "/wcs?service=WCS&request=GetCoverage&coverageId=demo__nothing")),
                "InvalidParameterValue", "landUse");
        assertException(f.get("/ows?service=WPS&request=Frobnicate"), "OperationNotSupported", "request");
    }

    static void assertException(HttpResponse<byte[]> r, String code, String locator) throws Exception {
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, "status " + r.statusCode() + " " + Fixture.text(r));
        Schemas.validate(Schemas.wps(), r.body());
        Element e = firstElement(dom(r.body()), "Exception");
        assertEquals(code, e.getAttribute("exceptionCode"), Fixture.text(r));
        assertEquals(locator, e.getAttribute("locator"));
    }

    @Test
    void importPublishesATimeSeriesLayerInGeoServerLayout() throws Exception {
        String wcs = f.server.baseUrl() + "/wcs?service=WCS&version=2.0.1&request=GetCoverage&coverageId=demo__landuse";
        String inputs = "coverage=@xlink:href=" + wcs + ";workspace=demo;name=lu_2020;styleName=landuse;time=2020";
        HttpResponse<byte[]> r = f.get("/wps?service=WPS&version=1.0.0&request=Execute&identifier=gs:Import&DataInputs="
                + enc(inputs) + "&RawDataOutput=layerName");
        assertEquals(200, r.statusCode(), Fixture.text(r));
        assertEquals("demo:lu", Fixture.text(r));
        java.nio.file.Path ws = f.dir.resolve("workspaces/demo");
        for (String p : List.of("workspace.xml", "namespace.xml", "lu/coveragestore.xml", "lu/lu/coverage.xml", "lu/lu/layer.xml")) {
            assertTrue(Files.isRegularFile(ws.resolve(p)), p);
        }
        assertTrue(Files.readString(ws.resolve("lu/coveragestore.xml")).contains("<type>ImageMosaic</type>"));
        assertTrue(Files.isRegularFile(f.dir.resolve("data/demo/lu/lu_2020.tif")));
        assertTrue(Files.isRegularFile(f.dir.resolve("data/demo/lu/timeregex.properties")));
        String caps = Fixture.text(f.get("/wms?service=WMS&version=1.3.0&request=GetCapabilities"));
        assertTrue(caps.contains("<Name>demo:lu</Name>"), caps);
    }
}
