package org.esvflow.demo;

/**
 * The synthetic Beijing-Tianjin-Hebei-like landscape as pure functions of world coordinates (metres, EPSG:32650)
 * and year: mountains in the north-west, a plain to the south-east, a coast in the east, three growing cities.
 * Every raster of the demo study samples these functions at its own pixel centres, so all resolutions agree.
 */
final class Landscape {
    static final double MIN_X = 300_000, MAX_X = 780_000, MIN_Y = 4_200_000, MAX_Y = 4_650_000;
    static final int FIRST_YEAR = 2013;
    /** Half-step (m) of the central difference defining terrain slope, for every raster resolution. */
    static final double SLOPE_STEP = 15;

    /** CLCD codes. */
    static final int CROPLAND = 1, FOREST = 2, SHRUB = 3, GRASSLAND = 4, WATER = 5, SNOW = 6, BARREN = 7,
            IMPERVIOUS = 8, WETLAND = 9, NODATA = 255;

    /** City centres (u, v in [0,1], v = 0 at the north edge), radius in 2013 (m) and relative growth per decade. */
    static final double[][] CITIES = {
        {0.42, 0.30, 20_000, 0.55}, // capital, at the foot of the mountains
        {0.76, 0.52, 13_000, 0.65}, // port city near the coast
        {0.22, 0.78, 11_000, 0.50}, // inland plain city
    };
    static final String[] CITY_NAMES = {"Capital", "Harbour", "Plain"};

    private final Noise noise;

    Landscape(long seed) {
        this.noise = new Noise(seed);
    }

    static double u(double x) {
        return (x - MIN_X) / (MAX_X - MIN_X);
    }

    static double v(double y) {
        return (MAX_Y - y) / (MAX_Y - MIN_Y);
    }

    /** Coast position as u for a given v; east of it is sea. No sea in the northern third. */
    static double coastU(double v) {
        return v < 0.3 ? 2.0 : 0.93 - 0.16 * (v - 0.3) + 0.02 * Math.sin(9 * v);
    }

    static boolean isSea(double x, double y) {
        return u(x) > coastU(v(y));
    }

    /** 0 on the plain, 1 deep in the mountains (west and north strips). */
    static double mountainness(double x, double y) {
        double ridge = Math.max(0.36 - u(x), 0.27 - v(y));
        return smoothstep(-0.04, 0.14, ridge);
    }

    /** Elevation in metres above sea level. */
    double elevation(double x, double y) {
        double m = mountainness(x, y);
        double plain = 5 + 60 * (1 - u(x)) * (1 - v(y));
        return plain + m * (250 + 1850 * Math.pow(noise.fbm(x, y, 45_000, 5, 11), 1.4)) + 8 * noise.fbm(x, y, 3_000, 2, 12);
    }

    /** Slope in degrees from a central difference over {@code h} metres. */
    double slope(double x, double y, double h) {
        double dzdx = (elevation(x + h, y) - elevation(x - h, y)) / (2 * h);
        double dzdy = (elevation(x, y + h) - elevation(x, y - h)) / (2 * h);
        return Math.toDegrees(Math.atan(Math.hypot(dzdx, dzdy)));
    }

    static double cityRadius(int city, int year) {
        return CITIES[city][2] * (1 + CITIES[city][3] * (year - FIRST_YEAR) / 10.0);
    }

    /** Distance (m) to city centre. */
    static double cityDistance(int city, double x, double y) {
        double cx = MIN_X + CITIES[city][0] * (MAX_X - MIN_X);
        double cy = MAX_Y - CITIES[city][1] * (MAX_Y - MIN_Y);
        return Math.hypot(x - cx, y - cy);
    }

    /** Per-location propensity in [0,1) at 30 m granularity: a pixel converts once the year's rate passes it. */
    private double propensity(double x, double y, long salt) {
        return noise.hash((long) Math.floor(x / 30), (long) Math.floor(y / 30), salt);
    }

    private static double progress(int year) {
        return (year - FIRST_YEAR) / 10.0;
    }

    /** CLCD land-use class at a point and year; {@link #NODATA} at sea. */
    int landUse(double x, double y, int year) {
        if (isSea(x, y)) return NODATA;
        return landUse(x, y, year, elevation(x, y), slope(x, y, SLOPE_STEP));
    }

