package org.esvflow.rsei;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.esvflow.process.Results;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.CachedCoverages;
import org.esvflow.raster.Grids;
import org.esvflow.raster.PixelArea;
import org.esvflow.raster.RawBlockCache;
import org.esvflow.raster.Samples;
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
 * Remote sensing ecological index (Xu 2013) of one epoch.
 *
 * <p>Passes over the bands, each streaming block by block: (1) indicator minima, maxima and the exact covariance;
 * (1b, only with a percentile clip) the exact clip quantiles and the covariance of the clipped normalised
 * indicators; (2) the range of PC1; (3) grade areas, mean RSEI and region means. The output rasters are lazy and
 * computed tile by tile when written. On large scenes the bands are decoded once, in pass 1, into a temporary
 * {@link RawBlockCache} that the later passes and the output rasters read (the same float32 samples: results are
 * bit-identical).
 */
@DescribeProcess(
        title = "Remote sensing ecological index (RSEI)",
        description = "RSEI of Xu (2013) from surface-reflectance bands and land-surface temperature on one grid: "
                + "greenness NDVI, wetness WET (tasseled cap of the sensor), heat LST and dryness NDBSI = (SI + IBI)/2 "
                + "are min-max normalised over the valid pixels (water masked by MNDWI), a principal component analysis "
                + "of the covariance of the four normalised indicators over all valid pixels gives PC1, oriented so that "
                + "NDVI loads positively, and RSEI is PC1 min-max normalised to [0, 1].")
public class RseiProcess {

    /** Float nodata of the RSEI and indicator rasters. */
    public static final double NODATA = -9999;

    /**
     * Scenes of at least this many pixels decode their bands once into a {@link RawBlockCache} (28 bytes a pixel of
     * temporary disk); below, a whole run takes a few seconds and the cache would save little of them.
     */
    static final long CACHE_MIN_PIXELS = 4_000_000;
    /** Free space left on the cache's file system beyond the cache itself, or no cache. */
    static final long CACHE_FREE_DISK_MARGIN = 1L << 30;

    private final long cacheMinPixels;
    private final Path cacheDirectory;

    public RseiProcess() {
        this(CACHE_MIN_PIXELS, null);
    }

    /** With the decoded-band cache from {@code cacheMinPixels} pixels, in {@code cacheDirectory} (null: java.io.tmpdir). */
    RseiProcess(long cacheMinPixels, Path cacheDirectory) {
        this.cacheMinPixels = cacheMinPixels;
        this.cacheDirectory = cacheDirectory;
    }

    /** The outputs; optional ones are null. */
    public record Result(GridCoverage2D rsei, GridCoverage2D grade, GridCoverage2D ndvi, GridCoverage2D wet,
                         GridCoverage2D lst, GridCoverage2D ndbsi, Table pca, Table grades, Table statistics,
                         Table regions) {}

