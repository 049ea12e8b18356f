//! Area boundaries for the map: reading a GeoJSON FeatureCollection (Polygon and
//! MultiPolygon features, with holes, in WGS 84 longitude/latitude as census boundary files
//! come), matching its features to the data's area ids, and projecting it to the plane once per
//! load so that a weight change only refills the map.
//!
//! The projection is Lambert's cylindrical equal-area projection with its standard parallel at
//! the middle of the map, fitted to a box: areas on the map are in proportion to areas on the
//! ground, which matters when a map is read as "how much of the city is tier 1". Its sine and
//! cosine are computed by series with `+ − × ÷` only, so the app and the CLI place every vertex
//! on the same coordinates on every machine.

use std::collections::HashMap;

use serde_json::Value;

use super::error::{EngineError, GeometryProblem, JsonCause, Result};

/// The most vertices a boundaries file may have: about ten times Chicago's census tracts.
/// Beyond this the map would not repaint within a frame; simplify the file first.
pub const MAX_VERTICES: usize = 1_000_000;

/// A point as `[longitude, latitude]` in degrees.
pub type LonLat = [f64; 2];

/// A polygon: its outer ring first, then its holes. Rings are open (the closing point that
/// repeats the first is dropped).
pub type Polygon = Vec<Vec<LonLat>>;

/// One feature of the file that has an area to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundary {
    /// 1-based position of the feature in the file, for messages.
    pub feature: usize,
    /// Scalar properties as text (numbers as JSON writes them), by name.
    pub properties: Vec<(String, String)>,
    pub polygons: Vec<Polygon>,
}

impl Boundary {
    /// The value of a property, as text.
    pub fn property(&self, name: &str) -> Option<&str> {
        self.properties.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// A feature that was read but has nothing to draw (no geometry, a point, a line, or only
/// degenerate rings): left out of the map and listed.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOutFeature {
    pub feature: usize,
    pub reason: LeftOutReason,
}

/// Why a feature has nothing to draw.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LeftOutReason {
    #[error("it has no geometry")]
    NoGeometry,
    /// `kind` is the GeoJSON type as written (Point, LineString, ...).
    #[error("it is a {kind}, not an area")]
    NotAnArea { kind: String },
    #[error("its rings have fewer than three distinct points")]
    Degenerate,
}

/// The boundaries read from one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundaries {
    pub file: String,
    pub features: Vec<Boundary>,
    /// Names of the scalar properties (alphabetical within a feature, then as first seen).
    pub property_names: Vec<String>,
    pub left_out: Vec<LeftOutFeature>,
    pub vertex_count: usize,
}

fn geometry_error(file: &str, feature: Option<usize>, problem: GeometryProblem) -> EngineError {
    EngineError::InvalidGeometry { file: file.to_string(), feature, problem }
}

/// At most 60 characters of a JSON value, for messages.
fn snippet(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 { format!("{}…", text.chars().take(60).collect::<String>()) } else { text }
}

struct Reader<'a> {
    file: &'a str,
    vertex_count: usize,
}

