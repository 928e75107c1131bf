package org.esvflow.hai;

/** Land-use classification systems with shipped coefficient tables. */
public enum Classification {
    /** CAS/RESDC national land-use classification, level-2 codes 11–67. */
    CAS,
    /**
     * CLCD (China Land Cover Dataset): 1 cropland, 2 forest, 3 shrub, 4 grassland, 5 water, 6 snow/ice, 7 barren,
     * 8 impervious, 9 wetland.
     */
    CLCD
}
