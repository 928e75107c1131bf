package org.esvflow.gd;

import org.esvflow.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;

/**
 * The file views of a detection, for the CLI and the server: one CSV per table, one XLSX workbook with a sheet per
 * table, one JSON document {"tables": {name: [{column: value, …}, …]}} (NaN as null), and the PNG charts
 * {@code q_bar.png} and {@code interaction_heatmap.png}. Every file is written atomically.
 */
public final class GeoDetectorFiles {
    private GeoDetectorFiles() {}

    /** The detection tables by sheet name, in the order of the Excel GeoDetector. */
    public static Map<String, Table> sheets(Map<String, Object> detection) {
        Map<String, Table> sheets = new LinkedHashMap<>();
        for (String name : new String[] {"factor", "interaction", "riskMeans", "risk", "ecological", "discretization", "opgdGrid", "conventions"}) {
            if (detection.get(name) instanceof Table t) sheets.put(name, t);
        }
        return sheets;
    }

    /** Writes {@code <name>.csv} for each table, geodetector.xlsx, geodetector.json and the two charts into {@code dir}. */
    public static void writeAll(Map<String, Table> sheets, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, Table> e : sheets.entrySet()) Csv.write(e.getValue(), dir.resolve(e.getKey() + ".csv"));
        GeoDetectorWorkbook.write(sheets, dir.resolve("geodetector.xlsx"));
        AtomicFiles.write(dir.resolve("geodetector.json"), json(sheets).getBytes(StandardCharsets.UTF_8));
        Table factor = sheets.get("factor");
        if (factor != null) {
            AtomicFiles.write(dir.resolve("q_bar.png"), GeoDetectorCharts.qBarChart(factor, 800, 120 + 40 * factor.rowCount()));
            Table interaction = sheets.get("interaction");
            if (interaction != null) {
                AtomicFiles.write(dir.resolve("interaction_heatmap.png"), GeoDetectorCharts.interactionHeatmap(factor, interaction, 64));
            }
        }
    }

    /** The JSON document of the tables; doubles at full precision, NaN and infinities as null. */
    public static String json(Map<String, Table> sheets) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ObjectNode tables = root.putObject("tables");
        for (Map.Entry<String, Table> e : sheets.entrySet()) {
            ArrayNode rows = tables.putArray(e.getKey());
            Table t = e.getValue();
            for (Object[] values : t.rows()) {
                ObjectNode row = rows.addObject();
                for (int c = 0; c < values.length; c++) {
                    String name = t.columns().get(c);
                    Object v = values[c];
                    if (v == null) row.putNull(name);
                    else if (v instanceof Double d) {
                        if (Double.isFinite(d)) row.put(name, d);
                        else row.putNull(name);
                    } else if (v instanceof Integer i) row.put(name, i);
                    else if (v instanceof Long l) row.put(name, l);
                    else if (v instanceof Boolean b) row.put(name, b);
                    else row.put(name, v.toString());
                }
            }
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