impl Reader<'_> {
    fn position(&mut self, feature: usize, value: &Value) -> Result<LonLat> {
        let pair = value.as_array().filter(|a| a.len() >= 2).and_then(|a| Some([a[0].as_f64()?, a[1].as_f64()?]));
        let Some([lon, lat]) = pair else {
            return Err(geometry_error(self.file, Some(feature), GeometryProblem::NotAPosition { value: snippet(value) }));
        };
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            return Err(EngineError::NotLonLat { file: self.file.to_string(), feature, value: snippet(value) });
        }
        self.vertex_count += 1;
        if self.vertex_count > MAX_VERTICES {
            return Err(EngineError::TooManyVertices { file: self.file.to_string(), max: MAX_VERTICES });
        }
        Ok([lon, lat])
    }

    /// A ring without its closing point; `None` when it has fewer than three distinct points.
    fn ring(&mut self, feature: usize, value: &Value) -> Result<Option<Vec<LonLat>>> {
        let Some(items) = value.as_array() else {
            return Err(geometry_error(self.file, Some(feature), GeometryProblem::NotARing { value: snippet(value) }));
        };
        let mut ring = Vec::with_capacity(items.len());
        for item in items {
            let p = self.position(feature, item)?;
            if ring.last() != Some(&p) {
                ring.push(p);
            }
        }
        if ring.len() > 1 && ring.first() == ring.last() {
            ring.pop();
        }
        Ok((ring.len() >= 3).then_some(ring))
    }

    /// A polygon; `None` when its outer ring is degenerate. Degenerate holes are dropped.
    fn polygon(&mut self, feature: usize, value: &Value) -> Result<Option<Polygon>> {
        let Some(rings) = value.as_array() else {
            return Err(geometry_error(self.file, Some(feature), GeometryProblem::NotAPolygon { value: snippet(value) }));
        };
        let mut polygon = Vec::with_capacity(rings.len());
        for (i, ring) in rings.iter().enumerate() {
            match self.ring(feature, ring)? {
                Some(r) => polygon.push(r),
                None if i == 0 => return Ok(None),
                None => {}
            }
        }
        Ok((!polygon.is_empty()).then_some(polygon))
    }

    /// The polygons of a geometry, or why it has none.
    fn geometry(&mut self, feature: usize, geometry: &Value) -> Result<std::result::Result<Vec<Polygon>, LeftOutReason>> {
        if geometry.is_null() {
            return Ok(Err(LeftOutReason::NoGeometry));
        }
        let kind = geometry.get("type").and_then(Value::as_str).unwrap_or("");
        let coordinates = geometry.get("coordinates");
        let mut polygons = Vec::new();
        match kind {
            "Polygon" | "MultiPolygon" => {
                let Some(coordinates) = coordinates else {
                    return Err(geometry_error(self.file, Some(feature), GeometryProblem::NoCoordinates { kind: kind.to_string() }));
                };
                if kind == "Polygon" {
                    polygons.extend(self.polygon(feature, coordinates)?);
                } else {
                    let Some(parts) = coordinates.as_array() else {
                        return Err(geometry_error(self.file, Some(feature), GeometryProblem::NotPolygons { value: snippet(coordinates) }));
                    };
                    for part in parts {
                        polygons.extend(self.polygon(feature, part)?);
                    }
                }
            }
            "GeometryCollection" => {
                for member in geometry.get("geometries").and_then(Value::as_array).into_iter().flatten() {
                    if let Ok(mut found) = self.geometry(feature, member)? {
                        polygons.append(&mut found);
                    }
                }
            }
            "Point" | "MultiPoint" | "LineString" | "MultiLineString" => {
                return Ok(Err(LeftOutReason::NotAnArea { kind: kind.to_owned() }));
            }
            other => {
                return Err(geometry_error(self.file, Some(feature), GeometryProblem::UnknownType { kind: other.to_string() }));
            }
        }
        if polygons.is_empty() { Ok(Err(LeftOutReason::Degenerate)) } else { Ok(Ok(polygons)) }
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Boundaries {
    /// Reads a GeoJSON FeatureCollection (a single Feature or a bare Polygon/MultiPolygon is
    /// read too).
    ///
    /// # Errors
    /// The bytes are not JSON, not GeoJSON, hold a coordinate that is not WGS 84
    /// longitude/latitude, or have more than [`MAX_VERTICES`] vertices. Features with nothing
    /// to draw are not errors: they are listed in [`Boundaries::left_out`].
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Boundaries> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        // Every position opens a bracket: a file with far more brackets than the map can draw
        // is refused before it is parsed, so a huge file costs one pass over its bytes.
        let brackets = bytes.iter().filter(|&&b| b == b'[').count();
        if brackets > MAX_VERTICES + MAX_VERTICES / 2 {
            return Err(EngineError::TooManyVertices { file: file.to_string(), max: MAX_VERTICES });
        }
        let root: Value =
            serde_json::from_slice(bytes).map_err(|e| geometry_error(file, None, GeometryProblem::NotJson { cause: JsonCause::of(&e) }))?;
        let single;
        let features: &[Value] = match root.get("type").and_then(Value::as_str) {
            Some("FeatureCollection") => {
                root.get("features").and_then(Value::as_array).ok_or_else(|| geometry_error(file, None, GeometryProblem::NoFeatures))?
            }
            Some("Feature") => std::slice::from_ref(&root),
            Some("Polygon" | "MultiPolygon") => {
                single = serde_json::json!({ "type": "Feature", "properties": {}, "geometry": root });
                std::slice::from_ref(&single)
            }
            _ => return Err(geometry_error(file, None, GeometryProblem::NotFeatureCollection)),
        };
        let mut reader = Reader { file, vertex_count: 0 };
        let mut boundaries =
            Boundaries { file: file.to_string(), features: Vec::new(), property_names: Vec::new(), left_out: Vec::new(), vertex_count: 0 };
        for (i, value) in features.iter().enumerate() {
            let feature = i + 1;
            let properties: Vec<(String, String)> = value
                .get("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .filter_map(|(k, v)| Some((k.clone(), scalar_text(v)?)))
                .collect();
            for (k, _) in &properties {
                if !boundaries.property_names.contains(k) {
                    boundaries.property_names.push(k.clone());
                }
            }
            let geometry = value.get("geometry").unwrap_or(&Value::Null);
            match reader.geometry(feature, geometry)? {
                Ok(polygons) => boundaries.features.push(Boundary { feature, properties, polygons }),
                Err(reason) => boundaries.left_out.push(LeftOutFeature { feature, reason }),
            }
        }
        if boundaries.features.is_empty() {
            return Err(EngineError::NothingToDraw { file: file.to_string() });
        }
        boundaries.vertex_count = reader.vertex_count;
        Ok(boundaries)
    }

    /// The property whose values match the most of `ids` (ties: the first in the file), if any
    /// matches at all.
    pub fn guess_id_property<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Option<String> {
        let index = IdIndex::new(ids);
        let mut best: Option<(usize, &String)> = None;
        for name in &self.property_names {
            let hits = self.features.iter().filter(|f| f.property(name).is_some_and(|v| index.find(v).is_some())).count();
            if hits > 0 && best.is_none_or(|(b, _)| hits > b) {
                best = Some((hits, name));
            }
        }
        best.map(|(_, name)| name.clone())
    }

    /// Matches features to areas by the value of `property`.
    pub fn link<'a>(&self, property: &str, area_ids: impl IntoIterator<Item = &'a str>) -> Links {
        let index = IdIndex::new(area_ids);
        let area_of: Vec<Option<usize>> = self.features.iter().map(|f| f.property(property).and_then(|v| index.find(v))).collect();
        let mut has_boundary = vec![false; index.len];
        for a in area_of.iter().flatten() {
            has_boundary[*a] = true;
        }
        Links {
            property: property.to_string(),
            features_without_data: area_of.iter().enumerate().filter(|(_, a)| a.is_none()).map(|(f, _)| f).collect(),
            areas_without_boundary: has_boundary.iter().enumerate().filter(|(_, h)| !**h).map(|(a, _)| a).collect(),
            area_of,
        }
    }
}

