package org.esvflow.esv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.esvflow.table.Table;
import org.esvflow.vector.Zones;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;

/** Statistics of a value raster (e.g. ESV) per region polygon, for one or several region sets. */
@DescribeProcess(
        title = "Zonal summary of a value raster",
        description = "Per region polygon: valid pixels, area (ha, true pixel area), sum, mean, min, max and sum per "
                + "ha of a raster such as an ESV raster. For a raster per pixel (esv, currency per year) sum is the "
                + "regional total; for a density (perHectare=true, e.g. esvPerHa in currency per ha per year) sum is "
                + "Σ value × pixel area. Several region sets (e.g. counties and provinces) are summarised in one pass; "
                + "further bands of the raster are summed too (sum_<band>). A pixel belongs to a region when its centre "
                + "is inside (holes respected); every pixel is counted.")
public class ZonalSummaryProcess {

    @DescribeResult(name = "summary", type = Table.class, description = "[region_set,] region_id, region_name, pixels, "
            + "area_ha, sum, mean (of the pixel values), min, max, density_per_ha (sum / area_ha), then per further band "
            + "sum_<band> and <band>_per_ha; regions without valid pixels have pixels 0 and empty statistics. "
            + "region_set is written when regionSets is given or there are several region sets.")
    public Table execute(
            @DescribeParameter(name = "raster", description = "Value raster; band 0's nodata is skipped.") GridCoverage2D raster,
            @DescribeParameter(name = "regions", max = 100, collectionType = SimpleFeatureCollection.class,
                    description = "Region polygons (GeoJSON FeatureCollection), one collection per region set.")
                    List<SimpleFeatureCollection> regions,
            @DescribeParameter(name = "regionIdField", min = 0, description = "Attribute naming each region; feature "
                    + "id when absent. Several region sets: comma-separated, one per set (or one for all).") String regionIdField,
            @DescribeParameter(name = "regionNameField", min = 0, description = "Attribute with each region's name "
                    + "(default: the id field); comma-separated like regionIdField.") String regionNameField,
            @DescribeParameter(name = "regionSets", min = 0, description = "Names of the region sets, comma-separated "
                    + "(e.g. counties,provinces), written in a first column region_set.") String regionSets,
            @DescribeParameter(name = "perHectare", min = 0, defaultValue = "false",
                    description = "The raster is a density per hectare: sums are Σ value × true pixel area.") Boolean perHectare,
            @DescribeParameter(name = "bandNames", min = 0, description = "Names of bands 1.. of a multi-band raster, "
                    + "comma-separated (default band_2, band_3, …).") String bandNames,
            ProgressListener monitor) {
        if (raster == null) throw new InvalidInputException("raster", "is required");
        if (regions == null || regions.isEmpty()) throw new InvalidInputException("regions", "is required");
        int bands = raster.getRenderedImage().getSampleModel().getNumBands();
        List<String> extra = new ArrayList<>();
        List<String> given = bandNames == null || bandNames.isBlank() ? List.of() : split(bandNames);
        if (!given.isEmpty() && given.size() != bands - 1) {
            throw new InvalidInputException("bandNames", "the raster has " + (bands - 1) + " further band(s), got " + given.size() + " names");
        }
        for (int b = 1; b < bands; b++) extra.add(given.isEmpty() ? "band_" + (b + 1) : given.get(b - 1));
        List<String> setNames = regionSets == null || regionSets.isBlank() ? null : split(regionSets);
        if (setNames != null && setNames.size() != regions.size()) {
            throw new InvalidInputException("regionSets", regions.size() + " region set(s) need as many names, got '" + regionSets + "'");
        }
        List<Zones> sets = zones(regions, regionIdField, regionNameField, raster.getGridGeometry());
        Progress.started(monitor);
        ZonalSums z = ZonalSums.of(raster, sets, Boolean.TRUE.equals(perHectare), monitor, 0f, 100f);
        boolean setColumn = setNames != null || regions.size() > 1;
        List<String> columns = new ArrayList<>(List.of("region_id", "region_name", "pixels", "area_ha", "sum", "mean", "min", "max", "density_per_ha"));
        for (String e : extra) columns.addAll(List.of("sum_" + e, e + "_per_ha"));
        if (setColumn) columns.add(0, "region_set");
        Table.Builder t = Table.builder(columns.toArray(new String[0]));
        for (int s = 0; s < sets.size(); s++) {
            Zones zones = sets.get(s);
            for (int k = 1; k <= zones.size(); k++) {
                boolean any = z.pixels[s][k] > 0;
                double ha = z.hectares[s][k];
                List<Object> row = new ArrayList<>(Arrays.asList(zones.id(k), zones.name(k), z.pixels[s][k], ha,
                        any ? z.sums[s][0][k] : null, any ? z.values[s][k] / z.pixels[s][k] : null, any ? z.min[s][k] : null,
                        any ? z.max[s][k] : null, any ? z.sums[s][0][k] / ha : null));
                for (int b = 1; b < bands; b++) {
                    row.add(any ? z.sums[s][b][k] : null);
                    row.add(any ? z.sums[s][b][k] / ha : null);
                }
                if (setColumn) row.add(0, setNames != null ? setNames.get(s) : "set_" + (s + 1));
                t.row(row.toArray());
            }
        }
        Progress.completed(monitor);
        return t.build();
    }

    /** One Zones per region set; id and name fields are comma lists with one entry per set, or one for all. */
    static List<Zones> zones(List<SimpleFeatureCollection> regions, String idFields, String nameFields, GridGeometry2D grid) {
        List<String> ids = idFields == null || idFields.isBlank() ? null : split(idFields);
        List<String> names = nameFields == null || nameFields.isBlank() ? null : split(nameFields);
        check(ids, regions.size(), "regionIdField");
        check(names, regions.size(), "regionNameField");
        List<Zones> sets = new ArrayList<>();
        for (int s = 0; s < regions.size(); s++) {
            String id = pick(ids, s), name = pick(names, s);
            sets.add(Zones.of(regions.get(s), id, name == null ? id : name, grid, regions.size() == 1 ? "regions" : "regions[" + s + "]"));
        }
        return sets;
    }

    private static void check(List<String> list, int sets, String input) {
        if (list != null && list.size() != 1 && list.size() != sets) {
            throw new InvalidInputException(input, sets + " region set(s) need one field each (or one for all), got " + list);
        }
    }

    private static String pick(List<String> list, int s) {
        if (list == null) return null;
        String v = list.size() == 1 ? list.get(0) : list.get(s);
        return v.isEmpty() ? null : v;
    }

    static List<String> split(String list) {
        return Arrays.stream(list.split(",", -1)).map(String::trim).toList();
    }
}
