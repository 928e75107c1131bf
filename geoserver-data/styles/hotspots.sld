<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0"
    xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>hotspots</Name>
    <UserStyle>
      <Title>Getis-Ord Gi* hot and cold spots by confidence bin</Title>
      <FeatureTypeStyle>
        <Rule>
          <RasterSymbolizer>
            <Opacity>1.0</Opacity>
            <ColorMap type="values">
              <ColorMapEntry color="#4575b4" quantity="-3" opacity="1" label="Cold spot 99%"/>
              <ColorMapEntry color="#91bfdb" quantity="-2" opacity="1" label="Cold spot 95%"/>
              <ColorMapEntry color="#e0f3f8" quantity="-1" opacity="1" label="Cold spot 90%"/>
              <ColorMapEntry color="#f7f7f7" quantity="0" opacity="1" label="Not significant"/>
              <ColorMapEntry color="#fee090" quantity="1" opacity="1" label="Hot spot 90%"/>
              <ColorMapEntry color="#fc8d59" quantity="2" opacity="1" label="Hot spot 95%"/>
              <ColorMapEntry color="#d73027" quantity="3" opacity="1" label="Hot spot 99%"/>
            </ColorMap>
          </RasterSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
