/**
 * Ecosystem-service value by the equivalent-factor method, namespace {@code esv}.
 *
 * <p>Per epoch, {@code esv:Value} turns a land-use raster into ESV (currency per pixel per year) and tables by class,
 * service and in total, optionally with the Xie 2015 dynamic correction by NPP, precipitation and soil conservation
 * (per pixel or per region). {@code esv:StandardEquivalent} derives D from crop statistics. Between epochs,
 * {@code lu:TransferMatrix} gives transfer matrices and dynamic degrees, {@code esv:Change} the change raster, change
 * index and gain/loss by transition, {@code esv:Sensitivity} the coefficients of sensitivity. For spatial pattern,
 * {@code esv:ZonalSummary} summarises by region, {@code esv:Fishnet} aggregates on square cells and
 * {@code esv:HotSpots} computes global Moran's I and Getis-Ord Gi* on the fishnet.
 *
 * <p>Kernels are plain Java and tested without rasters: {@link org.esvflow.esv.ValueCoefficients} (coefficient
 * tables, shipped as CSV with citations and verification flags beside this package's resources),
 * {@link org.esvflow.esv.ClassMapping} (land-use code → type mix), {@link org.esvflow.esv.GainLoss},
 * {@link org.esvflow.esv.SpatialWeights} and {@link org.esvflow.esv.SpatialStatistics}.
 */
package org.esvflow.esv;
