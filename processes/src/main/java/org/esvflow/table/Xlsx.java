package org.esvflow.table;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The one XLSX writer: a workbook with one sheet per table, a bold header row, numbers as numbers at full double
 * precision, booleans as booleans, empty cells for missing or NaN. Sheet names are cut to Excel's 31 characters;
 * rows beyond Excel's 1 048 576 per sheet (header included) are left out (the CSV keeps them).
 *
 * <p>The parts of SpreadsheetML (ECMA-376) written directly as XML text into a zip: content types, relationships,
 * document properties (creator "esvflow"), workbook, styles (fonts 0 plain and 1 bold, cell formats 0 and 1), one
 * worksheet per table and the shared strings. Apache POI's XSSF loads its XML schema types first, about 3 s of CPU
 * before the first cell, and a streaming library's classes (fastexcel) ~0.2 s of CPU in a fresh process, more than
 * the tables of a GeoDetector run take to write here. Texts go through the shared-string table, each once; characters
 * XML cannot hold (controls other than tab and line breaks) are written as Excel's {@code _xHHHH_} escapes, and a
 * literal {@code _xHHHH_} in a text has its underscore escaped ({@code _x005F_}), so readers decode every text as
 * it was. Column widths follow the longest cell written (bestFit), as spreadsheet programs size them.
 */
public final class Xlsx {
    /** Excel's limit on the rows of a sheet. */
    public static final int MAX_ROWS = 1_048_576;

    private Xlsx() {}

    private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String SPREADSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
    /** Default column width, in characters of the default font (Excel's 8.43). */
    private static final double DEFAULT_WIDTH = 8.43;

