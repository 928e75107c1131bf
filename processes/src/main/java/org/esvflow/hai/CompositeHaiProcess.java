package org.esvflow.hai;

import java.awt.image.DataBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.esvflow.process.Results;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.Fishnet;
import org.esvflow.raster.Grids;
import org.esvflow.raster.PixelArea;
import org.esvflow.raster.Rasters;
import org.esvflow.table.Table;
import org.esvflow.vector.Zones;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;
import org.geotools.process.factory.DescribeResults;

/**
 * Composite human activity intensity of regions and fishnet cells from indicator rasters: each indicator is averaged
 * over a unit (area-weighted mean of its valid pixels), min-max normalised over the units, and combined with
 * entropy weights (or user weights) into HAI ∈ [0, 1].
 */
@DescribeProcess(
        title = "Composite human activity intensity (HAI)",
        description = "HAI of regions and/or fishnet cells from indicator rasters such as night light, population "
                + "density, GDP density and land-use intensity: the area-weighted mean of each indicator per unit is "
                + "min-max normalised over the units, p_ij = x_ij/Σ_i x_ij, e_j = −(1/ln n) Σ_i p_ij ln p_ij, "
                + "w_j = (1 − e_j)/Σ(1 − e_j) (or user weights), HAI = Σ_j w_j x_ij. Units lacking data for an "
                + "indicator get no HAI and do not enter the normalisation.")
public class CompositeHaiProcess {
    public static final double NODATA = -9999;

    public record Result(Table regions, Table regionWeights, Table cells, Table cellWeights, GridCoverage2D cellHai) {}

