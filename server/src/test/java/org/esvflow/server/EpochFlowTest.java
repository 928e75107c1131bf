package org.esvflow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import javax.imageio.ImageIO;
import org.esvflow.server.testing.Fixture;
import org.esvflow.server.testing.Schemas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * DESIGN.md "How one epoch flows": an async Execute whose raster inputs are WCS GetCoverage references (resolved
 * in-process), status polling, the output kept as a reference, published with gs:Import as an epoch of a styled
 * time-enabled layer, and served by WMS with TIME.
 */
class EpochFlowTest {
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
    void executeAsyncThenPublishEpochThenMap() throws Exception {
        String base = f.server.baseUrl();
        String wcs = base + "/wcs?service=WCS&amp;version=2.0.1&amp;request=GetCoverage&amp;coverageId=";
        String execute = """
                <wps:Execute service="WPS" version="1.0.0" xmlns:wps="http://www.opengis.net/wps/1.0.0"
                    xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:xlink="http://www.w3.org/1999/xlink">
                  <ows:Identifier>lu:AlignGrid</ows:Identifier>
                  <wps:DataInputs>
                    <wps:Input><ows:Identifier>source</ows:Identifier>
                      <wps:Reference mimeType="image/tiff" xlink:href="%sdemo__esv&amp;subset=time(&quot;2023&quot;)"/></wps:Input>
                    <wps:Input><ows:Identifier>reference</ows:Identifier>
                      <wps:Reference mimeType="image/tiff" xlink:href="%sdemo__landuse"/></wps:Input>
                  </wps:DataInputs>
                  <wps:ResponseForm><wps:ResponseDocument storeExecuteResponse="true" status="true">
                    <wps:Output asReference="true" mimeType="image/tiff"><ows:Identifier>aligned</ows:Identifier></wps:Output>
                  </wps:ResponseDocument></wps:ResponseForm>
                </wps:Execute>""".formatted(wcs, wcs);
        HttpResponse<byte[]> accepted = f.postXml(execute);
        assertEquals(200, accepted.statusCode(), Fixture.text(accepted));
        Schemas.validate(Schemas.wps(), accepted.body());
        String status = WpsTest.dom(accepted.body()).getDocumentElement().getAttribute("statusLocation");
        Document done = LimitsTestSupport.poll(f, status);
        Schemas.validate(Schemas.wps(), Fixture.text(f.get(status.substring(base.length()))).getBytes());
        String href = WpsTest.firstElement(done, "Reference").getAttribute("href");
        assertTrue(href.contains("request=GetExecutionResult"), href);

        // references, never bytes: the stored output is handed to gs:Import by its URL and read in-process
        String inputs = "coverage=@xlink:href=" + href + "@mimeType=image/tiff;workspace=demo;name=esv_aligned_2023;"
                + "styleName=esv;time=2023";
        HttpResponse<byte[]> published = f.get("/wps?service=WPS&version=1.0.0&request=Execute&identifier=gs:Import"
                + "&DataInputs=" + WpsTest.enc(inputs) + "&RawDataOutput=layerName");
        assertEquals(200, published.statusCode(), Fixture.text(published));
        assertEquals("demo:esv_aligned", Fixture.text(published));

        HttpResponse<byte[]> caps = f.get("/wms?service=WMS&version=1.3.0&request=GetCapabilities");
        Schemas.validate(Schemas.wms(), caps.body());
        assertTrue(Fixture.text(caps).contains("<Name>demo:esv_aligned</Name>"));
        HttpResponse<byte[]> map = f.get("/wms?service=WMS&version=1.3.0&request=GetMap&layers=demo:esv_aligned&styles="
                + "&crs=EPSG:32650&bbox=500000,3997000,503000,4000000&width=100&height=100&format=image/png"
                + "&transparent=true&time=2023");
        assertEquals(200, map.statusCode(), Fixture.text(map));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(map.body()));
        // 2023 values: 20 000 left (halfway 10 000 -> 30 000: 9dd689), 120 000 right (above the last entry: 006837)
        assertEquals(0xFF9DD689, img.getRGB(30, 50));
        assertEquals(0xFF006837, img.getRGB(70, 50));
        assertEquals(0, img.getRGB(5, 5) >>> 24, "nodata stays transparent through the chain");
    }
}
