<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
    xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>rsei</Name>
    <UserStyle>
      <Title>RSEI, five grades of equal width</Title>
      <FeatureTypeStyle>
        <Rule>
          <RasterSymbolizer>
            <Opacity>1.0</Opacity>
            <ColorMap type="intervals">
              <ColorMapEntry color="#d7191c" quantity="0.2" opacity="1" label="Poor [0, 0.2)"/>
              <ColorMapEntry color="#fdae61" quantity="0.4" opacity="1" label="Fair [0.2, 0.4)"/>
              <ColorMapEntry color="#ffffbf" quantity="0.6" opacity="1" label="Moderate [0.4, 0.6)"/>
              <ColorMapEntry color="#a6d96a" quantity="0.8" opacity="1" label="Good [0.6, 0.8)"/>
              <ColorMapEntry color="#1a9641" quantity="1.000001" opacity="1" label="Excellent [0.8, 1]"/>
            </ColorMap>
          </RasterSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
