package org.esvflow.server.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.esvflow.process.Document;
import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Sheets;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodecRegistryTest {
    static final CodecRegistry CODECS = CodecRegistry.standard();
    @TempDir Path dir;

    enum Method { NET_PROFIT, SEVENTH }

    record Summary(double total) {}

    @Test
    void eachTypeListsItsMimeTypesDefaultFirst() {
        assertEquals(List.of("image/tiff", "image/geotiff", "application/geotiff"), CODECS.mimeTypes(GridCoverage2D.class));
        assertEquals(List.of("text/csv", "application/json"), CODECS.mimeTypes(Table.class));
        assertEquals(List.of("application/geo+json", "application/json"), CODECS.mimeTypes(SimpleFeatureCollection.class));
        assertEquals(List.of(Document.XLSX, Document.PNG, Document.PDF), CODECS.mimeTypes(Document.class));
        assertEquals(List.of("application/vnd.ogc.sld+xml"), CODECS.mimeTypes(org.esvflow.style.ColorMap.class));
        assertEquals(List.of("application/json"), CODECS.mimeTypes(Summary.class));
        assertEquals(List.of(), CODECS.mimeTypes(Double.class));
    }

    @Test
    void extensionsAndMimeTypesAreOneMap() {
        assertEquals("tif", CODECS.extension("image/geotiff"));
        assertEquals("csv", CODECS.extension("text/csv; charset=UTF-8"));
        assertEquals("xlsx", CODECS.extension(Document.XLSX));
        assertEquals("bin", CODECS.extension(null));
        assertEquals("image/tiff", CODECS.mimeType("A.TIFF"));
        assertEquals("application/geo+json", CODECS.mimeType("counties.geojson"));
        assertEquals(Document.PNG, CODECS.mimeType("q_bar.png"));
        assertEquals("application/octet-stream", CODECS.mimeType("notes.doc"));
        assertTrue(CODECS.binary(Document.XLSX));
        assertTrue(!CODECS.binary("text/csv"));
    }

    @Test
    void documentsAreWrittenOnlyInTheirOwnType() {
        Document png = new Document("c.png", Document.PNG, new byte[] {1, 2});
        assertEquals(Document.PNG, CODECS.encoder(png, null).mimeType());
        assertNull(CODECS.encoder(png, Document.XLSX));
        assertNull(CODECS.encoder(Table.builder("a").row(1).build(), "image/png"));
        assertEquals("application/json", CODECS.encoder(new Summary(2.5), null).mimeType());
    }

    @Test
    void literalsParseAsWpsAndTheCliDid() {
        assertSame(Method.NET_PROFIT, CODECS.literal(Method.class, "m").decode(" net-profit ", "m"));
        assertEquals(3, CODECS.literal(int.class, "k").decode("3", "k"));
        assertEquals("xs:int", CODECS.literal(Integer.class, "k").xsdType());
        InvalidInputException bad = assertThrows(InvalidInputException.class,
                () -> CODECS.literal(Method.class, "method").decode("cubic", "method"));
        assertEquals("method", bad.getInput());
        assertTrue(bad.getMessage().contains("'cubic' is not one of [NET_PROFIT, SEVENTH]"), bad.getMessage());
        assertThrows(InvalidInputException.class, () -> CODECS.literal(Boolean.class, "b").decode("yes", "b"));
        assertEquals("0.1", CODECS.literal(Double.class, "d").encode(0.1));
    }

    @Test
    void tablesRoundTripThroughCsvAndJson() throws Exception {
        Table t = Table.builder("code", "label", "area_ha").row(1L, "cropland", 0.09).row(2L, "forest, dense", 1.5).build();
        for (String mime : List.of("text/csv", "application/json")) {
            ComplexCodec<?> codec = CODECS.encoder(t, mime);
            Path file = dir.resolve("t." + codec.fileExtension());
            codec.encodeObject(t, file);
            Table back = (Table) CODECS.decoderForFile(Table.class, file.getFileName().toString(), "t").decode(file, "t");
            assertEquals(t.columns(), back.columns(), mime);
            assertArrayEquals(new double[] {0.09, 1.5}, back.doubles("area_ha"), 0, mime);
            assertEquals("forest, dense", back.rows().get(1)[1], mime);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CODECS.decoder(Table.class, "application/geo+json", "crops"));
        assertEquals("crops", e.getInput());
    }

    @Test
    void namedTablesWriteAsOneWorkbookAtFullPrecision() throws Exception {
        Table a = Table.builder("epoch", "esv_total").row(2013L, 41093.744999999995).row(2023L, 2.5251873846590336E10).build();
        Table b = Table.builder("factor", "significant").row("landUse", true).build();
        java.util.Map<String, Table> named = new java.util.LinkedHashMap<>();
        named.put("esv_by_class_with_a_name_longer_than_31", a);
        named.put("gd_factor", b);
        Sheets sheets = new Sheets(named);
        ComplexCodec<?> codec = CODECS.encoder(sheets, Document.XLSX);
        assertEquals("xlsx", codec.fileExtension());
        Path file = dir.resolve("tables.xlsx");
        codec.encodeObject(sheets, file);
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(file.toFile())) {
            // cut to 31 characters: esv_ (4) by_ (7) class_ (13) with_ (18) a_ (20) name_ (25) longer (31)
            assertEquals("esv_by_class_with_a_name_longer", book.getSheetName(0));
            assertEquals(true, book.getSheet("gd_factor").getRow(1).getCell(1).getBooleanCellValue());
            var sheet = book.getSheetAt(0);
            assertEquals("esv_total", sheet.getRow(0).getCell(1).getStringCellValue());
            // the doubles themselves, not their printed forms
            assertEquals(41093.744999999995, sheet.getRow(1).getCell(1).getNumericCellValue(), 0);
            assertEquals(2.5251873846590336E10, sheet.getRow(2).getCell(1).getNumericCellValue(), 0);
            assertEquals(2013.0, sheet.getRow(1).getCell(0).getNumericCellValue(), 0);
        }
        assertThrows(InvalidInputException.class, () -> codec.decode(file, "tables"));
        assertEquals(List.of(Document.XLSX), CODECS.mimeTypes(Sheets.class));
    }
}