    /** As {@link #landUse(double, double, int)} with the terrain already known (read from the DEM and slope rasters). */
    int landUse(double x, double y, int year, double elevation, double slope) {
        if (isSea(x, y)) return NODATA;
        double t = progress(year);
        double jitter = 0.75 + 0.5 * noise.fbm(x, y, 8_000, 3, 21);
        for (int c = 0; c < CITIES.length; c++) {
            if (cityDistance(c, x, y) * jitter < cityRadius(c, year)) return IMPERVIOUS;
        }
        if (isRiver(x, y) || isLake(x, y)) return WATER;
        double coastKm = (coastU(v(y)) - u(x)) * (MAX_X - MIN_X) / 1000;
        double wet = noise.fbm(x, y, 5_000, 3, 31);
        if (coastKm < 7 && wet > 0.42) return WETLAND;
        double m = mountainness(x, y);
        double vi = noise.fbm(x, y, 6_000, 4, 41);
        if (m > 0.5) {
            if (elevation > 2050) return SNOW;
            if (elevation > 1850 && vi < 0.4) return BARREN;
            int cls = vi > 0.47 ? FOREST : vi > 0.38 ? SHRUB : GRASSLAND;
            if (cls != FOREST && slope > 12 && propensity(x, y, 51) < 0.3 * t) cls = FOREST; // reforestation on slopes
            return cls;
        }
        if (m > 0.2) {
            if (vi > 0.6) return FOREST;
            if (vi < 0.3) return GRASSLAND;
        } else if (vi < 0.18) {
            return GRASSLAND;
        }
        if (slope > 4 && propensity(x, y, 61) < 0.25 * t) return GRASSLAND; // grain for green on sloping cropland
        if (coastKm < 20 && propensity(x, y, 71) < 0.12 * t) return WATER; // aquaculture ponds near the coast
        return CROPLAND;
    }

    private boolean isRiver(double x, double y) {
        double u = u(x), v = v(y);
        for (int k = 0; k < 3; k++) {
            double centre = 0.15 + 0.28 * k + 0.45 * u + 0.035 * Math.sin(11 * u + 2 * k);
            double distance = Math.abs(v - centre) * (MAX_Y - MIN_Y);
            if (u > 0.25 && distance < 700 + 300 * noise.value(x / 4_000, y / 4_000, 80 + k)) return true;
        }
        return false;
    }

    private static boolean isLake(double x, double y) {
        double[][] lakes = {{0.50, 0.17, 6_000}, {0.30, 0.45, 4_000}, {0.60, 0.70, 3_500}};
        for (double[] l : lakes) {
            double lx = MIN_X + l[0] * (MAX_X - MIN_X), ly = MAX_Y - l[1] * (MAX_Y - MIN_Y);
            if (Math.hypot(x - lx, y - ly) < l[2]) return true;
        }
        return false;
    }

    /** Year-to-year multiplicative anomaly around 1 (±{@code amplitude}/2). */
    double annual(int year, long salt, double amplitude) {
        return 1 + amplitude * (noise.hash(year, 0, salt) - 0.5);
    }

    /** Annual precipitation in mm: drier north-west, wetter towards the coast, orographic bonus. */
    double precipitation(double x, double y, int year) {
        double base = 390 + 270 * (0.5 * u(x) + 0.5 * v(y)) + 70 * noise.fbm(x, y, 90_000, 3, 91) + 50 * mountainness(x, y);
        return base * annual(year, 92, 0.3);
    }

    /** NPP in gC/m²/yr from the class at the point, moisture and a year anomaly. */
    double npp(double x, double y, int year) {
        int cls = landUse(x, y, year);
        if (cls == NODATA) return Double.NaN;
        double base = switch (cls) {
            case FOREST -> 620; case SHRUB -> 430; case GRASSLAND -> 320; case CROPLAND -> 480; case WATER -> 60;
            case WETLAND -> 520; case IMPERVIOUS -> 90; case BARREN -> 40; default -> 10;
        };
        double moisture = Math.sqrt(precipitation(x, y, year) / 550);
        return base * moisture * (0.85 + 0.3 * noise.fbm(x, y, 7_000, 3, 101)) * annual(year, 102, 0.16);
    }