/// Area ids by their text, and by their number for ids that are numbers ("0102.010" in one
/// file and "102.01" in the other are the same tract).
struct IdIndex {
    exact: HashMap<String, usize>,
    numeric: HashMap<u64, usize>,
    len: usize,
}

fn numeric_key(text: &str) -> Option<u64> {
    let v: f64 = text.parse().ok()?;
    v.is_finite().then_some((v + 0.0).to_bits())
}

impl IdIndex {
    fn new<'a>(ids: impl IntoIterator<Item = &'a str>) -> IdIndex {
        let mut index = IdIndex { exact: HashMap::new(), numeric: HashMap::new(), len: 0 };
        for (i, id) in ids.into_iter().enumerate() {
            let id = id.trim();
            index.exact.entry(id.to_string()).or_insert(i);
            if let Some(k) = numeric_key(id) {
                index.numeric.entry(k).or_insert(i);
            }
            index.len = i + 1;
        }
        index
    }

    fn find(&self, id: &str) -> Option<usize> {
        self.exact.get(id.trim()).or_else(|| numeric_key(id.trim()).and_then(|k| self.numeric.get(&k))).copied()
    }
}

/// Which area each feature draws, and what is missing on either side.
#[derive(Debug, Clone, PartialEq)]
pub struct Links {
    /// The property that holds the area id.
    pub property: String,
    /// Per feature (index into [`Boundaries::features`]): the area's index in the data.
    pub area_of: Vec<Option<usize>>,
    /// Features whose id is not in the data (drawn as "no data").
    pub features_without_data: Vec<usize>,
    /// Areas of the data that no feature draws.
    pub areas_without_boundary: Vec<usize>,
}

/// `sin x` for |x| ≤ π/2 by its Taylor series, arithmetic only (the same bits everywhere).
fn series_sin(x: f64) -> f64 {
    let (mut term, mut sum, x2) = (x, x, x * x);
    for k in 1..14 {
        let k = f64::from(k);
        term = -term * x2 / ((2.0 * k) * (2.0 * k + 1.0));
        sum += term;
    }
    sum
}

