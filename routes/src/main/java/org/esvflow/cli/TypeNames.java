package org.esvflow.cli;

import org.esvflow.table.Table;
import org.geotools.api.coverage.grid.GridCoverage;
import org.geotools.feature.FeatureCollection;

/** User-facing names of parameter types, with the file format the CLI reads or writes for them. */
final class TypeNames {
    private TypeNames() {}

    static String of(Class<?> type) {
        if (GridCoverage.class.isAssignableFrom(type)) return "raster (GeoTIFF path)";
        if (FeatureCollection.class.isAssignableFrom(type)) return "features (GeoJSON path)";
        if (Table.class.isAssignableFrom(type)) return "table (CSV path)";
        if (org.esvflow.style.ColorMap.class.isAssignableFrom(type)) return "colour map (SLD path)";
        if (type.isEnum()) return "enum";
        return type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
