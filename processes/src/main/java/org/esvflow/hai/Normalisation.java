package org.esvflow.hai;

/** Which region-years are min-max normalised and weighted together in a HAI panel. */
public enum Normalisation {
    /** All years of a region set together: one scale and one weight set, so a region's years compare. */
    POOLED,
    /** Each year on its own (as hai:CompositeHai per epoch): ranks regions within a year only. */
    EPOCH
}
