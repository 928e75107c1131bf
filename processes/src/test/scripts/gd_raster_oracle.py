#!/usr/bin/env python3
"""Independent oracle for gd:DetectRaster: the factor q and interaction q12 over every valid pixel, in memory with
numpy and GDAL (Debian python3-numpy, python3-gdal).

usage: gd_raster_oracle.py METHOD K Y.tif NAME=PATH[:cat] ...   (METHOD: EQUAL or QUANTILE)

A pixel counts when Y and every factor are not nodata and finite. Continuous factors: EQUAL breaks
min + (max - min) * i / K, QUANTILE breaks numpy's 'linear' quantiles (R type 7) at i / K; repeated breaks merged;
intervals right-closed with the lowest value included. Categorical factors: one stratum per value. q = 1 - SSW / SST
with per-stratum sums of squares around the stratum mean (two passes, float64). Prints JSON:
{"n": N, "q": {name: q}, "q12": {"a|b": q12}}.
"""
import itertools
import json
import sys

import numpy as np
from osgeo import gdal


def band(path):
    ds = gdal.Open(path)
    b = ds.GetRasterBand(1)
    values = b.ReadAsArray().astype(np.float64).ravel()
    nodata = b.GetNoDataValue()
    valid = np.isfinite(values)
    if nodata is not None:
        valid &= values != nodata
    return values, valid


def q_of(y, codes):
    codes = np.unique(codes, return_inverse=True)[1]
    n = np.bincount(codes)
    mean = np.bincount(codes, y) / n
    ssw = np.bincount(codes, (y - mean[codes]) ** 2).sum()
    sst = ((y - y.mean()) ** 2).sum()
    return 1 - ssw / sst


def main():
    method, k, ypath = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    y, valid = band(ypath)
    factors = []
    for arg in sys.argv[4:]:
        name, spec = arg.split("=", 1)
        categorical = spec.endswith(":cat")
        values, ok = band(spec[:-4] if categorical else spec)
        valid &= ok
        factors.append((name, values, categorical))
    y = y[valid]
    codes = {}
    for name, values, categorical in factors:
        v = values[valid]
        if categorical:
            codes[name] = np.unique(v, return_inverse=True)[1]
            continue
        if method == "EQUAL":
            lo, hi = v.min(), v.max()
            breaks = np.array([lo + (hi - lo) * i / k for i in range(k + 1)])
            breaks[-1] = hi
        else:
            breaks = np.quantile(v, [i / k for i in range(k + 1)], method="linear")
        breaks = np.unique(breaks)
        codes[name] = np.searchsorted(breaks[1:-1], v, side="left")
    names = [f[0] for f in factors]
    out = {"n": int(y.size), "q": {m: q_of(y, codes[m]) for m in names}, "q12": {}}
    for a, b in itertools.combinations(names, 2):
        out["q12"][a + "|" + b] = q_of(y, codes[a].astype(np.int64) * (codes[b].max() + 1) + codes[b])
    print(json.dumps(out))


if __name__ == "__main__":
    main()
