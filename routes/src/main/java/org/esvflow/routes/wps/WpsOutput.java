package org.esvflow.routes.wps;

/**
 * One output of a finished execution: a reference to download or pass on ({@code href}), or an inline value
 * ({@code value}, the text of LiteralData or ComplexData).
 */
public record WpsOutput(String name, String href, String mimeType, String value) {
    public boolean isReference() {
        return href != null;
    }
}