    @DescribeResults({
        @DescribeResult(name = "rsei", type = GridCoverage2D.class,
                description = "RSEI in [0, 1], float32, nodata -9999 (no data, water, or an undefined indicator)."),
        @DescribeResult(name = "grade", type = GridCoverage2D.class,
                description = "RSEI grade, byte: 1 poor [0,0.2), 2 fair [0.2,0.4), 3 moderate [0.4,0.6), "
                        + "4 good [0.6,0.8), 5 excellent [0.8,1]; nodata 0."),
        @DescribeResult(name = "ndvi", type = GridCoverage2D.class,
                description = "NDVI (unitless), only with indicators=true; nodata -9999 where RSEI is nodata."),
        @DescribeResult(name = "wet", type = GridCoverage2D.class,
                description = "Tasseled-cap wetness (reflectance units), only with indicators=true."),
        @DescribeResult(name = "lst", type = GridCoverage2D.class,
                description = "Land-surface temperature (kelvin with LANDSAT_C2_L2 scaling, the input unit otherwise), "
                        + "only with indicators=true."),
        @DescribeResult(name = "ndbsi", type = GridCoverage2D.class,
                description = "NDBSI = (SI + IBI)/2 (unitless), only with indicators=true."),
        @DescribeResult(name = "pca", type = Table.class,
                description = "One row per component PC1..PC4: eigenvalue (sample covariance of the normalised "
                        + "indicators), variance_pct, cumulative_pct and the loadings ndvi, wet, lst, ndbsi "
                        + "(unit eigenvectors; PC1 oriented so that ndvi ≥ 0, the signs of PC2–PC4 are arbitrary)."),
        @DescribeResult(name = "grades", type = Table.class,
                description = "One row per grade: grade, name, lower, upper, pixels, area_ha (true pixel area), "
                        + "share_pct of the valid area."),
        @DescribeResult(name = "statistics", type = Table.class,
                description = "statistic,value rows: pixel counts, valid area, mean RSEI (pixel mean), PC1 share of "
                        + "variance and range, and for each indicator its minimum, maximum and the normalisation bounds."),
        @DescribeResult(name = "regions", type = Table.class,
                description = "With regions: region_id, region_name, pixels, area_ha, mean_rsei (pixel mean over the "
                        + "valid pixels whose centre is inside the region).")
    })
    public java.util.Map<String, Object> execute(
            @DescribeParameter(name = "blue", description = "Blue band (surface reflectance, or Collection-2 DN).")
                    GridCoverage2D blue,
            @DescribeParameter(name = "green", description = "Green band, same grid as blue.") GridCoverage2D green,
            @DescribeParameter(name = "red", description = "Red band, same grid as blue.") GridCoverage2D red,
            @DescribeParameter(name = "nir", description = "Near-infrared band, same grid as blue.") GridCoverage2D nir,
            @DescribeParameter(name = "swir1", description = "Shortwave-infrared 1 band (1.6 µm), same grid as blue.")
                    GridCoverage2D swir1,
            @DescribeParameter(name = "swir2", description = "Shortwave-infrared 2 band (2.2 µm), same grid as blue.")
                    GridCoverage2D swir2,
            @DescribeParameter(name = "lst", description = "Land-surface temperature, same grid as blue (any unit, "
                    + "or Collection-2 ST_B10 DN).") GridCoverage2D lst,
            @DescribeParameter(name = "sensor", min = 0, defaultValue = "OLI",
                    description = "TM, ETM_PLUS or OLI: selects the tasseled-cap wetness coefficients.") Sensor sensor,
            @DescribeParameter(name = "scaling", min = 0, defaultValue = "NONE",
                    description = "NONE: inputs are reflectance (0–1) and LST; LANDSAT_C2_L2: Collection-2 Level-2 DN, "
                            + "reflectance = DN·0.0000275 − 0.2, LST = DN·0.00341802 + 149 K.") Scaling scaling,
            @DescribeParameter(name = "maskWater", min = 0, defaultValue = "true",
                    description = "Leave out water pixels, MNDWI = (Green − SWIR1)/(Green + SWIR1) > waterThreshold.")
                    Boolean maskWater,
            @DescribeParameter(name = "waterThreshold", min = 0, defaultValue = "0",
                    description = "MNDWI above which a pixel is water, in [-1, 1].") Double waterThreshold,
            @DescribeParameter(name = "clipPercent", min = 0, defaultValue = "0",
                    description = "Percent of valid pixels clipped at each tail of every indicator before min-max "
                            + "normalisation (exact quantiles, type 7), in [0, 50); 0 = plain min-max.") Double clipPercent,
            @DescribeParameter(name = "indicators", min = 0, defaultValue = "false",
                    description = "Also return the four indicator rasters.") Boolean indicators,
            @DescribeParameter(name = "regions", min = 0, description = "Optional region polygons for mean RSEI per "
                    + "region (a pixel belongs to a region when its centre is inside).") SimpleFeatureCollection regions,
            @DescribeParameter(name = "regionIdField", min = 0, description = "Attribute naming each region; the "
                    + "feature id when absent.") String regionIdField,
            @DescribeParameter(name = "regionNameField", min = 0, description = "Attribute with a display name; the "
                    + "id when absent.") String regionNameField,
            ProgressListener monitor) {
        String[] names = {"blue", "green", "red", "nir", "swir1", "swir2", "lst"};
        GridCoverage2D[] bands = {blue, green, red, nir, swir1, swir2, lst};
        for (int b = 0; b < bands.length; b++) {
            if (bands[b] == null) throw new InvalidInputException(names[b], "is required");
            if (b > 0) Grids.requireSameGrid(blue, "blue", bands[b], names[b]);
        }
        double threshold = waterThreshold == null ? 0 : waterThreshold;
        if (!(threshold >= -1 && threshold <= 1)) {
            throw new InvalidInputException("waterThreshold", "must be in [-1, 1], got " + threshold);
        }
        double clip = clipPercent == null ? 0 : clipPercent;
        if (!(clip >= 0 && clip < 50)) throw new InvalidInputException("clipPercent", "must be in [0, 50), got " + clip);
        RseiScene scene = new RseiScene(Arrays.asList(bands), sensor == null ? Sensor.OLI : sensor,
                scaling == null ? Scaling.NONE : scaling, maskWater == null || maskWater, threshold);
        Zones zones = regions == null ? null
                : Zones.of(regions, regionIdField, regionNameField != null ? regionNameField : regionIdField,
                        blue.getGridGeometry(), "regions");

        Progress.started(monitor);
        RawBlockCache cache = decodedCache(scene);
        try {
            // Every pass and every output raster reads the seven bands: with a cache they are decoded once, in the
            // first pass. The output rasters are computed after this method returns, when they are written, so the
            // cache must outlive it: it is closed (and its file deleted) here on failure, and otherwise by its
            // Cleaner once the last view is unreachable, i.e. once every output raster has been dropped. Nobody
            // disposes outputs (the CLI and the WPS server write them and let them go), and an output may be
            // written more than once, so no earlier moment is safe.
            RseiScene read = cache == null ? scene : scene.readingFrom(CachedCoverages.of(scene.bands, cache));
            RseiModel model = RseiModel.fit(read, clip / 100.0, monitor);
            Summary summary = summarise(read, model, zones, monitor);

            GridCoverage2D rseiRaster = model.rseiRaster(read);
            GridCoverage2D gradeRaster = model.gradeRaster(read);
            boolean withIndicators = indicators != null && indicators;
            Result result = new Result(rseiRaster, gradeRaster,
                    withIndicators ? model.indicatorRaster(read, Indicators.NDVI) : null,
                    withIndicators ? model.indicatorRaster(read, Indicators.WET) : null,
                    withIndicators ? model.indicatorRaster(read, Indicators.LST) : null,
                    withIndicators ? model.indicatorRaster(read, Indicators.NDBSI) : null,
                    model.pcaTable(), summary.grades, summary.statistics, summary.regions);
            Progress.completed(monitor);
            return Results.of(result);
        } catch (RuntimeException | Error e) {
            if (cache != null) {
                try {
                    cache.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    /**
     * A cache for the scene's decoded bands, or null to decode in every pass: a small scene, a band the cache cannot
     * hold exactly (not byte, short, ushort or float32), bands that are not compressed (decoding them is a copy),
     * too little free disk, or no temporary file.
     */
    private RawBlockCache decodedCache(RseiScene scene) {
        RenderedImage image = scene.bands.get(0).getRenderedImage();
        int width = image.getWidth(), height = image.getHeight();
        if ((long) width * height < cacheMinPixels || !CachedCoverages.cacheable(scene.bands)
                || !CachedCoverages.worthCaching(scene.bands)) return null;
        Path directory = cacheDirectory != null ? cacheDirectory : Path.of(System.getProperty("java.io.tmpdir"));
        try {
            long bytes = RawBlockCache.bytes(width, height, RseiScene.BANDS);
            if (Files.getFileStore(directory).getUsableSpace() < bytes + CACHE_FREE_DISK_MARGIN) return null;
            return RawBlockCache.create(directory, "esvflow-rsei-", width, height, RseiScene.BANDS);
        } catch (IOException e) {
            System.getLogger(RseiProcess.class.getName()).log(System.Logger.Level.WARNING,
                    "no decoded-band cache in " + directory + "; bands are decoded in every pass", e);
            return null;
        }
    }

    private record Summary(Table grades, Table statistics, Table regions) {}

    /** Sums of the summary pass over one row of blocks, merged in row order. */
    private static final class SummaryPass {
        final RseiScene.Block block;
        final long[] gradePixels = new long[RseiGrades.COUNT + 1], statusPixels = new long[3], zonePixels;
        final double[] gradeHa = new double[RseiGrades.COUNT + 1], zoneHa, zoneSum;
        double rseiSum;

        SummaryPass(RseiScene scene, int zoneCount) {
            block = scene.block();
            zonePixels = new long[zoneCount + 1];
            zoneHa = new double[zoneCount + 1];
            zoneSum = new double[zoneCount + 1];
        }

        void visit(RseiModel model, PixelArea area, boolean withZones, Rectangle bounds, Raster[] rasters) {
            block.evaluate(rasters, bounds);
            int[] zoneIds = !withZones ? null
                    : Samples.ints(rasters[RseiScene.BANDS], bounds.x, bounds.y, bounds.width, bounds.height, 0, null);
            for (int r = 0, k = 0; r < bounds.height; r++) {
                double ha = area.hectares(bounds.y + r);
                for (int c = 0; c < bounds.width; c++, k++) {
                    statusPixels[block.status[k]]++;
                    if (block.status[k] != RseiScene.VALID) continue;
                    double rsei = model.rsei(block.indicators, k);
                    int g = RseiGrades.grade(rsei);
                    gradePixels[g]++;
                    gradeHa[g] += ha;
                    rseiSum += rsei;
                    if (zoneIds != null && zoneIds[k] > 0) {
                        zonePixels[zoneIds[k]]++;
                        zoneHa[zoneIds[k]] += ha;
                        zoneSum[zoneIds[k]] += rsei;
                    }
                }
            }
        }

        SummaryPass merge(SummaryPass later) {
            for (int i = 0; i < gradePixels.length; i++) {
                gradePixels[i] += later.gradePixels[i];
                gradeHa[i] += later.gradeHa[i];
            }
            for (int i = 0; i < statusPixels.length; i++) statusPixels[i] += later.statusPixels[i];
            for (int i = 0; i < zonePixels.length; i++) {
                zonePixels[i] += later.zonePixels[i];
                zoneHa[i] += later.zoneHa[i];
                zoneSum[i] += later.zoneSum[i];
            }
            rseiSum += later.rseiSum;
            return this;
        }
    }

    /** Pass 3: grade areas, pixel counts, mean RSEI and region means. */
    private static Summary summarise(RseiScene scene, RseiModel model, Zones zones, ProgressListener monitor) {
        GridCoverage2D first = scene.bands.get(0);
        PixelArea area = PixelArea.of(first.getGridGeometry());
        List<GridCoverage2D> inputs = new ArrayList<>(scene.bands);
        if (zones != null) inputs.add(zones.raster(first.getGridGeometry(), Blocks.BLOCK));
        int zoneCount = zones == null ? 0 : zones.size();
        SummaryPass sums = Blocks.reduce(inputs, monitor, 70f, 95f, () -> new SummaryPass(scene, zoneCount),
                (acc, bounds, rasters) -> acc.visit(model, area, zones != null, bounds, rasters), SummaryPass::merge);
        long[] gradePixels = sums.gradePixels, statusPixels = sums.statusPixels, zonePixels = sums.zonePixels;
        double[] gradeHa = sums.gradeHa, rseiSum = {sums.rseiSum}, zoneHa = sums.zoneHa, zoneSum = sums.zoneSum;
        double validHa = Arrays.stream(gradeHa).sum();
        Table.Builder grades = Table.builder("grade", "name", "lower", "upper", "pixels", "area_ha", "share_pct");
        for (int g = 1; g <= RseiGrades.COUNT; g++) {
            grades.row(g, RseiGrades.NAMES[g - 1], RseiGrades.LOWER[g - 1], RseiGrades.upper(g), gradePixels[g],
                    gradeHa[g], validHa == 0 ? 0.0 : 100.0 * gradeHa[g] / validHa);
        }
        long valid = statusPixels[RseiScene.VALID];
        Table.Builder stats = Table.builder("statistic", "value");
        stats.row("valid_pixels", valid);
        stats.row("nodata_pixels", statusPixels[RseiScene.NODATA]);
        stats.row("water_pixels", statusPixels[RseiScene.WATER]);
        stats.row("valid_area_ha", validHa);
        stats.row("mean_rsei", rseiSum[0] / valid);
        model.describe(stats);
        Table regionTable = null;
        if (zones != null) {
            Table.Builder t = Table.builder("region_id", "region_name", "pixels", "area_ha", "mean_rsei");
            for (int z = 1; z <= zoneCount; z++) {
                t.row(zones.id(z), zones.name(z), zonePixels[z], zoneHa[z],
                        zonePixels[z] == 0 ? null : zoneSum[z] / zonePixels[z]);
            }
            regionTable = t.build();
        }
        return new Summary(grades.build(), stats.build(), regionTable);
    }
}
