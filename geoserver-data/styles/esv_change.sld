<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
    xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>esv_change</Name>
    <UserStyle>
      <Title>ESV change (CNY per ha per year), diverging at 0</Title>
      <FeatureTypeStyle>
        <Rule>
          <RasterSymbolizer>
            <Opacity>1.0</Opacity>
            <ColorMap type="ramp">
              <ColorMapEntry color="#b2182b" quantity="-20000" opacity="1" label="-20 000"/>
              <ColorMapEntry color="#ef8a62" quantity="-5000" opacity="1" label="-5 000"/>
              <ColorMapEntry color="#f7f7f7" quantity="0" opacity="1" label="0"/>
              <ColorMapEntry color="#67a9cf" quantity="5000" opacity="1" label="+5 000"/>
              <ColorMapEntry color="#2166ac" quantity="20000" opacity="1" label="+20 000"/>
            </ColorMap>
          </RasterSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
