<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
    xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>landuse</Name>
    <UserStyle>
      <Title>Land use, CLCD classes and palette</Title>
      <FeatureTypeStyle>
        <Rule>
          <RasterSymbolizer>
            <Opacity>1.0</Opacity>
            <ColorMap type="values">
              <ColorMapEntry color="#fae39d" quantity="1" opacity="1" label="Cropland"/>
              <ColorMapEntry color="#446f33" quantity="2" opacity="1" label="Forest"/>
              <ColorMapEntry color="#33a02c" quantity="3" opacity="1" label="Shrub"/>
              <ColorMapEntry color="#abd37b" quantity="4" opacity="1" label="Grassland"/>
              <ColorMapEntry color="#1e69b4" quantity="5" opacity="1" label="Water"/>
              <ColorMapEntry color="#a6cee3" quantity="6" opacity="1" label="Snow/Ice"/>
              <ColorMapEntry color="#cfbda3" quantity="7" opacity="1" label="Barren"/>
              <ColorMapEntry color="#e24290" quantity="8" opacity="1" label="Impervious"/>
              <ColorMapEntry color="#289be8" quantity="9" opacity="1" label="Wetland"/>
            </ColorMap>
          </RasterSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