/// `cos x` for |x| ≤ π/2 by its Taylor series.
fn series_cos(x: f64) -> f64 {
    let (mut term, mut sum, x2) = (1.0, 1.0, x * x);
    for k in 1..14 {
        let k = f64::from(k);
        term = -term * x2 / ((2.0 * k - 1.0) * (2.0 * k));
        sum += term;
    }
    sum
}

const DEGREES: f64 = std::f64::consts::PI / 180.0;

/// One feature on the plane, in the map's pixel coordinates (y down).
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectedFeature {
    /// Every ring of every polygon, outer rings clockwise on screen and holes anticlockwise,
    /// so both the non-zero and the even-odd fill rule leave holes empty.
    pub rings: Vec<Vec<[f32; 2]>>,
    /// Area-weighted centre, for labels and for moving between areas by keyboard.
    pub centre: [f32; 2],
    /// `[min x, min y, max x, max y]`.
    pub bounds: [f32; 4],
}

/// Every feature projected and fitted to a `width × height` box.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectedMap {
    pub width: f64,
    pub height: f64,
    pub features: Vec<ProjectedFeature>,
    /// The projection the features were drawn with, for placing other points (schools).
    pub projection: Projection,
}

/// Lambert cylindrical equal-area with its standard parallel at the map's middle latitude,
/// scaled and shifted to the map's box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    cos_parallel: f64,
    x0: f64,
    y1: f64,
    scale: f64,
    offset_x: f64,
    offset_y: f64,
}

impl Projection {
    /// Where a `[longitude, latitude]` falls on the map, in pixels (y down).
    pub fn point(&self, p: &LonLat) -> [f32; 2] {
        let x = p[0] * DEGREES * self.cos_parallel;
        let y = series_sin(p[1] * DEGREES) / self.cos_parallel;
        [((x - self.x0) * self.scale + self.offset_x) as f32, ((self.y1 - y) * self.scale + self.offset_y) as f32]
    }
}

fn signed_area(ring: &[[f32; 2]]) -> f64 {
    let mut sum = 0.0;
    for (i, a) in ring.iter().enumerate() {
        let b = ring[(i + 1) % ring.len()];
        sum += f64::from(a[0]) * f64::from(b[1]) - f64::from(b[0]) * f64::from(a[1]);
    }
    sum / 2.0
}

impl Boundaries {
    /// Projects every feature (equal-area, standard parallel at the middle latitude) and fits
    /// the whole map into `width × height` with `margin` pixels on each side, keeping its
    /// proportions and centring it.
    pub fn project(&self, width: f64, height: f64, margin: f64) -> ProjectedMap {
        let points = || self.features.iter().flat_map(|f| f.polygons.iter().flatten().flatten());
        let (mut lon0, mut lon1, mut lat0, mut lat1) = (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY);
        for p in points() {
            lon0 = lon0.min(p[0]);
            lon1 = lon1.max(p[0]);
            lat0 = lat0.min(p[1]);
            lat1 = lat1.max(p[1]);
        }
        let parallel = (lat0 + lat1) / 2.0 * DEGREES;
        let cos_parallel = series_cos(parallel).max(1e-6);
        let (x0, x1) = (lon0 * DEGREES * cos_parallel, lon1 * DEGREES * cos_parallel);
        let (y0, y1) = (series_sin(lat0 * DEGREES) / cos_parallel, series_sin(lat1 * DEGREES) / cos_parallel);
        let (span_x, span_y) = ((x1 - x0).max(1e-12), (y1 - y0).max(1e-12));
        let scale = ((width - 2.0 * margin) / span_x).min((height - 2.0 * margin) / span_y).max(0.0);
        let (offset_x, offset_y) = ((width - span_x * scale) / 2.0, (height - span_y * scale) / 2.0);
        let projection = Projection { cos_parallel, x0, y1, scale, offset_x, offset_y };
        let to_screen = |p: &LonLat| projection.point(p);
        let features = self
            .features
            .iter()
            .map(|f| {
                let mut rings = Vec::new();
                let (mut area, mut cx, mut cy) = (0.0f64, 0.0f64, 0.0f64);
                let mut bounds = [f32::INFINITY, f32::INFINITY, f32::NEG_INFINITY, f32::NEG_INFINITY];
                for polygon in &f.polygons {
                    for (k, ring) in polygon.iter().enumerate() {
                        let mut screen: Vec<[f32; 2]> = ring.iter().map(to_screen).collect();
                        let a = signed_area(&screen);
                        // On screen (y down) a positive shoelace sum runs clockwise.
                        let outer = k == 0;
                        if (outer && a < 0.0) || (!outer && a > 0.0) {
                            screen.reverse();
                        }
                        let a = signed_area(&screen);
                        for (i, p) in screen.iter().enumerate() {
                            let q = screen[(i + 1) % screen.len()];
                            let cross = f64::from(p[0]) * f64::from(q[1]) - f64::from(q[0]) * f64::from(p[1]);
                            cx += (f64::from(p[0]) + f64::from(q[0])) * cross;
                            cy += (f64::from(p[1]) + f64::from(q[1])) * cross;
                            bounds = [bounds[0].min(p[0]), bounds[1].min(p[1]), bounds[2].max(p[0]), bounds[3].max(p[1])];
                        }
                        area += a;
                        rings.push(screen);
                    }
                }
                let centre = if area.abs() > 1e-9 {
                    [(cx / (6.0 * area)) as f32, (cy / (6.0 * area)) as f32]
                } else {
                    [(bounds[0] + bounds[2]) / 2.0, (bounds[1] + bounds[3]) / 2.0]
                };
                ProjectedFeature { rings, centre, bounds }
            })
            .collect();
        ProjectedMap { width, height, features, projection }
    }
}

