package org.esvflow.lu;

import java.awt.image.DataBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import net.objecthunter.exp4j.Expression;
import net.objecthunter.exp4j.ExpressionBuilder;
import net.objecthunter.exp4j.ValidationResult;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.Grids;
import org.esvflow.raster.Rasters;
import org.esvflow.raster.Samples;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;

/**
 * A raster calculator: an arithmetic expression (exp4j) over named rasters on one grid, evaluated pixel by pixel and
 * block by block, for derived indicators such as GDP per capita ({@code gdp / population}).
 */
@DescribeProcess(
        title = "Raster calculator",
        description = "Evaluates an arithmetic expression over rasters on one grid, pixel by pixel: + − * / ^ %, "
                + "parentheses, numbers and the functions abs, exp, log (natural), log10, log2, sqrt, cbrt, floor, ceil, "
                + "signum and the trigonometric ones (exp4j). Each raster is a variable named in names. A pixel is nodata where any raster used by the "
                + "expression is nodata, and where the result is undefined (division by zero, log of 0, square root "
                + "of a negative number). Float32; units are those the expression gives.")
public class CalcProcess {
    public static final double NODATA = -9999;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @DescribeResult(name = "result", type = GridCoverage2D.class,
            description = "The expression's value at every pixel, float32, nodata -9999.")
    public GridCoverage2D execute(
            @DescribeParameter(name = "rasters", min = 1, max = 20, collectionType = GridCoverage2D.class,
                    description = "Input rasters on one grid (align them first with lu:AlignGrid); band 1 of each.")
                    List<GridCoverage2D> rasters,
            @DescribeParameter(name = "names", description = "Comma-separated variable names, one per raster in the "
                    + "same order (letters, digits and _, starting with a letter or _).") String names,
            @DescribeParameter(name = "expression", description = "Expression over the names, e.g. gdp / population "
                    + "or 100 * (b - a) / a.") String expression,
            ProgressListener monitor) {
        if (rasters == null || rasters.isEmpty()) throw new InvalidInputException("rasters", "at least one raster is required");
        for (int i = 0; i < rasters.size(); i++) {
            if (rasters.get(i) == null) throw new InvalidInputException("rasters", "raster " + (i + 1) + " is missing");
            if (i > 0) Grids.requireSameGrid(rasters.get(0), "rasters[1]", rasters.get(i), "rasters");
        }
        String[] variables = variables(names, rasters.size());
        Expression parsed = parse(expression, variables);
        // only the variables the expression uses decide nodata
        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < variables.length; i++) if (parsed.getVariableNames().contains(variables[i])) used.add(i);
        int n = used.size();
        List<GridCoverage2D> inputs = new ArrayList<>();
        double[] nodata = new double[n];
        String[] usedNames = new String[n];
        for (int k = 0; k < n; k++) {
            GridCoverage2D r = rasters.get(used.get(k));
            inputs.add(r);
            nodata[k] = Rasters.nodata(r);
            usedNames[k] = variables[used.get(k)];
        }
        if (inputs.isEmpty()) inputs.add(rasters.get(0)); // a constant expression still takes the grid of the first
        return Blocks.map("calc", inputs, DataBuffer.TYPE_FLOAT, NODATA, (in, out) -> {
            int x = out.getMinX(), y = out.getMinY(), w = out.getWidth(), h = out.getHeight();
            Expression e = new Expression(parsed); // exp4j expressions hold their variables: one per block
            double[][] values = new double[n][];
            for (int k = 0; k < n; k++) values[k] = Samples.doubles(in[k], x, y, w, h, 0, null);
            float[] result = new float[w * h];
            for (int p = 0; p < result.length; p++) result[p] = (float) evaluate(e, usedNames, values, nodata, p);
            out.setSamples(x, y, w, h, 0, result);
        });
    }

    /** The value at pixel p, or {@link #NODATA} when an input is nodata or the result is undefined. */
    static double evaluate(Expression e, String[] names, double[][] values, double[] nodata, int p) {
        for (int k = 0; k < names.length; k++) {
            double v = values[k][p];
            if (Rasters.isNodata(v, nodata[k])) return NODATA;
            e.setVariable(names[k], v);
        }
        double result;
        try {
            result = e.evaluate();
        } catch (ArithmeticException divisionByZero) {
            return NODATA;
        }
        // float32 output: a finite double beyond float range is undefined here too
        return Double.isFinite(result) && Math.abs(result) <= Float.MAX_VALUE ? result : NODATA;
    }

    static String[] variables(String names, int count) {
        if (names == null || names.isBlank()) throw new InvalidInputException("names", "is required, one name per raster");
        String[] parts = names.split(",");
        if (parts.length != count) {
            throw new InvalidInputException("names", "needs " + count + " comma-separated names (one per raster), got "
                    + parts.length + ": " + names);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].trim();
            if (!NAME.matcher(parts[i]).matches()) {
                throw new InvalidInputException("names", "'" + parts[i] + "' is not a variable name (letters, digits, _)");
            }
            if (!seen.add(parts[i])) throw new InvalidInputException("names", "'" + parts[i] + "' is given twice");
        }
        return parts;
    }

    static Expression parse(String expression, String[] variables) {
        if (expression == null || expression.isBlank()) throw new InvalidInputException("expression", "is required");
        Expression e;
        try {
            e = new ExpressionBuilder(expression).variables(variables).implicitMultiplication(false).build();
        } catch (IllegalArgumentException | java.util.EmptyStackException bad) {
            throw new InvalidInputException("expression", "cannot parse '" + expression + "': " + bad.getMessage()
                    + " (variables: " + String.join(", ", variables) + ")");
        }
        ValidationResult check = e.validate(false);
        if (!check.isValid()) {
            throw new InvalidInputException("expression", "'" + expression + "' is not valid: " + check.getErrors());
        }
        return e;
    }
}