    /** Soil conservation in t/ha/yr: erosion prevented, high on vegetated slopes. */
    double soilConservation(double x, double y, int year) {
        int cls = landUse(x, y, year);
        if (cls == NODATA) return Double.NaN;
        double cover = switch (cls) {
            case FOREST -> 1.0; case SHRUB -> 0.8; case GRASSLAND -> 0.6; case WETLAND -> 0.5; case CROPLAND -> 0.3;
            case IMPERVIOUS -> 0.05; default -> 0.02;
        };
        double slope = slope(x, y, SLOPE_STEP);
        double rain = precipitation(x, y, year) / 550;
        return (4 + 160 * Math.sin(Math.toRadians(slope))) * cover * rain;
    }

    /** Night-time light radiance in nW/cm²/sr. */
    double nightLight(double x, double y, int year) {
        if (isSea(x, y)) return Double.NaN;
        double light = 0.3 + 0.5 * noise.fbm(x, y, 10_000, 2, 111);
        for (int c = 0; c < CITIES.length; c++) {
            double r = cityRadius(c, year);
            light += (c == 0 ? 65 : 45) * Math.exp(-1.6 * cityDistance(c, x, y) / r);
        }
        return light;
    }

    /** Population density in persons/km². */
    double population(double x, double y, int year) {
        if (isSea(x, y)) return Double.NaN;
        double rural = 180 * (1 - mountainness(x, y)) + 25;
        double density = rural * (0.7 + 0.6 * noise.fbm(x, y, 12_000, 2, 121));
        for (int c = 0; c < CITIES.length; c++) {
            density += (c == 0 ? 9_000 : 6_000) * Math.exp(-1.4 * cityDistance(c, x, y) / cityRadius(c, year));
        }
        return density;
    }

    /** GDP density in 10⁴ CNY/km²: population times a per-capita product growing 6% a year, higher in cities. */
    double gdp(double x, double y, int year) {
        double pop = population(x, y, year);
        if (Double.isNaN(pop)) return Double.NaN;
        double perCapita = 4.0 * Math.pow(1.06, year - FIRST_YEAR) * (1 + 0.8 * pop / (pop + 3_000)); // 10⁴ CNY/person
        return pop * perCapita;
    }

    /**
     * Landsat-8-like surface reflectance (blue, green, red, NIR, SWIR1, SWIR2; unitless 0–1) and LST (K) of a class,
     * with per-pixel noise and the elevation lapse rate on LST.
     */
    double[] landsat(double x, double y, int year, int cls, double elevation) {
        double[] r = switch (cls) {
            case FOREST -> new double[] {0.030, 0.055, 0.035, 0.360, 0.160, 0.070, 296};
            case SHRUB -> new double[] {0.040, 0.070, 0.060, 0.290, 0.200, 0.110, 299};
            case GRASSLAND -> new double[] {0.055, 0.095, 0.100, 0.260, 0.260, 0.170, 302};
            case CROPLAND -> new double[] {0.050, 0.090, 0.080, 0.310, 0.220, 0.130, 300};
            case WATER -> new double[] {0.060, 0.070, 0.050, 0.025, 0.012, 0.006, 291};
            case SNOW -> new double[] {0.800, 0.780, 0.750, 0.700, 0.100, 0.080, 268};
            case BARREN -> new double[] {0.120, 0.160, 0.200, 0.250, 0.330, 0.280, 310};
            case IMPERVIOUS -> new double[] {0.100, 0.120, 0.140, 0.180, 0.240, 0.220, 313};
            case WETLAND -> new double[] {0.040, 0.070, 0.060, 0.200, 0.100, 0.050, 294};
            default -> null;
        };
        if (r == null) return null;
        double pixel = noise.hash((long) Math.floor(x / 30), (long) Math.floor(y / 30), 131L + year);
        double patch = noise.fbm(x, y, 2_000, 2, 132);
        double gain = 0.9 + 0.12 * patch + 0.06 * (pixel - 0.5);
        for (int b = 0; b < 6; b++) r[b] = Math.min(1, r[b] * gain);
        r[6] += -0.0065 * elevation + 2.5 * (patch - 0.5) + 1.5 * (pixel - 0.5) + 3 * (annual(year, 133, 1) - 1);
        return r;
    }

    static double smoothstep(double edge0, double edge1, double x) {
        double t = Math.max(0, Math.min(1, (x - edge0) / (edge1 - edge0)));
        return t * t * (3 - 2 * t);
    }
}
