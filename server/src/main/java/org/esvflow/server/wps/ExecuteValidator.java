package org.esvflow.server.wps;

import org.esvflow.server.codec.CodecRegistry;
import org.esvflow.server.codec.ComplexCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.esvflow.server.ows.OwsException;
import org.geotools.api.data.Parameter;

/**
 * Checks an Execute request against the process description before anything runs: known inputs and outputs,
 * multiplicity, literal types and ranges, output formats. Each failure names the input or output as locator.
 */
final class ExecuteValidator {
    private ExecuteValidator() {}

    static void validate(ExecuteRequest request, ProcessRegistry.Entry p) {
        Map<String, Parameter<?>> params = p.inputs();
        for (String name : request.inputs.keySet()) {
            if (!params.containsKey(name)) throw OwsException.invalid(name, "unknown input " + name + " of " + p.id());
        }
        for (Parameter<?> param : params.values()) {
            int n = request.inputs.getOrDefault(param.key, List.of()).size();
            if (n < param.minOccurs && param.getDefaultValue() == null) {
                throw new OwsException("MissingParameterValue", param.key, "input " + param.key + " is required");
            }
            int max = param.maxOccurs < 0 ? Integer.MAX_VALUE : param.maxOccurs;
            if (n > max) throw OwsException.invalid(param.key, "input " + param.key + " takes at most " + max + " values");
            for (ExecuteRequest.Input in : request.inputs.getOrDefault(param.key, List.of())) {
                if (in.literal() != null) {
                    Object v = CodecRegistry.standard().literal(param.type, param.key).decode(in.literal(), param.key);
                    checkRange(param, v);
                }
            }
        }
        Map<String, Parameter<?>> outs = p.outputs();
        List<ExecuteRequest.Output> wanted = new ArrayList<>(request.outputs);
        if (request.raw != null) wanted.add(request.raw);
        for (ExecuteRequest.Output o : wanted) {
            Parameter<?> out = outs.get(o.name());
            if (out == null) throw OwsException.invalid(o.name(), "unknown output " + o.name() + " of " + p.id());
            if (o.mimeType() != null && !CodecRegistry.standard().isLiteral(out.type) && !CodecRegistry.standard().mimeTypes(out.type).contains(o.mimeType())) {
                throw OwsException.invalid(o.name(), "output " + o.name() + " is not available as " + o.mimeType());
            }
        }
    }

    private static void checkRange(Parameter<?> param, Object v) {
        if (!(v instanceof Number n) || param.metadata == null) return;
        Object min = param.metadata.get(Parameter.MIN);
        Object max = param.metadata.get(Parameter.MAX);
        if (min instanceof Number m && n.doubleValue() < m.doubleValue()
                || max instanceof Number x && n.doubleValue() > x.doubleValue()) {
            throw OwsException.invalid(param.key, param.key + ": " + v + " is outside [" + min + ", " + max + "]");
        }
    }
}
