<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
    xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>hai</Name>
    <UserStyle>
      <Title>Human activity intensity (0 to 1)</Title>
      <FeatureTypeStyle>
        <Rule>
          <RasterSymbolizer>
            <Opacity>1.0</Opacity>
            <ColorMap type="ramp">
              <ColorMapEntry color="#ffffb2" quantity="0" opacity="1" label="0"/>
              <ColorMapEntry color="#fecc5c" quantity="0.25" opacity="1" label="0.25"/>
              <ColorMapEntry color="#fd8d3c" quantity="0.5" opacity="1" label="0.5"/>
              <ColorMapEntry color="#f03b20" quantity="0.75" opacity="1" label="0.75"/>
              <ColorMapEntry color="#bd0026" quantity="1" opacity="1" label="1"/>
            </ColorMap>
          </RasterSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