impl ProjectedFeature {
    /// SVG path data: one closed subpath per ring, one decimal (a tenth of a pixel).
    pub fn svg_path(&self) -> String {
        let mut d = String::with_capacity(self.rings.iter().map(|r| r.len() * 12).sum());
        for ring in &self.rings {
            for (i, p) in ring.iter().enumerate() {
                d.push(if i == 0 { 'M' } else { 'L' });
                push_decimal(&mut d, p[0]);
                d.push(' ');
                push_decimal(&mut d, p[1]);
            }
            d.push('Z');
        }
        d
    }
}

/// Appends `v` with one decimal, without a trailing ".0".
fn push_decimal(out: &mut String, v: f32) {
    let tenths = (f64::from(v) * 10.0).round() as i64;
    if tenths < 0 {
        out.push('-');
    }
    let t = tenths.unsigned_abs();
    out.push_str(itoa::Buffer::new().format(t / 10));
    if !t.is_multiple_of(10) {
        out.push('.');
        out.push(char::from(b'0' + (t % 10) as u8));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE_WITH_HOLE: &str = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"TRACT":"101","GEOID":17031010100},"geometry":{"type":"Polygon","coordinates":[
            [[-87.7,41.8],[-87.6,41.8],[-87.6,41.9],[-87.7,41.9],[-87.7,41.8]],
            [[-87.68,41.82],[-87.68,41.88],[-87.62,41.88],[-87.62,41.82],[-87.68,41.82]]]}},
        {"type":"Feature","properties":{"TRACT":"102.01"},"geometry":{"type":"MultiPolygon","coordinates":[
            [[[-87.6,41.8],[-87.5,41.8],[-87.5,41.85],[-87.6,41.8]]],
            [[[-87.6,41.86],[-87.5,41.86],[-87.5,41.9],[-87.6,41.86]]]]}},
        {"type":"Feature","properties":{"TRACT":"9801"},"geometry":null},
        {"type":"Feature","properties":{"TRACT":"school"},"geometry":{"type":"Point","coordinates":[-87.6,41.8]}}
    ]}"#;

    #[test]
    fn reads_polygons_with_holes_and_multipolygons_and_lists_features_without_area() {
        let b = Boundaries::parse("t.geojson", SQUARE_WITH_HOLE.as_bytes()).unwrap();
        assert_eq!(b.features.len(), 2);
        assert_eq!(b.features[0].polygons[0].len(), 2, "outer ring and hole");
        assert_eq!(b.features[0].polygons[0][0].len(), 4, "closing point dropped");
        assert_eq!(b.features[1].polygons.len(), 2);
        assert_eq!(b.features[0].property("GEOID"), Some("17031010100"));
        assert_eq!(b.property_names, ["GEOID", "TRACT"]);
        assert_eq!(b.vertex_count, 10 + 8);
        assert_eq!(
            b.left_out,
            [
                LeftOutFeature { feature: 3, reason: LeftOutReason::NoGeometry },
                LeftOutFeature { feature: 4, reason: LeftOutReason::NotAnArea { kind: "Point".into() } }
            ]
        );
    }

    #[test]
    fn projected_outer_rings_and_holes_run_opposite_ways_and_fit_the_box() {
        let b = Boundaries::parse("t.geojson", SQUARE_WITH_HOLE.as_bytes()).unwrap();
        let map = b.project(400.0, 300.0, 10.0);
        let f = &map.features[0];
        assert!(signed_area(&f.rings[0]) > 0.0 && signed_area(&f.rings[1]) < 0.0);
        for p in map.features.iter().flat_map(|f| f.rings.iter().flatten()) {
            assert!((9.99..=390.01).contains(&p[0]) && (9.99..=290.01).contains(&p[1]), "{p:?}");
        }
        // Equal-area: the hole is 36% of the square on the ground and on the map.
        let share = -signed_area(&f.rings[1]) / signed_area(&f.rings[0]);
        assert!((share - 0.36).abs() < 0.01, "{share}");
        // The centre of a square with a centred hole is the centre of the square.
        let mid_x = (f.bounds[0] + f.bounds[2]) / 2.0;
        assert!((f.centre[0] - mid_x).abs() < 0.5);
        assert!(f.svg_path().starts_with('M') && f.svg_path().matches('Z').count() == 2);
    }

    #[test]
    fn ids_match_by_text_or_by_number_and_the_id_property_is_guessed() {
        let b = Boundaries::parse("t.geojson", SQUARE_WITH_HOLE.as_bytes()).unwrap();
        let ids = ["102.010", "101", "500"];
        assert_eq!(b.guess_id_property(ids), Some("TRACT".into()));
        let links = b.link("TRACT", ids);
        assert_eq!(links.area_of, [Some(1), Some(0)]);
        assert_eq!(links.areas_without_boundary, [2]);
        assert!(links.features_without_data.is_empty());
        let by_geoid = b.link("GEOID", ids);
        assert_eq!(by_geoid.features_without_data, [0, 1]);
        assert_eq!(b.guess_id_property(["nothing"]), None);
    }

    #[test]
    fn wrong_files_and_projected_coordinates_are_refused_in_words() {
        let err = |text: &str| Boundaries::parse("b.geojson", text.as_bytes()).unwrap_err().to_string();
        assert!(err("{oops").starts_with("b.geojson: is not GeoJSON: the text is not JSON at line 1, column 2"), "{}", err("{oops"));
        // A download cut off part way: said so, not in the JSON reader's words.
        let whole = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"1"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}"#;
        let cut = err(&whole[..whole.len() / 2]);
        assert!(cut.starts_with("b.geojson: is not GeoJSON: the file ends early (line 1, column "), "{cut}");
        assert!(cut.contains("cut off while it was downloaded or saved") && !cut.contains("EOF"), "{cut}");
        assert!(err(r#"{"type":"Topology"}"#).contains("expected {\"type\": \"FeatureCollection\""));
        let projected = r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[443000,4640000],[444000,4640000],[444000,4641000]]]}}"#;
        assert_eq!(
            err(projected),
            "b.geojson: feature 1: [443000,4640000] is not a longitude and latitude in degrees; the map reads WGS 84 (EPSG:4326), as census boundary files come: save the file in that coordinate system"
        );
        let text = r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[["a","b"],[1,1],[1,2]]]}}"#;
        assert!(err(text).contains("feature 1: [\"a\",\"b\"] is not a position; expected [longitude, latitude]"));
        let only_points = r#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,1]}}"#;
        assert_eq!(err(only_points), "b.geojson: has no Polygon or MultiPolygon feature to draw");
    }

    #[test]
    fn a_huge_file_is_refused_before_it_is_all_read() {
        let ring: Vec<String> =
            (0..MAX_VERTICES + 1).map(|i| format!("[{},{}]", (i % 1000) as f64 / 1000.0, (i / 1000) as f64 / 10_000.0)).collect();
        let text = format!(r#"{{"type":"Polygon","coordinates":[[{}]]}}"#, ring.join(","));
        let e = Boundaries::parse("big.geojson", text.as_bytes()).unwrap_err().to_string();
        assert!(e.contains("more than 1000000 vertices"), "{e}");
        // Far beyond the limit, the file is refused before it is parsed.
        let brackets = "[".repeat(MAX_VERTICES * 2);
        let e = Boundaries::parse("huge.geojson", brackets.as_bytes()).unwrap_err().to_string();
        assert!(e.starts_with("huge.geojson: has more than 1000000 vertices"), "{e}");
    }

    #[test]
    fn series_sine_and_cosine_agree_with_the_library() {
        for i in -90..=90 {
            let x = f64::from(i) * DEGREES;
            assert!((series_sin(x) - x.sin()).abs() < 1e-15 && (series_cos(x) - x.cos()).abs() < 1e-15, "{i}");
        }
    }
}
