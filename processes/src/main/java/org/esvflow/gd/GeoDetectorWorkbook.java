package org.esvflow.gd;

import org.esvflow.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import java.util.Map;
import org.esvflow.table.Table;

/**
 * An XLSX workbook with one sheet per table (as the original Excel GeoDetector lays out its detectors): a bold
 * header row, numbers as numbers at full double precision (shortest round-trip form), booleans as booleans, texts
 * as inline strings, empty cells for missing or NaN.
 *
 * <p>Written here as the few SpreadsheetML parts a reader needs (content types, relationships, workbook, styles,
 * one part per sheet) in a zip: a streaming XLSX library costs ~0.3 s of CPU to load, Apache POI's XSSF ~3 s, for
 * a few hundred cells.
 */
public final class GeoDetectorWorkbook {
    private GeoDetectorWorkbook() {}

    private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

    /** Writes the sheets, in map order (null tables skipped), to {@code out}. Sheet names are cut to Excel's 31 characters. */
    public static void write(Map<String, Table> sheets, OutputStream out) throws IOException {
        List<String> names = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        for (Map.Entry<String, Table> e : sheets.entrySet()) {
            if (e.getValue() == null) continue;
            names.add(e.getKey().length() > 31 ? e.getKey().substring(0, 31) : e.getKey());
            tables.add(e.getValue());
        }
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        StringBuilder types = new StringBuilder(XML).append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
                .append("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
                .append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
                .append("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>")
                .append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        for (int i = 1; i <= tables.size(); i++) {
            types.append("<Override PartName=\"/xl/worksheets/sheet").append(i)
                    .append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        }
        part(zip, "[Content_Types].xml", types.append("</Types>"));
        part(zip, "_rels/.rels", new StringBuilder(XML).append("<Relationships xmlns=\"").append(PACKAGE_REL).append("\">")
                .append("<Relationship Id=\"rId1\" Type=\"").append(REL).append("/officeDocument\" Target=\"xl/workbook.xml\"/>")
                .append("</Relationships>"));
        StringBuilder workbook = new StringBuilder(XML).append("<workbook xmlns=\"").append(MAIN).append("\" xmlns:r=\"")
                .append(REL).append("\"><sheets>");
        StringBuilder rels = new StringBuilder(XML).append("<Relationships xmlns=\"").append(PACKAGE_REL).append("\">");
        for (int i = 1; i <= tables.size(); i++) {
            workbook.append("<sheet name=\"").append(escape(names.get(i - 1))).append("\" sheetId=\"").append(i)
                    .append("\" r:id=\"rId").append(i).append("\"/>");
            rels.append("<Relationship Id=\"rId").append(i).append("\" Type=\"").append(REL)
                    .append("/worksheet\" Target=\"worksheets/sheet").append(i).append(".xml\"/>");
        }
        rels.append("<Relationship Id=\"rId").append(tables.size() + 1).append("\" Type=\"").append(REL)
                .append("/styles\" Target=\"styles.xml\"/>");
        part(zip, "xl/workbook.xml", workbook.append("</sheets></workbook>"));
        part(zip, "xl/_rels/workbook.xml.rels", rels.append("</Relationships>"));
        // style 0: plain; style 1: bold (the header row)
        part(zip, "xl/styles.xml", new StringBuilder(XML).append("<styleSheet xmlns=\"").append(MAIN).append("\">")
                .append("<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>")
                .append("<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>")
                .append("<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>")
                .append("<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>")
                .append("<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>")
                .append("<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>")
                .append("<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>")
                .append("</styleSheet>"));
        for (int i = 0; i < tables.size(); i++) part(zip, "xl/worksheets/sheet" + (i + 1) + ".xml", sheet(tables.get(i)));
        zip.finish();
        zip.flush();
    }

    /** Writes atomically to {@code file}. */
    public static void write(Map<String, Table> sheets, Path file) throws IOException {
        AtomicFiles.write(file, temp -> {
            try (OutputStream out = Files.newOutputStream(temp)) {
                write(sheets, out);
            }
        });
    }

    private static StringBuilder sheet(Table table) {
        StringBuilder x = new StringBuilder(XML).append("<worksheet xmlns=\"").append(MAIN).append("\"><sheetData>");
        x.append("<row r=\"1\">");
        for (int c = 0; c < table.columns().size(); c++) {
            x.append("<c r=\"").append(column(c)).append(1).append("\" s=\"1\" t=\"inlineStr\"><is><t>")
                    .append(escape(table.columns().get(c))).append("</t></is></c>");
        }
        x.append("</row>");
        int r = 2;
        for (Object[] values : table.rows()) {
            x.append("<row r=\"").append(r).append("\">");
            for (int c = 0; c < values.length; c++) cell(x, column(c) + r, values[c]);
            x.append("</row>");
            r++;
        }
        return x.append("</sheetData></worksheet>");
    }

    private static void cell(StringBuilder x, String ref, Object value) {
        if (value == null) return;
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) return;
            x.append("<c r=\"").append(ref).append("\"><v>")
                    .append(n instanceof Double || n instanceof Float ? Double.toString(d) : n.toString()).append("</v></c>");
        } else if (value instanceof Boolean b) {
            x.append("<c r=\"").append(ref).append("\" t=\"b\"><v>").append(b ? 1 : 0).append("</v></c>");
        } else {
            x.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
                    .append(escape(value.toString())).append("</t></is></c>");
        }
    }

    /** Column letters: 0 → A, 25 → Z, 26 → AA. */
    static String column(int index) {
        StringBuilder s = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) s.insert(0, (char) ('A' + (i - 1) % 26));
        return s.toString();
    }

    /** XML text: the five special characters escaped, characters XML 1.0 forbids dropped. */
    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r') out.append(ch);
                }
            }
        }
        return out.toString();
    }

    private static void part(ZipOutputStream zip, String name, CharSequence text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
