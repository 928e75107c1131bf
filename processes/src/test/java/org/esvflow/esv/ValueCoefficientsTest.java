package org.esvflow.esv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;
import org.junit.jupiter.api.Test;

class ValueCoefficientsTest {

    /** The reference tables shipped under src/test/resources/reference/methods (sources: the README there). */
    static Table reference(String file) throws IOException {
        String resource = "/reference/methods/" + file;
        InputStream in = ValueCoefficientsTest.class.getResourceAsStream(resource);
        if (in == null) throw new FileNotFoundException("test resource " + resource + " is missing");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return Csv.read(reader);
        }
    }

    @Test
    void shippedXie2015EqualsReference() throws Exception {
        Table ref = reference("xie2015_equivalents.csv");
        ValueCoefficients xie = ValueCoefficients.preset(ValueCoefficients.Preset.XIE2015);
        assertEquals(11, xie.services().size());
        assertEquals(15, xie.types().size()); // 14 sub-types + built_up (0 by convention)
        String[] types = ref.strings("type_code");
        for (int r = 0; r < types.length; r++) {
            int t = xie.typeIndex(types[r]);
            for (int s = 0; s < xie.services().size(); s++) {
                assertEquals(ref.doubles(xie.services().get(s))[r], xie.value(t, s), 0, types[r] + " " + xie.services().get(s));
            }
            assertEquals(ref.strings("verification")[r], xie.verification(t));
        }
        assertEquals(List.of("coniferous", "steppe", "meadow", "glacier_snow"),
                xie.unverifiedTypes().stream().map(s -> s.substring(0, s.indexOf(' '))).toList());
    }

    @Test
    void shippedXie2003IsTheReferenceTransposed() throws Exception {
        Table ref = reference("xie2003_equivalents.csv"); // services as rows, types as columns
        ValueCoefficients xie = ValueCoefficients.preset(ValueCoefficients.Preset.XIE2003);
        String[] services = ref.strings("service");
        for (String type : List.of("forest", "grassland", "farmland", "wetland", "water", "desert")) {
            for (int r = 0; r < services.length; r++) {
                assertEquals(ref.doubles(type)[r], xie.value(xie.typeIndex(type), xie.services().indexOf(services[r])), 0);
            }
        }
    }

    @Test
    void shippedUnitValuesEqualReference() throws Exception {
        Table ref = reference("costanza_biome_values.csv");
        ValueCoefficients c1997 = ValueCoefficients.preset(ValueCoefficients.Preset.COSTANZA1997);
        ValueCoefficients c2014 = ValueCoefficients.preset(ValueCoefficients.Preset.COSTANZA2014);
        String[] biomes = ref.strings("biome");
        for (int r = 0; r < biomes.length; r++) {
            double v1997 = ref.doubles("costanza1997_usd1994_per_ha_yr")[r];
            if (!Double.isNaN(v1997)) assertEquals(v1997, c1997.value(c1997.typeIndex(biomes[r]), 0), 0, biomes[r]);
            double v2014 = ref.doubles("costanza2014_usd2007_per_ha_yr_2011values")[r];
            if (!Double.isNaN(v2014)) assertEquals(v2014, c2014.value(c2014.typeIndex(biomes[r]), 0), 0, biomes[r]);
        }
    }

    @Test
    void valueDescriptionListsEveryUnverifiedRow() {
        for (ValueCoefficients.Preset p : ValueCoefficients.Preset.values()) {
            ValueCoefficients table = ValueCoefficients.preset(p);
            for (int t = 0; t < table.types().size(); t++) {
                if (!table.isUnverified(t)) continue;
                String type = table.types().get(t);
                int at = ValueProcess.UNVERIFIED_NOTE.indexOf(p.name());
                assertTrue(at >= 0 && ValueProcess.UNVERIFIED_NOTE.indexOf(type, at) > at, p + " " + type);
            }
        }
        for (ClassMapping.Preset p : ClassMapping.Preset.values()) {
            for (Map.Entry<Integer, ClassMapping.Entry> e : ClassMapping.preset(p).entries().entrySet()) {
                if (!e.getValue().verification().contains("UNVERIFIED")) continue;
                int at = ValueProcess.UNVERIFIED_NOTE.indexOf(p.name() + " preset");
                assertTrue(at >= 0, p.name());
                String rest = ValueProcess.UNVERIFIED_NOTE.substring(at);
                assertTrue(rest.contains("code order") || rest.matches("(?s)" + p.name() + " preset[^;]*\\b" + e.getKey() + "\\b.*"),
                        p + " " + e.getKey());
            }
        }
    }

    @Test
    void mappingsResolveThroughCrosswalksOrFailClearly() {
        ClassMapping clcd = ClassMapping.preset(ClassMapping.Preset.CLCD);
        // Xie 2003 with the CLCD preset: forest = mean of three Xie 2015 forests, all crosswalked to 'forest'
        ClassValues v2003 = clcd.resolve(ValueCoefficients.preset(ValueCoefficients.Preset.XIE2003), 100, "classPreset");
        // forest row sum 3.50+2.70+3.20+3.90+1.31+3.26+0.10+2.60+1.28 = 21.85
        assertEquals(2185, v2003.total(v2003.index(2)), 1e-9);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> clcd.resolve(ValueCoefficients.preset(ValueCoefficients.Preset.COSTANZA2014), 1, "classPreset"));
        assertTrue(e.getMessage().contains("coniferous"), e.getMessage());
    }

    @Test
    void everyClassPresetResolvesAgainstTheFullTables() {
        for (ClassMapping.Preset preset : ClassMapping.Preset.values()) {
            for (ValueCoefficients.Preset table : List.of(ValueCoefficients.Preset.XIE2015, ValueCoefficients.Preset.XIE2003,
                    ValueCoefficients.Preset.COSTANZA1997)) {
                ClassMapping mapping = ClassMapping.preset(preset);
                ClassValues values = mapping.resolve(ValueCoefficients.preset(table), 1, "classPreset");
                assertEquals(mapping.entries().size(), values.size(), preset + " × " + table);
            }
        }
        // CLCD 8 impervious and CAS 51–53 are built-up, valued 0 in the Xie tables
        ClassValues cas = ClassMapping.preset(ClassMapping.Preset.CAS).resolve(ValueCoefficients.preset(ValueCoefficients.Preset.XIE2015), 1, "x");
        assertEquals(0, cas.total(cas.index(52)), 0);
        assertEquals(3.89, cas.total(cas.index(11)), 1e-12); // paddy row sum
    }

    @Test
    void userMappingsInBothForms() {
        ValueCoefficients xie = ValueCoefficients.preset(ValueCoefficients.Preset.XIE2015);
        Table wide = Table.builder("code", "types").row(1L, "paddy:3;dry_land:1").row(2L, "water").build();
        ClassValues a = ClassMapping.of(wide, "classMapping").resolve(xie, 1, "classMapping");
        // weights normalised: 0.75 paddy (3.89) + 0.25 dry land (4.01)
        assertEquals(0.75 * 3.89 + 0.25 * 4.01, a.total(a.index(1)), 1e-12);
        Table longForm = Table.builder("code", "type", "weight").row(1L, "paddy", 0.75).row(1L, "dry_land", 0.25).build();
        ClassValues b = ClassMapping.of(longForm, "classMapping").resolve(xie, 1, "classMapping");
        assertEquals(a.total(a.index(1)), b.total(b.index(1)), 1e-12);
        Table unknownType = Table.builder("code", "types").row(1L, "rainforest").build();
        assertThrows(InvalidInputException.class, () -> ClassMapping.of(unknownType, "classMapping").resolve(xie, 1, "classMapping"));
    }
}
