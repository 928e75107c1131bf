package org.esvflow.raster;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.geotools.referencing.CRS;
import org.geotools.referencing.factory.epsg.hsql.ThreadedHsqlEpsgFactory;

/**
 * Writes the table of {@link KnownEpsgCrs} from GeoTools' EPSG database: one line per code, its CRS as GeoTools
 * decodes it with east-north axes, as single-line WKT. Run from the repository root after a GeoTools upgrade (the
 * table test fails when a definition changed):
 * <pre>
 * ./mvnw -B -o -q -pl processes test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp processes/target/classes:processes/target/test-classes:$(cat processes/target/cp.txt) \
 *     org.esvflow.raster.EpsgTableGenerator processes/src/main/resources/org/esvflow/raster/epsg-wkt.properties
 * </pre>
 */
public final class EpsgTableGenerator {
    private EpsgTableGenerator() {}

    /** The codes: WGS 84, CGCS2000, Web Mercator, WGS 84 / UTM north and south, CGCS2000 Gauss-Krüger zones and CMs. */
    static List<Integer> codes() {
        List<Integer> codes = new ArrayList<>(List.of(4326, 4490, 3857));
        for (int zone = 1; zone <= 60; zone++) codes.add(32600 + zone);
        for (int zone = 1; zone <= 60; zone++) codes.add(32700 + zone);
        for (int code = 4491; code <= 4554; code++) codes.add(code);
        return codes;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "processes/src/main/resources/org/esvflow/raster/epsg-wkt.properties");
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("# EPSG code = its CRS as GeoTools " + org.geotools.util.factory.GeoTools.getVersion() + " decodes it from the EPSG "
                    + "database v" + ThreadedHsqlEpsgFactory.VERSION + " (east-north axis order), as WKT.\n");
            w.write("# Written by org.esvflow.raster.EpsgTableGenerator (test sources); read by KnownEpsgCrs.\n");
            for (int code : codes()) w.write(code + "=" + escape(CRS.decode("EPSG:" + code, true).toWKT().replaceAll("\\s*\\R\\s*", "")) + "\n");
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println(codes().size() + " codes written to " + out);
    }

    /** Properties-file escaping of a value: backslashes and non-ASCII characters. */
    private static String escape(String value) throws IOException {
        StringBuilder b = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\') b.append("\\\\");
            else if (c > 126) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
