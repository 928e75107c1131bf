package org.esvflow.cli;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.geotools.api.data.Parameter;
import org.geotools.api.feature.type.Name;
import org.geotools.process.ProcessFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "describe", description = "Describes a process: inputs and outputs with types, multiplicity, "
        + "defaults and descriptions (what WPS DescribeProcess says).")
final class DescribeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROCESS", description = "Process name, e.g. lu:ClassArea")
    String process;

    @Override
    public Integer call() {
        Name name = ProcessCatalog.parse(process);
        ProcessFactory factory = ProcessCatalog.factory(name);
        System.out.println(ProcessCatalog.qualified(name) + " — " + factory.getTitle(name));
        System.out.println();
        System.out.println(wrap(String.valueOf(factory.getDescription(name)), "  "));
        System.out.println();
        System.out.println("Inputs:");
        print(factory.getParameterInfo(name));
        System.out.println();
        System.out.println("Outputs:");
        print(factory.getResultInfo(name, null));
        return 0;
    }

    private static void print(Map<String, Parameter<?>> parameters) {
        for (Parameter<?> p : parameters.values()) {
            StringBuilder line = new StringBuilder("  ").append(p.getName()).append("  ")
                    .append(TypeNames.of(p.getType()))
                    .append("  [").append(p.getMinOccurs()).append("..")
                    .append(p.getMaxOccurs() < 0 || p.getMaxOccurs() == Integer.MAX_VALUE ? "n" : String.valueOf(p.getMaxOccurs()))
                    .append("]");
            if (p.getDefaultValue() != null) line.append("  default: ").append(p.getDefaultValue());
            if (p.getType().isEnum()) line.append("  one of: ").append(Arrays.toString(p.getType().getEnumConstants()));
            Object min = p.metadata == null ? null : p.metadata.get(Parameter.MIN);
            Object max = p.metadata == null ? null : p.metadata.get(Parameter.MAX);
            if (min != null || max != null) line.append("  range: [").append(min == null ? "" : min).append(", ").append(max == null ? "" : max).append("]");
            System.out.println(line);
            if (p.getDescription() != null) System.out.println(wrap(p.getDescription().toString(), "      "));
        }
    }

    static String wrap(String text, String indent) {
        StringBuilder out = new StringBuilder(indent);
        int column = indent.length();
        for (String word : text.split("\\s+")) {
            if (column + word.length() > 110 && column > indent.length()) {
                out.append('\n').append(indent);
                column = indent.length();
            }
            out.append(word).append(' ');
            column += word.length() + 1;
        }
        return out.toString().stripTrailing();
    }
}
