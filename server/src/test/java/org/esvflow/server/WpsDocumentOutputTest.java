package org.esvflow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.esvflow.process.Document;
import org.esvflow.server.testing.Fixture;
import org.esvflow.server.testing.Schemas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** gd:Detect's workbook and charts travel over WPS as XLSX and PNG, raw, by reference and inline. */
class WpsDocumentOutputTest {
    static Fixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new Fixture();
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    /**
     * Eight samples. Factor a: stratum A holds y = 1, 3, 1, 3 and B holds 5, 7, 5, 7; the mean is 4, so
     * SST = 2 × (9 + 1 + 1 + 9) = 40 and SSW = 4 × 1 + 4 × 1 = 8: q(a) = 1 − 8/40 = 0.8. Factor b splits each stratum
     * of a evenly (X: 1, 3, 5, 7; Y: the same), so q(b) = 1 − 40/40 = 0.
     */
    static final String SAMPLES = """
            y,a,b
            1,A,X
            3,A,X
            1,A,Y
            3,A,Y
            5,B,X
            7,B,X
            5,B,Y
            7,B,Y
            """;

    static String execute(String responseForm) {
        return """
                <wps:Execute service="WPS" version="1.0.0" xmlns:wps="http://www.opengis.net/wps/1.0.0"
                    xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:xlink="http://www.w3.org/1999/xlink">
                  <ows:Identifier>gd:Detect</ows:Identifier>
                  <wps:DataInputs>
                    <wps:Input><ows:Identifier>table</ows:Identifier>
                      <wps:Data><wps:ComplexData mimeType="text/csv"><![CDATA[%s]]></wps:ComplexData></wps:Data></wps:Input>
                    <wps:Input><ows:Identifier>y</ows:Identifier><wps:Data><wps:LiteralData>y</wps:LiteralData></wps:Data></wps:Input>
                    <wps:Input><ows:Identifier>categorical</ows:Identifier><wps:Data><wps:LiteralData>a,b</wps:LiteralData></wps:Data></wps:Input>
                  </wps:DataInputs>
                  <wps:ResponseForm>%s</wps:ResponseForm>
                </wps:Execute>""".formatted(SAMPLES, responseForm);
    }

    @Test
    void rawWorkbookIsAnXlsxWithTheFactorSheet() throws Exception {
        HttpResponse<byte[]> r = f.postXml(execute(
                "<wps:RawDataOutput mimeType=\"" + Document.XLSX + "\"><ows:Identifier>workbook</ows:Identifier></wps:RawDataOutput>"));
        assertEquals(200, r.statusCode(), Fixture.text(r));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(Document.XLSX),
                r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(0.8, factorQ(r.body(), "a"), 1e-12);
        assertEquals(0.0, factorQ(r.body(), "b"), 1e-12);
    }

    /** q of {@code factor} in the workbook's sheet "factor" (header row first, a column named q). */
    static double factorQ(byte[] xlsx, String factor) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet("factor");
            assertNotNull(sheet, "sheet 'factor'");
            Row header = sheet.getRow(0);
            int q = -1, name = -1;
            for (int c = 0; c < header.getLastCellNum(); c++) {
                if (header.getCell(c).getStringCellValue().equals("q")) q = c;
                if (header.getCell(c).getStringCellValue().equals("factor")) name = c;
            }
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                if (sheet.getRow(r).getCell(name).getStringCellValue().equals(factor)) {
                    return sheet.getRow(r).getCell(q).getNumericCellValue();
                }
            }
        }
        throw new AssertionError("no factor " + factor);
    }

    @Test
    void chartByReferenceIsAPngAndTheDocumentIsValid() throws Exception {
        HttpResponse<byte[]> r = f.postXml(execute("""
                <wps:ResponseDocument>
                  <wps:Output asReference="true"><ows:Identifier>qChart</ows:Identifier></wps:Output>
                  <wps:Output asReference="true"><ows:Identifier>workbook</ows:Identifier></wps:Output>
                </wps:ResponseDocument>"""));
        assertEquals(200, r.statusCode(), Fixture.text(r));
        Schemas.validate(Schemas.wps(), r.body());
        var refs = WpsTest.dom(r.body()).getElementsByTagNameNS("*", "Reference");
        assertEquals(2, refs.getLength());
        Element chart = (Element) refs.item(0);
        assertEquals(Document.PNG, chart.getAttribute("mimeType"));
        HttpResponse<byte[]> png = f.get(chart.getAttribute("href").substring(f.server.baseUrl().length()));
        assertEquals(200, png.statusCode());
        assertEquals(Document.PNG, png.headers().firstValue("Content-Type").orElse(""));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertNotNull(image, "a decodable PNG");
        Element book = (Element) refs.item(1);
        assertEquals(Document.XLSX, book.getAttribute("mimeType"));
        HttpResponse<byte[]> xlsx = f.get(book.getAttribute("href").substring(f.server.baseUrl().length()));
        assertEquals(0.8, factorQ(xlsx.body(), "a"), 1e-12);
    }

    @Test
    void inlineChartIsBase64PngAndDescribeListsTheFormats() throws Exception {
        HttpResponse<byte[]> r = f.postXml(execute(
                "<wps:ResponseDocument><wps:Output><ows:Identifier>qChart</ows:Identifier></wps:Output></wps:ResponseDocument>"));
        assertEquals(200, r.statusCode(), Fixture.text(r));
        Schemas.validate(Schemas.wps(), r.body());
        Element data = WpsTest.firstElement(WpsTest.dom(r.body()), "ComplexData");
        assertEquals(Document.PNG, data.getAttribute("mimeType"));
        assertEquals("base64", data.getAttribute("encoding"));
        byte[] png = Base64.getDecoder().decode(data.getTextContent().trim());
        assertNotNull(ImageIO.read(new ByteArrayInputStream(png)));

        String describe = Fixture.text(f.get("/ows?service=WPS&version=1.0.0&request=DescribeProcess&identifier=gd:Detect"));
        assertTrue(describe.contains("<MimeType>" + Document.XLSX + "</MimeType>"), describe);
        assertTrue(describe.contains("<MimeType>" + Document.PNG + "</MimeType>"), describe);
        HttpResponse<byte[]> wrong = f.postXml(execute(
                "<wps:RawDataOutput mimeType=\"text/csv\"><ows:Identifier>workbook</ows:Identifier></wps:RawDataOutput>"));
        assertEquals(400, wrong.statusCode(), Fixture.text(wrong));
    }
}
