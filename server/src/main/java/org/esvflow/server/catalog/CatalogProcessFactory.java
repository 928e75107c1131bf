package org.esvflow.server.catalog;

import org.geotools.api.feature.type.Name;
import org.geotools.process.factory.AnnotatedBeanProcessFactory;
import org.geotools.text.Text;

/**
 * The server's own processes, namespace {@code gs} like GeoServer's: bound to one catalog, so not listed through
 * the SPI but added by the server to what it offers.
 */
public final class CatalogProcessFactory extends AnnotatedBeanProcessFactory {
    private final Catalog catalog;

    public CatalogProcessFactory(Catalog catalog) {
        super(Text.text("esvflow catalog"), "gs", ImportProcess.class);
        this.catalog = catalog;
    }

    @Override
    protected Object createProcessBean(Name name) {
        return new ImportProcess(catalog);
    }
}
