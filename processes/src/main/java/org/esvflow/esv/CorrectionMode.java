package org.esvflow.esv;

/** Where the dynamic-correction factors are evaluated. */
public enum CorrectionMode {
    /** Factor = the pixel's value / mean. */
    PIXEL,
    /** Factor = the area-weighted mean of the pixel's region / mean. */
    REGION
}
