package org.esvflow.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.table.Table;
import org.esvflow.vector.GeoJson;
import org.geotools.api.feature.simple.SimpleFeature;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.data.simple.SimpleFeatureIterator;
import org.geotools.feature.NameImpl;
import org.geotools.process.Processors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RSEI and HAI on the small demo study, through the GeoTools process API as a WPS would call them. */
class DemoStudyAnalysisTest {
    static Path study;
    static SimpleFeatureCollection counties;
    static Set<String> urban = new HashSet<>();

    @BeforeAll
    static void study() {
        study = DemoFixture.small();
        counties = GeoJson.read(study.resolve("boundaries/counties.geojson"), "regions");
        try (SimpleFeatureIterator it = counties.features()) {
            while (it.hasNext()) {
                SimpleFeature f = it.next();
                if ("true".equals(String.valueOf(f.getAttribute("urban")))) urban.add((String) f.getAttribute("county_id"));
            }
        }
        assertEquals(3, urban.size(), "each of the three cities lies in one county");
    }

    static GridCoverage2D raster(String path) {
        return GeoTiffs.read(study.resolve(path).toFile(), path);
    }

    static Map<String, Object> run(String process, Map<String, Object> inputs) {
        String[] name = process.split(":");
        return Processors.createProcess(new NameImpl(name[0], name[1])).execute(inputs, null);
    }

    @Test
    void rseiOfTheForestedMountainsExceedsThatOfEveryCityCountyInEveryEpoch() {
        for (int year : DemoStudy.EPOCHS) {
            Map<String, Object> in = new HashMap<>();
            for (String band : DemoStudy.BANDS) in.put(band, raster("landsat/" + year + "/" + band + ".tif"));
            in.put("regions", counties);
            in.put("regionIdField", "county_id");
            Map<String, Object> out = run("rsei:Rsei", in);
            Map<String, Double> mean = column((Table) out.get("regions"), "region_id", "mean_rsei");
            // C11 and C12: the north-western corner counties, deep in the mountains (forest, shrub, grass)
            double mountains = Math.min(mean.get("C11"), mean.get("C12"));
            for (String city : urban) {
                assertTrue(mountains > mean.get(city) + 0.1, year + ": mountains " + mountains + " vs city county " + city + " " + mean.get(city));
            }
            Table pca = (Table) out.get("pca");
            double pc1 = pca.doubles(pca.columns().stream().filter(c -> c.contains("variance")).findFirst().orElseThrow())[0];
            System.out.printf("RSEI %d: PC1 explains %.1f%% of the variance; mountains %.3f%n", year, pc1, mountains);
            assertTrue(pc1 > 50 && pc1 <= 100, "PC1 share " + pc1);
        }
    }

    @Test
    void compositeHaiIsHighestInTheCityCounties() {
        for (int year : new int[] {2013, 2023}) {
            Map<String, Object> in = new HashMap<>();
            in.put("indicators", List.of(raster("aux/ntl_" + year + ".tif"), raster("aux/pop_" + year + ".tif"), raster("aux/gdp_" + year + ".tif")));
            in.put("names", "nightLight,population,gdp");
            in.put("regions", List.of(counties)); // a list of region sets
            in.put("regionIdField", "county_id");
            Map<String, Object> out = run("hai:CompositeHai", in);
            Table regions = (Table) out.get("regions");
            assertNotNull(regions);
            Map<String, Double> hai = column(regions, "region_id", "hai");
            List<String> ranked = new ArrayList<>(hai.keySet());
            ranked.sort((a, b) -> Double.compare(hai.get(b), hai.get(a)));
            assertTrue(urban.contains(ranked.get(0)), year + ": highest HAI in " + ranked.get(0) + ", city counties " + urban);
            assertTrue(ranked.subList(0, 5).containsAll(urban), year + ": city counties " + urban + " not all in the top five " + ranked.subList(0, 5));
        }
    }

    static Map<String, Double> column(Table t, String key, String value) {
        Map<String, Double> map = new HashMap<>();
        String[] keys = t.strings(key);
        double[] values = t.doubles(value);
        for (int i = 0; i < keys.length; i++) map.put(keys[i], values[i]);
        return map;
    }

    @Test
    void esvTablesAreMutuallyConsistentInEveryEpoch() {
        for (int year : DemoStudy.EPOCHS) {
            GridCoverage2D lu = raster("landuse/lu_" + year + ".tif");
            Map<String, Object> in = new HashMap<>();
            in.put("landUse", lu);
            in.put("standardEquivalent", 3406.5);
            in.put("npp", raster("aux/npp_" + year + ".tif"));
            in.put("precipitation", raster("aux/precip_" + year + ".tif"));
            in.put("soilConservation", raster("aux/soilcons_" + year + ".tif"));
            Map<String, Object> out = run("esv:Value", in);
            Table byClass = (Table) out.get("byClass"), byService = (Table) out.get("byService"), totals = (Table) out.get("totals");
            double total = column(totals, "quantity", "value").get("total_esv");
            // areas per class: the same as lu:ClassArea computes them independently
            Map<String, Object> areaIn = new HashMap<>();
            areaIn.put("landUse", lu);
            Map<String, Double> areas = column((Table) run("lu:ClassArea", areaIn).get("areas"), "class", "area_ha");
            Map<String, Double> esvArea = column(byClass, "code", "area_ha");
            assertEquals(areas.keySet(), esvArea.keySet(), year + ": classes");
            double sumClasses = 0, sumServices = 0, sumArea = 0;
            for (String code : areas.keySet()) {
                assertEquals(areas.get(code), esvArea.get(code), 1e-9 * areas.get(code), year + " area of class " + code);
                sumArea += esvArea.get(code);
            }
            for (double v : byClass.doubles("esv_total")) sumClasses += v;
            for (double v : byService.doubles("esv")) sumServices += v;
            // 500 m pixels are 25 ha each
            assertEquals(column(totals, "quantity", "value").get("area_ha"), sumArea, 1e-6);
            assertEquals(total, sumClasses, 1e-9 * total, year + ": total = Σ classes");
            assertEquals(total, sumServices, 1e-9 * total, year + ": total = Σ services");
            assertTrue(total > 0);
            System.out.printf("ESV %d: %.6e CNY/yr over %.0f ha%n", year, total, sumArea);
        }
    }
}
