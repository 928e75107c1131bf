<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
    xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>esv</Name>
    <UserStyle>
      <Title>Ecosystem-service value (CNY per ha per year)</Title>
      <FeatureTypeStyle>
        <Rule>
          <RasterSymbolizer>
            <Opacity>1.0</Opacity>
            <ColorMap type="ramp">
              <ColorMapEntry color="#ffffcc" quantity="0" opacity="1" label="0"/>
              <ColorMapEntry color="#c2e699" quantity="10000" opacity="1" label="10 000"/>
              <ColorMapEntry color="#78c679" quantity="30000" opacity="1" label="30 000"/>
              <ColorMapEntry color="#31a354" quantity="60000" opacity="1" label="60 000"/>
              <ColorMapEntry color="#006837" quantity="100000" opacity="1" label="100 000 CNY/ha/yr"/>
            </ColorMap>
          </RasterSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
