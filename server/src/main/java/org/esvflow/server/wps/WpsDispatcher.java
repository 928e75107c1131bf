package org.esvflow.server.wps;

import org.esvflow.server.codec.CodecRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.esvflow.server.ServerConfig;
import org.esvflow.server.catalog.CatalogProcessFactory;
import org.esvflow.server.ows.Xml;
import org.esvflow.server.ows.Kvp;
import org.esvflow.server.ows.OwsException;
import org.esvflow.server.ows.OwsResponse;
import org.esvflow.server.ows.RequestContext;
import org.esvflow.server.ows.SafeXml;
import org.w3c.dom.Element;

/**
 * WPS 1.0.0 requests, KVP or XML, turned into calls on the {@link ExecutionManager} and answered as documents:
 * GetCapabilities, DescribeProcess, Execute (sync and async) and GeoServer's vendor operations GetExecutionStatus,
 * GetExecutionResult, Dismiss and GetExecutions. Nothing here runs a process or keeps state.
 */
public final class WpsDispatcher {
    private final ServerConfig config;
    private final ProcessRegistry registry;
    private final ExecutionManager executions;

    public WpsDispatcher(ServerConfig config, ProcessRegistry registry, ExecutionManager executions) {
        this.config = config;
        this.registry = registry;
        this.executions = executions;
    }

    public ProcessRegistry registry() {
        return registry;
    }

    /** Dispatches a KVP request. */
    public OwsResponse handle(Kvp kvp, RequestContext ctx) {
        String request = kvp.require("request");
        switch (request.toLowerCase(Locale.ROOT)) {
            case "getcapabilities":
                return OwsResponse.xml(WpsDocuments.capabilities(registry.all(), ctx.ows()));
            case "describeprocess":
                return OwsResponse.xml(describe(kvp.require("identifier")));
            case "execute":
                requireVersion(kvp.get("version"));
                return execute(ExecuteRequest.fromKvp(kvp), ctx);
            case "getexecutionstatus":
                return OwsResponse.xml(executions.status(kvp.require("executionId")));
            case "getexecutionresult":
                return result(kvp.require("executionId"), kvp.require("outputId"));
            case "dismiss":
                return OwsResponse.xml(executions.dismiss(kvp.require("executionId")));
            case "getexecutions":
                return OwsResponse.xml(WpsDocuments.executions(executions.jobs().stream()
                        .filter(j -> ctx.admin() || j.owner.equals(ctx.client())).toList()));
            default:
                throw new OwsException("OperationNotSupported", "request", "unknown WPS operation " + request);
        }
    }

    /** Dispatches an XML request (Execute, GetCapabilities, DescribeProcess). */
    public OwsResponse handleXml(Element root, RequestContext ctx) {
        if (!Xml.WPS.equals(root.getNamespaceURI())) {
            throw new OwsException("OperationNotSupported", "request", "XML requests must be WPS 1.0.0 elements (namespace "
                    + Xml.WPS + "); got " + root.getLocalName() + " in "
                    + (root.getNamespaceURI() == null ? "no namespace" : "namespace " + root.getNamespaceURI()));
        }
        switch (root.getLocalName()) {
            case "Execute":
                return execute(ExecuteRequest.fromXml(root), ctx);
            case "GetCapabilities":
                return OwsResponse.xml(WpsDocuments.capabilities(registry.all(), ctx.ows()));
            case "DescribeProcess":
                List<String> ids = new ArrayList<>();
                for (Element id : SafeXml.children(root, "Identifier")) ids.add(id.getTextContent().trim());
                if (ids.isEmpty()) throw OwsException.missing("Identifier");
                return OwsResponse.xml(describe(String.join(",", ids)));
            default:
                throw new OwsException("OperationNotSupported", "request", "unknown WPS request " + root.getLocalName());
        }
    }

    static void requireVersion(String version) {
        if (version != null && !version.equals("1.0.0")) {
            throw new OwsException("VersionNegotiationFailed", "version", "only WPS 1.0.0 is supported");
        }
    }

    public byte[] describe(String identifiers) {
        List<ProcessRegistry.Entry> list = new ArrayList<>();
        if (identifiers.equalsIgnoreCase("ALL")) {
            list.addAll(registry.all());
        } else {
            for (String id : identifiers.split(",")) list.add(process(id.trim(), "identifier"));
        }
        return WpsDocuments.describe(list, config.maxInputBytes() >> 20);
    }

    private ProcessRegistry.Entry process(String id, String locator) {
        ProcessRegistry.Entry p = registry.find(id);
        if (p == null) throw OwsException.invalid(locator, "no such process: " + id);
        return p;
    }

    /** Executes a request: raw output, sync response document, or accepted async job. */
    public OwsResponse execute(ExecuteRequest request, RequestContext ctx) {
        ProcessRegistry.Entry p = process(request.identifier, "Identifier");
        ExecuteValidator.validate(request, p);
        if (request.status && !request.storeExecuteResponse) {
            throw OwsException.invalid("status", "status=true requires storeExecuteResponse=true");
        }
        if (request.raw != null && request.storeExecuteResponse) {
            throw OwsException.invalid("storeExecuteResponse", "RawDataOutput cannot be stored; use a ResponseDocument");
        }
        if (p.factory() instanceof CatalogProcessFactory && !ctx.publisher()) {
            throw new OwsException("NoApplicableCode", "Identifier", p.id() + " changes the catalog and needs the admin "
                    + "credential (HTTP Basic, user admin)" + (config.adminPassword() == null
                    ? "; none is configured, so it is accepted from this machine only" : ""), 403);
        }
        Job job = executions.create(p, request, ctx.baseUrl(), ctx.client());
        if (job.async) {
            executions.submit(job);
            return OwsResponse.xml(WpsDocuments.executeResponse(job, job.statusLocation()));
        }
        executions.runSync(job);
        if (request.raw != null) {
            Job.Result r = job.results.get(request.raw.name());
            if (r.literal() != null) return OwsResponse.text("text/plain; charset=UTF-8", r.literal());
            return OwsResponse.file(r.mimeType(), r.file(), r.file().getFileName().toString());
        }
        return OwsResponse.xml(WpsDocuments.executeResponse(job, null));
    }

    /** A stored output, of a live execution or, after a restart, the file in the store typed by its extension. */
    public OwsResponse result(String executionId, String outputId) {
        Path file = executions.storedFile(executionId, outputId);
        if (file != null) return OwsResponse.file(mimeOf(outputId), file, outputId);
        Job.Result r = executions.storedResult(executionId, outputId);
        return OwsResponse.file(r.mimeType(), r.file(), outputId);
    }

    private static String mimeOf(String fileName) {
        return CodecRegistry.standard().mimeType(fileName);
    }
}
