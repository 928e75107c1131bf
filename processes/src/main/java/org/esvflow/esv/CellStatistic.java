package org.esvflow.esv;

/** The value given to a fishnet cell from its valid pixels. */
public enum CellStatistic {
    /** Σ of the pixel values (for an ESV raster: the cell's ESV, currency per year). */
    SUM,
    /** Mean pixel value. */
    MEAN,
    /** Σ of the values / valid area in ha (for an ESV raster: currency per ha per year). */
    DENSITY
}