    /** Writes the sheets, in map order, to {@code out}; null tables are skipped. {@code out} is left open. */
    public static void write(Map<String, Table> sheets, OutputStream out) throws IOException {
        List<String> names = new ArrayList<>();
        List<StringBuilder> worksheets = new ArrayList<>();
        Strings strings = new Strings();
        for (Map.Entry<String, Table> e : sheets.entrySet()) {
            if (e.getValue() == null) continue;
            names.add(e.getKey().length() > 31 ? e.getKey().substring(0, 31) : e.getKey());
            worksheets.add(worksheet(e.getValue(), strings));
        }
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8); // finished, not closed: out stays open
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        int n = names.size();
        StringBuilder types = new StringBuilder(XML).append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
                .append("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
                .append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
                .append("<Override PartName=\"/xl/workbook.xml\" ContentType=\"").append(SPREADSHEET_TYPE).append("sheet.main+xml\"/>")
                .append("<Override PartName=\"/xl/styles.xml\" ContentType=\"").append(SPREADSHEET_TYPE).append("styles+xml\"/>")
                .append("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"").append(SPREADSHEET_TYPE).append("sharedStrings+xml\"/>");
        for (int s = 1; s <= n; s++) {
            types.append("<Override PartName=\"/xl/worksheets/sheet").append(s).append(".xml\" ContentType=\"")
                    .append(SPREADSHEET_TYPE).append("worksheet+xml\"/>");
        }
        types.append("<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>")
                .append("<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>")
                .append("</Types>");
        part(zip, "[Content_Types].xml", types);
        part(zip, "_rels/.rels", new StringBuilder(XML).append("<Relationships xmlns=\"").append(PACKAGE_RELATIONSHIPS).append("\">")
                .append("<Relationship Id=\"rId1\" Type=\"").append(RELATIONSHIPS).append("/officeDocument\" Target=\"xl/workbook.xml\"/>")
                .append("<Relationship Id=\"rId2\" Type=\"").append(PACKAGE_RELATIONSHIPS).append("/metadata/core-properties\" Target=\"docProps/core.xml\"/>")
                .append("<Relationship Id=\"rId3\" Type=\"").append(RELATIONSHIPS).append("/extended-properties\" Target=\"docProps/app.xml\"/>")
                .append("</Relationships>"));
        part(zip, "docProps/app.xml", new StringBuilder(XML)
                .append("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">")
                .append("<Application>esvflow</Application></Properties>"));
        part(zip, "docProps/core.xml", new StringBuilder(XML)
                .append("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ")
                .append("xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>esvflow</dc:creator></cp:coreProperties>"));
        // relationship ids: rId1..rIdN the sheets, then styles and shared strings
        StringBuilder workbook = new StringBuilder(XML).append("<workbook xmlns=\"").append(MAIN).append("\" xmlns:r=\"")
                .append(RELATIONSHIPS).append("\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>");
        StringBuilder rels = new StringBuilder(XML).append("<Relationships xmlns=\"").append(PACKAGE_RELATIONSHIPS).append("\">");
        for (int s = 1; s <= n; s++) {
            workbook.append("<sheet name=\"");
            text(workbook, names.get(s - 1), false);
            workbook.append("\" sheetId=\"").append(s).append("\" r:id=\"rId").append(s).append("\"/>");
            rels.append("<Relationship Id=\"rId").append(s).append("\" Type=\"").append(RELATIONSHIPS)
                    .append("/worksheet\" Target=\"worksheets/sheet").append(s).append(".xml\"/>");
        }
        workbook.append("</sheets></workbook>");
        rels.append("<Relationship Id=\"rId").append(n + 1).append("\" Type=\"").append(RELATIONSHIPS)
                .append("/styles\" Target=\"styles.xml\"/>")
                .append("<Relationship Id=\"rId").append(n + 2).append("\" Type=\"").append(RELATIONSHIPS)
                .append("/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
        part(zip, "xl/workbook.xml", workbook);
        part(zip, "xl/_rels/workbook.xml.rels", rels);
        part(zip, "xl/styles.xml", new StringBuilder(XML).append("<styleSheet xmlns=\"").append(MAIN).append("\">")
                .append("<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>")
                .append("<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>")
                .append("<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>")
                .append("<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>")
                .append("<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>")
                .append("<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>")
                .append("<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>")
                .append("<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>")
                .append("</styleSheet>"));
        for (int s = 1; s <= n; s++) part(zip, "xl/worksheets/sheet" + s + ".xml", worksheets.get(s - 1));
        StringBuilder shared = new StringBuilder(XML).append("<sst xmlns=\"").append(MAIN).append("\" count=\"")
                .append(strings.uses).append("\" uniqueCount=\"").append(strings.list.size()).append("\">");
        for (String t : strings.list) {
            shared.append(preserve(t) ? "<si><t xml:space=\"preserve\">" : "<si><t>");
            text(shared, t, true);
            shared.append("</t></si>");
        }
        part(zip, "xl/sharedStrings.xml", shared.append("</sst>"));
        zip.finish();
        out.flush();
    }

    /** The worksheet XML of a table: the header row in style 1 (bold), then its rows (at most MAX_ROWS in all). */
    private static StringBuilder worksheet(Table table, Strings strings) {
        int columns = table.columns().size(), rows = Math.min(table.rowCount(), MAX_ROWS - 1);
        String[] letters = new String[columns];
        int[] widest = new int[columns];
        for (int c = 0; c < columns; c++) letters[c] = column(c);
        StringBuilder data = new StringBuilder(64 + 24 * columns * (rows + 1));
        data.append("<sheetData>");
        if (columns > 0) {
            data.append("<row r=\"1\">");
            for (int c = 0; c < columns; c++) {
                String name = table.columns().get(c);
                data.append("<c r=\"").append(letters[c]).append("1\" s=\"1\" t=\"s\"><v>").append(strings.index(name)).append("</v></c>");
                widest[c] = name.length();
            }
            data.append("</row>");
        }
        for (int r = 0; r < rows; r++) {
            Object[] values = table.rows().get(r);
            int row = r + 2;
            data.append("<row r=\"").append(row).append("\">");
            for (int c = 0; c < values.length && c < columns; c++) {
                Object v = values[c];
                if (v == null) continue;
                if (v instanceof Number number) {
                    double d = number.doubleValue();
                    if (!Double.isFinite(d)) continue;
                    data.append("<c r=\"").append(letters[c]).append(row).append("\"><v>");
                    int from = data.length();
                    data.append(d); // Double.toString: the shortest decimal that reads back as d
                    widest[c] = Math.max(widest[c], data.length() - from);
                    data.append("</v></c>");
                } else if (v instanceof Boolean b) {
                    data.append("<c r=\"").append(letters[c]).append(row).append("\" t=\"b\"><v>").append(b ? '1' : '0').append("</v></c>");
                    widest[c] = Math.max(widest[c], b ? 4 : 5);
                } else {
                    String t = v.toString();
                    data.append("<c r=\"").append(letters[c]).append(row).append("\" t=\"s\"><v>").append(strings.index(t)).append("</v></c>");
                    widest[c] = Math.max(widest[c], t.length());
                }
            }
            data.append("</row>");
        }
        data.append("</sheetData>");
        StringBuilder sheet = new StringBuilder(data.length() + 512);
        sheet.append(XML).append("<worksheet xmlns=\"").append(MAIN).append("\" xmlns:r=\"").append(RELATIONSHIPS).append("\">");
        sheet.append("<dimension ref=\"A1");
        if (columns > 0) sheet.append(':').append(letters[columns - 1]).append(rows + 1);
        sheet.append("\"/>");
        StringBuilder cols = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            double width = widest[c] + 1.43; // characters of the default font plus its cell padding
            if (width <= DEFAULT_WIDTH) continue;
            cols.append("<col min=\"").append(c + 1).append("\" max=\"").append(c + 1).append("\" width=\"")
                    .append(Math.round(width * 100) / 100.0).append("\" bestFit=\"1\" customWidth=\"1\"/>");
        }
        if (cols.length() > 0) sheet.append("<cols>").append(cols).append("</cols>");
        return sheet.append(data).append("</worksheet>");
    }

    /** The shared strings in order of first use, and the number of cells that use one. */
    private static final class Strings {
        final List<String> list = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();
        int uses;

        int index(String text) {
            uses++;
            Integer i = index.putIfAbsent(text, list.size());
            if (i != null) return i;
            list.add(text);
            return list.size() - 1;
        }
    }

    /** Column letters of the 0-based column {@code c}: A..Z, AA..ZZ, AAA.. */
    static String column(int c) {
        StringBuilder s = new StringBuilder(3);
        for (int k = c + 1; k > 0; k = (k - 1) / 26) s.append((char) ('A' + (k - 1) % 26));
        return s.reverse().toString();
    }

    private static boolean preserve(String t) {
        return !t.isEmpty() && (Character.isWhitespace(t.charAt(0)) || Character.isWhitespace(t.charAt(t.length() - 1)));
    }

    /**
     * Appends {@code t} as XML character data (also valid in an attribute value): markup characters as entities and,
     * in a text cell ({@code xstring}), characters XML 1.0 cannot hold as {@code _xHHHH_} and the underscore of a
     * literal {@code _xHHHH_} as {@code _x005F_} (elsewhere such characters are dropped).
     */
    static void text(StringBuilder out, String t, boolean xstring) {
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '_' -> out.append(xstring && escapeLike(t, i) ? "_x005F_" : "_");
                default -> {
                    boolean control = ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r';
                    boolean lone = Character.isSurrogate(ch) && !(Character.isHighSurrogate(ch) && i + 1 < t.length()
                            && Character.isLowSurrogate(t.charAt(i + 1)))
                            && !(Character.isLowSurrogate(ch) && i > 0 && Character.isHighSurrogate(t.charAt(i - 1)));
                    if ((control || lone || ch == 0xFFFE || ch == 0xFFFF) && !xstring) continue;
                    if (control || lone || ch == 0xFFFE || ch == 0xFFFF) {
                        out.append("_x");
                        String hex = Integer.toHexString(ch).toUpperCase(java.util.Locale.ROOT);
                        for (int k = hex.length(); k < 4; k++) out.append('0');
                        out.append(hex).append('_');
                    } else out.append(ch);
                }
            }
        }
    }

    /** Whether {@code t} holds {@code _xHHHH_} (four hex digits) at {@code i}. */
    private static boolean escapeLike(String t, int i) {
        if (i + 7 > t.length() || t.charAt(i + 1) != 'x' || t.charAt(i + 6) != '_') return false;
        for (int k = i + 2; k < i + 6; k++) if (Character.digit(t.charAt(k), 16) < 0) return false;
        return true;
    }

    private static void part(ZipOutputStream zip, String name, StringBuilder xml) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(FIXED_TIME);
        zip.putNextEntry(entry);
        zip.write(xml.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** Every entry's modification time (a DOS date-time, no zone): the same tables give the same bytes. */
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
}
