package org.esvflow.hai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.junit.jupiter.api.Test;

/**
 * A small synthetic study of six 40 × 40-pixel counties (3 × 2), two of them cities (mostly impervious land),
 * with night light, population and GDP density following the land use, for two epochs in which the cities grow.
 */
class HaiStudyTest {
    static final int W = 120, H = 80, SIDE = 40;
    static final Set<String> CITIES = Set.of("c00", "c11");

    static String county(int x, int y) {
        return "c" + (x / SIDE) + (y / SIDE);
    }

    static int hash(int x, int y, int salt) {
        int h = x * 73_856_093 ^ y * 19_349_663 ^ salt * 83_492_791;
        h ^= h >>> 13;
        h *= 0x5bd1e995;
        return (h ^ (h >>> 15)) & 0x7fffffff;
    }

    /** CLCD code: cities 70 % impervious (+5 % per epoch), counties elsewhere 5 % impervious, 40 % cropland, forest. */
    static int landUse(int x, int y, int epoch) {
        int p = hash(x, y, 1) % 100;
        int built = CITIES.contains(county(x, y)) ? 70 + 5 * epoch : 5;
        if (p < built) return 8;
        if (p < built + 40) return 1;
        return p % 7 == 0 ? 5 : 2;
    }

    static SimpleFeatureCollection counties() throws Exception {
        String[] names = new String[6];
        int[][] boxes = new int[6][];
        for (int i = 0; i < 6; i++) {
            int cx = i % 3, cy = i / 3;
            names[i] = "c" + cx + cy;
            boxes[i] = new int[] {cx * SIDE, (cx + 1) * SIDE, cy * SIDE, (cy + 1) * SIDE};
        }
        return HaiTestRasters.regions(names, boxes);
    }

    @Test
    void haiAndHailsAreHighestInTheCityCountiesInEveryEpoch() throws Exception {
        SimpleFeatureCollection counties = counties();
        List<Table> epochs = new ArrayList<>();
        for (int epoch = 0; epoch < 2; epoch++) {
            int e = epoch;
            int[][] codes = new int[H][W];
            for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) codes[y][x] = landUse(x, y, e);
            GridCoverage2D lu = HaiTestRasters.classes(codes);
            GridCoverage2D light = HaiTestRasters.values("light", W, H,
                    (x, y) -> codes[y][x] == 8 ? 40 + hash(x, y, 2) % 20 : hash(x, y, 2) % 5);
            GridCoverage2D population = HaiTestRasters.values("population", W, H,
                    (x, y) -> codes[y][x] == 8 ? 5000 + hash(x, y, 3) % 3000 : codes[y][x] == 1 ? 150 : 10);
            GridCoverage2D gdp = HaiTestRasters.values("gdp", W, H,
                    (x, y) -> codes[y][x] == 8 ? 2e7 + hash(x, y, 4) % 1_000_000 : 1e5);
            GridCoverage2D lui = (GridCoverage2D) new LandUseIntensityProcess().execute(lu, Classification.CLCD, null,
                    null, null, null, null).get("intensity");
            Map<String, Object> hai = new CompositeHaiProcess().execute(List.of(light, population, gdp, lui),
                    "night_light,population,gdp,land_use_intensity", null, List.of(counties), "name", null, null, null, 2000 + 10 * e, null);
            Table regions = (Table) hai.get("regions");
            Table hails = (Table) new HailsProcess().execute(lu, Classification.CLCD, null, null, null, counties, "name",
                    null, null).get("regions");
            assertTopTwoAreCities(regions, "hai", "epoch " + e);
            assertTopTwoAreCities(hails, "hails_pct", "epoch " + e);
            Table weights = (Table) hai.get("regionWeights");
            double sum = 0;
            for (int j = 0; j < 4; j++) sum += ((Number) weights.get(j, "weight")).doubleValue();
            assertEquals(1, sum, 1e-12);
            epochs.add(regions);
        }
        Table matrix = (Table) new HaiPanelProcess().execute(epochs, "night_light,population,gdp,land_use_intensity",
                null, null, null, null, null, null, null).get("matrix");
        assertEquals(List.of("region_id", "hai_2000", "hai_2010"), matrix.columns());
        for (int r = 0; r < matrix.rowCount(); r++) {
            if (CITIES.contains(matrix.get(r, "region_id"))) {
                // the cities grew: more HAI on the pooled scale
                assertTrue(((Number) matrix.get(r, "hai_2010")).doubleValue() > ((Number) matrix.get(r, "hai_2000")).doubleValue());
            }
        }
    }

    private static void assertTopTwoAreCities(Table t, String column, String label) {
        double lowestCity = Double.POSITIVE_INFINITY, highestOther = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < t.rowCount(); r++) {
            double v = ((Number) t.get(r, column)).doubleValue();
            if (CITIES.contains(t.get(r, "region_id"))) lowestCity = Math.min(lowestCity, v);
            else highestOther = Math.max(highestOther, v);
        }
        assertTrue(lowestCity > highestOther, label + " " + column + ": city " + lowestCity + " vs other " + highestOther);
    }
}