    @DescribeResults({
        @DescribeResult(name = "regions", type = Table.class,
                description = "With regions: region_set, region_id, region_name, year (when given), area_ha, the "
                        + "mean of each indicator, its normalised value <name>_norm, and hai (each region set "
                        + "normalised on its own)."),
        @DescribeResult(name = "regionWeights", type = Table.class,
                description = "With regions: region_set, indicator, min, max (over the set's regions), entropy, "
                        + "weight, method."),
        @DescribeResult(name = "cells", type = Table.class,
                description = "With cellSize: cell_id, row, col, x, y (cell centre), year, area_ha, indicator means, "
                        + "normalised values and hai."),
        @DescribeResult(name = "cellWeights", type = Table.class,
                description = "With cellSize: the weights over the cells."),
        @DescribeResult(name = "cellHai", type = GridCoverage2D.class,
                description = "With cellSize: HAI per fishnet cell on the cell grid, float32, nodata -9999.")
    })
    public Map<String, Object> execute(
            @DescribeParameter(name = "indicators", min = 2, max = 10, collectionType = GridCoverage2D.class,
                    description = "Indicator rasters on one grid, higher = more human activity (e.g. night light, "
                            + "population density, GDP density, land-use intensity).") List<GridCoverage2D> indicators,
            @DescribeParameter(name = "names", min = 0, description = "Comma-separated indicator names in the same "
                    + "order (default x1, x2, …).") String names,
            @DescribeParameter(name = "weights", min = 0, description = "Comma-separated non-negative weights in the "
                    + "same order (rescaled to sum 1); entropy weights when absent.") String weights,
            @DescribeParameter(name = "regions", min = 0, max = 10, collectionType = SimpleFeatureCollection.class,
                    description = "Region sets, each a collection of polygons (pixel centre inside), e.g. counties "
                            + "and provinces; each set is normalised on its own.") List<SimpleFeatureCollection> regions,
            @DescribeParameter(name = "regionIdField", min = 0, description = "Attribute naming each region: one for "
                    + "every set, or comma-separated, one per set; the feature id when absent.") String regionIdField,
            @DescribeParameter(name = "regionNameField", min = 0, description = "Attribute with a display name (one, "
                    + "or one per set); the id when absent.") String regionNameField,
            @DescribeParameter(name = "regionSets", min = 0, description = "Comma-separated names of the region sets "
                    + "for column region_set (default set1, set2, …).") String regionSets,
            @DescribeParameter(name = "cellSize", min = 0, description = "Fishnet cell edge in CRS units, cells aligned "
                    + "to the raster's upper-left corner.") Double cellSize,
            @DescribeParameter(name = "year", min = 0, description = "Year written into the tables (for a region × year "
                    + "panel, see hai:HaiPanel).") Integer year,
            ProgressListener monitor) {
        if (indicators == null || indicators.size() < 2) {
            throw new InvalidInputException("indicators", "at least two indicator rasters are required");
        }
        for (int j = 1; j < indicators.size(); j++) {
            if (indicators.get(j) == null) throw new InvalidInputException("indicators", "raster " + (j + 1) + " is missing");
            Grids.requireSameGrid(indicators.get(0), "indicators[1]", indicators.get(j), "indicators");
        }
        int m = indicators.size();
        String[] indicatorNames = CompositeIndex.parseNames(names, m, "names");
        double[] userWeights = CompositeIndex.parseWeights(weights, m, "weights");
        List<SimpleFeatureCollection> sets = regions == null ? List.of()
                : regions.stream().filter(java.util.Objects::nonNull).toList();
        if (sets.isEmpty() && cellSize == null) {
            throw new InvalidInputException("regions", "give regions, cellSize or both: the index is computed per unit");
        }
        GridCoverage2D first = indicators.get(0);
        Fishnet net = cellSize == null ? null : new Fishnet(first.getGridGeometry(), cellSize, "cellSize");
        int setCount = sets.size();
        String[] setNames = perSet(regionSets, setCount, "regionSets");
        for (int s = 0; s < setCount; s++) if (setNames[s] == null) setNames[s] = "set" + (s + 1);
        if (new java.util.HashSet<>(List.of(setNames)).size() < setCount) {
            throw new InvalidInputException("regionSets", "region set names must be distinct: " + regionSets);
        }
        String[] idFields = perSet(regionIdField, setCount, "regionIdField");
        String[] nameFields = perSet(regionNameField, setCount, "regionNameField");
        List<Zones> zoneSets = new ArrayList<>();
        for (int s = 0; s < setCount; s++) {
            zoneSets.add(Zones.of(sets.get(s), idFields[s], nameFields[s] != null ? nameFields[s] : idFields[s],
                    first.getGridGeometry(), "regions"));
        }
        Progress.started(monitor);

        PixelArea area = PixelArea.of(first.getGridGeometry());
        double[] nodata = new double[m];
        for (int j = 0; j < m; j++) nodata[j] = Rasters.nodata(indicators.get(j));
        List<GridCoverage2D> inputs = new ArrayList<>(indicators);
        UnitMeans[] zoneMeans = new UnitMeans[setCount];
        for (int s = 0; s < setCount; s++) {
            inputs.add(zoneSets.get(s).raster(first.getGridGeometry(), Blocks.BLOCK));
            zoneMeans[s] = new UnitMeans(zoneSets.get(s).size() + 1, m);
        }
        UnitMeans cellMeans = net == null ? null : new UnitMeans(net.size(), m);
        Blocks.forEach(inputs, monitor, 0f, 95f, (bounds, rasters) -> {
            double[][] values = new double[m][];
            for (int j = 0; j < m; j++) {
                values[j] = rasters[j].getSamples(bounds.x, bounds.y, bounds.width, bounds.height, 0, (double[]) null);
            }
            int[][] zoneIds = new int[setCount][];
            for (int s = 0; s < setCount; s++) {
                zoneIds[s] = rasters[m + s].getSamples(bounds.x, bounds.y, bounds.width, bounds.height, 0, (int[]) null);
            }
            for (int r = 0, k = 0; r < bounds.height; r++) {
                int y = bounds.y + r;
                double ha = area.hectares(y);
                for (int c = 0; c < bounds.width; c++, k++) {
                    int cell = net == null ? -1 : net.cell(bounds.x + c, y);
                    if (cell >= 0) cellMeans.area[cell] += ha;
                    for (int s = 0; s < setCount; s++) if (zoneIds[s][k] > 0) zoneMeans[s].area[zoneIds[s][k]] += ha;
                    for (int j = 0; j < m; j++) {
                        double v = values[j][k];
                        if (Rasters.isNodata(v, nodata[j])) continue;
                        if (cell >= 0) cellMeans.add(cell, j, ha, v);
                        for (int s = 0; s < setCount; s++) if (zoneIds[s][k] > 0) zoneMeans[s].add(zoneIds[s][k], j, ha, v);
                    }
                }
            }
        });

        Table regionTable = null, regionWeights = null, cellTable = null, cellWeights = null;
        GridCoverage2D cellRaster = null;
        if (setCount > 0) {
            List<String> columns = new ArrayList<>(List.of("region_set", "region_id", "region_name"));
            if (year != null) columns.add("year");
            columns.add("area_ha");
            addIndicatorColumns(columns, indicatorNames);
            Table.Builder t = Table.builder(columns.toArray(new String[0]));
            List<String> weightColumns = new ArrayList<>(List.of("region_set"));
            weightColumns.addAll(List.of(CompositeIndex.WEIGHT_COLUMNS));
            Table.Builder w = Table.builder(weightColumns.toArray(new String[0]));
            for (int s = 0; s < setCount; s++) {
                Zones zones = zoneSets.get(s);
                List<Integer> units = zoneMeans[s].complete(1);
                int[] indexRow = new int[zones.size() + 1];
                java.util.Arrays.fill(indexRow, -1);
                for (int u = 0; u < units.size(); u++) indexRow[units.get(u)] = u;
                CompositeIndex index = CompositeIndex.of(indicatorNames, zoneMeans[s].means(units), userWeights, "regions");
                for (int z = 1; z <= zones.size(); z++) {
                    List<Object> row = new ArrayList<>(List.of(setNames[s], zones.id(z), zones.name(z)));
                    if (year != null) row.add(year);
                    row.add(zoneMeans[s].area[z]);
                    addIndicatorValues(row, zoneMeans[s], z, indexRow[z], index);
                    t.row(row.toArray());
                }
                index.addWeightRows(w, setNames[s]);
            }
            regionTable = t.build();
            regionWeights = w.build();
        }
        if (net != null) {
            List<Integer> units = cellMeans.complete(0);
            CompositeIndex index = CompositeIndex.of(indicatorNames, cellMeans.means(units), userWeights, "cellSize");
            List<String> columns = new ArrayList<>(List.of("cell_id", "row", "col", "x", "y"));
            if (year != null) columns.add("year");
            columns.add("area_ha");
            addIndicatorColumns(columns, indicatorNames);
            Table.Builder t = Table.builder(columns.toArray(new String[0]));
            float[] hai = new float[net.size()];
            java.util.Arrays.fill(hai, (float) NODATA);
            for (int u = 0; u < units.size(); u++) {
                int i = units.get(u);
                hai[i] = (float) index.hai[u];
                List<Object> row = new ArrayList<>(List.of("r" + (i / net.columns) + "c" + (i % net.columns),
                        i / net.columns, i % net.columns, net.centreX(i), net.centreY(i)));
                if (year != null) row.add(year);
                row.add(cellMeans.area[i]);
                addIndicatorValues(row, cellMeans, i, u, index);
                t.row(row.toArray());
            }
            cellTable = t.build();
            cellWeights = index.weightTable();
            int columnsOfNet = net.columns;
            cellRaster = Rasters.coverage("hai_cells", new ComputedImage(net.columns, net.rows, Blocks.BLOCK,
                    DataBuffer.TYPE_FLOAT, target -> {
                        for (int y = target.getMinY(); y < target.getMinY() + target.getHeight(); y++)
                            for (int x = target.getMinX(); x < target.getMinX() + target.getWidth(); x++)
                                target.setSample(x, y, 0, hai[y * columnsOfNet + x]);
                    }), net.cellGrid(), NODATA);
        }
        Progress.completed(monitor);
        return Results.of(new Result(regionTable, regionWeights, cellTable, cellWeights, cellRaster));
    }

