package org.esvflow.demo;

/**
 * Deterministic smooth value noise: a seeded hash on an integer lattice, blended with a quintic fade, summed over
 * octaves. Pure function of (x, y, seed), so any resolution of the demo study sees the same landscape.
 */
final class Noise {
    private final long seed;

    Noise(long seed) {
        this.seed = seed;
    }

    /** Uniform in [0, 1) for a lattice point (or any integer triple). */
    double hash(long ix, long iy, long salt) {
        long h = seed ^ (ix * 0x9E3779B97F4A7C15L) ^ (iy * 0xC2B2AE3D27D4EB4FL) ^ (salt * 0x165667B19E3779F9L);
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h = h ^ (h >>> 31);
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Smooth noise in [0, 1] with lattice spacing 1. */
    double value(double x, double y, long salt) {
        long ix = (long) Math.floor(x), iy = (long) Math.floor(y);
        double fx = fade(x - ix), fy = fade(y - iy);
        double a = hash(ix, iy, salt), b = hash(ix + 1, iy, salt);
        double c = hash(ix, iy + 1, salt), d = hash(ix + 1, iy + 1, salt);
        return lerp(lerp(a, b, fx), lerp(c, d, fx), fy);
    }

    /** Fractal sum of {@code octaves} layers, normalized to [0, 1]; {@code scale} is the coarsest wavelength. */
    double fbm(double x, double y, double scale, int octaves, long salt) {
        double sum = 0, norm = 0, amplitude = 1, frequency = 1 / scale;
        for (int o = 0; o < octaves; o++) {
            sum += amplitude * value(x * frequency, y * frequency, salt + o);
            norm += amplitude;
            amplitude *= 0.5;
            frequency *= 2;
        }
        return sum / norm;
    }

    private static double fade(double t) {
        return t * t * t * (t * (t * 6 - 15) + 10);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
