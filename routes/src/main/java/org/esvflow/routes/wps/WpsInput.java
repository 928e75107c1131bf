package org.esvflow.routes.wps;

/**
 * One Execute input: a literal value or a reference (xlink:href) the server fetches or resolves itself.
 *
 * @param mimeType format of the referenced data (e.g. image/tiff, text/csv, application/json), null for literals
 */
public record WpsInput(String name, String literal, String href, String mimeType) {
    public static WpsInput literal(String name, Object value) {
        return new WpsInput(name, String.valueOf(value), null, null);
    }

    public static WpsInput reference(String name, String href, String mimeType) {
        return new WpsInput(name, null, href, mimeType);
    }

    public boolean isReference() {
        return href != null;
    }
}