    /** One value per region set: null/blank → all null, one value → the same for every set, else one per set. */
    static String[] perSet(String text, int sets, String input) {
        String[] out = new String[sets];
        if (text == null || text.isBlank() || sets == 0) return out;
        String[] parts = text.split(",");
        if (parts.length != 1 && parts.length != sets) {
            throw new InvalidInputException(input, "needs one value or one per region set (" + sets + "), got "
                    + parts.length + ": " + text);
        }
        for (int s = 0; s < sets; s++) {
            String v = parts[parts.length == 1 ? 0 : s].trim();
            out[s] = v.isEmpty() ? null : v;
        }
        return out;
    }

    private static void addIndicatorColumns(List<String> columns, String[] names) {
        for (String n : names) columns.add(n);
        for (String n : names) columns.add(n + "_norm");
        columns.add("hai");
    }

    private static void addIndicatorValues(List<Object> row, UnitMeans means, int unit, int indexRow, CompositeIndex index) {
        int m = index.names.length;
        for (int j = 0; j < m; j++) row.add(means.weight[unit][j] > 0 ? means.sum[unit][j] / means.weight[unit][j] : null);
        for (int j = 0; j < m; j++) row.add(indexRow < 0 ? null : index.normalised[indexRow][j]);
        row.add(indexRow < 0 ? null : index.hai[indexRow]);
    }

    /** Area-weighted sums per unit and indicator. */
    static final class UnitMeans {
        final double[][] sum, weight;
        final double[] area;

        UnitMeans(int units, int indicators) {
            sum = new double[units][indicators];
            weight = new double[units][indicators];
            area = new double[units];
        }

        void add(int unit, int indicator, double hectares, double value) {
            sum[unit][indicator] += hectares * value;
            weight[unit][indicator] += hectares;
        }

        /** Units from {@code first} on with data for every indicator. */
        List<Integer> complete(int first) {
            List<Integer> units = new ArrayList<>();
            for (int u = first; u < sum.length; u++) {
                boolean all = true;
                for (double w : weight[u]) all &= w > 0;
                if (all) units.add(u);
            }
            return units;
        }

        double[][] means(List<Integer> units) {
            double[][] raw = new double[units.size()][];
            for (int i = 0; i < raw.length; i++) {
                int u = units.get(i);
                raw[i] = new double[sum[u].length];
                for (int j = 0; j < raw[i].length; j++) raw[i][j] = sum[u][j] / weight[u][j];
            }
            return raw;
        }
    }
}
