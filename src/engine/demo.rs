//! A synthetic demo district, generated deterministically from a seed so the app can open on
//! realistic data without shipping any, and the CLI can write the very same files.
//!
//! It is made to behave like a large urban district: block-group areas whose SES comes from a
//! smooth spatial field (affluent and poor neighbourhoods form contiguous regions), indicators
//! correlated through that field with realistic ranges, schools of three levels, and students
//! who mostly attend the nearest school of their level while some cross town to magnets.
//!
//! Only `+ − × ÷` and `sqrt` are used (all exactly rounded under IEEE 754), never `exp` or
//! `ln` from a maths library, so native and WebAssembly builds produce identical bytes.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::dataset::{Areas, Dataset, Enrollment, EnrollmentColumns, SchoolColumns, Schools};
use super::error::Purpose;
use super::error::Result;
use super::formula::{
    Direction, FORMULA_VERSION_GROUPS, FamilyItem, Formula, Group, Indicator, MissingPolicy, MissingValues, Normalization, StudentPart,
    TierMethod, TierRule,
};
use super::table::Table;

/// The seed of the demo district the app opens on.
pub const DEMO_SEED: u64 = 2026;

/// [`DemoDistrict::fingerprint`] of the default district. A change to the generator changes
/// this on purpose; a change on one platform only would be a bug.
pub const DEMO_FINGERPRINT: u64 = 14_101_831_371_950_415_161;

/// How big a district to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DemoSize {
    pub areas: u32,
    pub schools: u32,
    /// Approximate total students (school-age children, all enrolled).
    pub students: u32,
}

impl DemoSize {
    /// The app's demo: about 600 block groups, 170 schools.
    pub const DISTRICT: DemoSize = DemoSize { areas: 600, schools: 170, students: 180_000 };
}

/// The demo district as CSV files (the same text the CLI writes and the app parses).
#[derive(Debug, Clone, PartialEq)]
pub struct DemoDistrict {
    /// `area_id, median_household_income, pct_bachelors_or_higher, pct_owner_occupied,
    /// pct_single_parent, pct_other_language, school_age_children, x_km, y_km`
    pub areas_csv: String,
    /// `school_id, name, level, magnet, enrollment, per_pupil_funding, latitude, longitude`
    pub schools_csv: String,
    /// `area_id, school_id, students` (area×school counts)
    pub enrollment_csv: String,
    /// Per-area, per-school student counts, kept to write a student-level file on request.
    counts: Vec<(u32, u32, u32)>,
    area_ids: Vec<String>,
    school_ids: Vec<String>,
    /// Where each area's centre is, in km from the city's south-west corner.
    centres: Vec<(f64, f64)>,
    /// The city's size in km.
    extent: (f64, f64),
    /// Each area's SES on a standard scale: students' family answers are drawn around it.
    latent: Vec<f64>,
    seed: u64,
}

/// Column names of the demo's indicators, with their directions and labels.
pub const DEMO_INDICATORS: [(&str, Direction, &str); 5] = [
    ("median_household_income", Direction::Advantage, "Median household income"),
    ("pct_bachelors_or_higher", Direction::Advantage, "Adults with a bachelor's degree (%)"),
    ("pct_owner_occupied", Direction::Advantage, "Owner-occupied homes (%)"),
    ("pct_single_parent", Direction::Disadvantage, "Single-parent households (%)"),
    ("pct_other_language", Direction::Disadvantage, "Language other than English at home (%)"),
];

/// The name of the demo's default formula.
pub const DEMO_FORMULA_NAME: &str = "Five census factors, equal weights, three tiers";

/// The demo's population column.
pub const DEMO_POPULATION: &str = "school_age_children";

/// The demo's default formula: five census factors, equal weights, three tiers of equal
/// population (the shape of Charlotte-Mecklenburg's formula).
pub fn demo_formula() -> Formula {
    Formula {
        version: 1,
        name: DEMO_FORMULA_NAME.into(),
        id_column: "area_id".into(),
        population_column: Some(DEMO_POPULATION.into()),
        normalization: Normalization::WeightedPercentile,
        indicators: DEMO_INDICATORS
            .iter()
            .map(|(c, d, _)| Indicator { column: (*c).into(), direction: *d, weight: 20.0, enabled: true })
            .collect(),
        missing: Default::default(),
        groups: Vec::new(),
        tiers: TierRule { count: 3, method: TierMethod::EqualPopulation, cutoffs: vec![] },
        student: None,
    }
}

/// The name of the demo's formula of domains.
pub const DEMO_DOMAINS_NAME: &str = "Three domains: economic, education and language, family and home";

/// The demo's five factors in three domains of equal weight (formula file v2), as the OECD
/// Better Life Index weights topics: economic (income), education and language (degrees,
/// another language at home), family and home (owners, single parents). An area missing a
/// value is scored on what it has, reweighted within its domain.
pub fn demo_domains_formula() -> Formula {
    let indicator = |k: usize| {
        let (c, d, _) = DEMO_INDICATORS[k];
        Indicator { column: c.into(), direction: d, weight: 50.0, enabled: true }
    };
    let group = |name: &str, indicators: std::ops::Range<usize>| Group {
        name: name.into(),
        weight: 50.0,
        enabled: true,
        indicators: indicators.collect(),
        groups: Vec::new(),
    };
    Formula {
        version: FORMULA_VERSION_GROUPS,
        name: DEMO_DOMAINS_NAME.into(),
        indicators: [0, 1, 4, 2, 3].into_iter().map(indicator).collect(),
        groups: vec![group("Economic", 0..1), group("Education and language", 1..3), group("Family and home", 3..5)],
        missing: MissingValues { policy: MissingPolicy::Reweight, min_share: 0.0, tier: None },
        ..demo_formula()
    }
}

const LEVELS: [(&str, f64, f64); 3] = [
    // level, share of schools, share of children (grades K–5, 6–8, 9–12 of 13)
    ("Elementary", 0.65, 6.0 / 13.0),
    ("Middle", 0.20, 3.0 / 13.0),
    ("High", 0.15, 4.0 / 13.0),
];

const NAME_WORDS: [&str; 48] = [
    "Oak",
    "Maple",
    "Cedar",
    "Willow",
    "Birch",
    "Aspen",
    "Hawthorn",
    "Linden",
    "Magnolia",
    "Sycamore",
    "Juniper",
    "Laurel",
    "Chestnut",
    "Poplar",
    "Hickory",
    "Elm",
    "Riverside",
    "Lakeview",
    "Hillcrest",
    "Brookside",
    "Fairview",
    "Greenwood",
    "Meadow",
    "Prairie",
    "Harbor",
    "Summit",
    "Valley",
    "Crescent",
    "Pioneer",
    "Liberty",
    "Franklin",
    "Douglass",
    "Tubman",
    "Lincoln",
    "Carver",
    "Addams",
    "Parks",
    "Curie",
    "Banneker",
    "Chavez",
    "Hughes",
    "Morrison",
    "Angelou",
    "Baldwin",
    "Ellington",
    "Lowell",
    "Whitman",
    "Dickinson",
];
const NAME_PLACES: [&str; 8] = ["", "Park", "Hill", "Ridge", "Heights", "Grove", "Street", "Academy"];

/// A normal deviate from twelve uniforms (Irwin–Hall): arithmetic only, identical everywhere.
fn normal(rng: &mut StdRng) -> f64 {
    (0..12).map(|_| rng.random::<f64>()).sum::<f64>() - 6.0
}

/// e^x by repeated squaring of (1 + x/2^16): arithmetic only, so every platform agrees.
fn exp_arith(x: f64) -> f64 {
    let mut v = 1.0 + x / 65536.0;
    for _ in 0..16 {
        v *= v;
    }
    v
}

fn round_to(v: f64, step: f64) -> f64 {
    (v / step).round() * step
}

/// A generated school before it is written out.
struct DemoSchool {
    id: String,
    name: String,
    /// Index into `LEVELS`.
    level: usize,
    magnet: bool,
    /// Where it stands (km).
    at: (f64, f64),
    funding: f64,
}

/// A smooth bump field: Σ amplitude / (1 + distance² / radius²).
struct Field {
    bumps: Vec<(f64, f64, f64, f64)>,
}

impl Field {
    fn random(rng: &mut StdRng, count: usize, width: f64, height: f64, amplitude: (f64, f64)) -> Field {
        let bumps = (0..count)
            .map(|i| {
                let sign = if i % 2 == 0 { 1.0 } else { -1.0 };
                let a = sign * (amplitude.0 + (amplitude.1 - amplitude.0) * rng.random::<f64>());
                let r = width * (0.10 + 0.12 * rng.random::<f64>());
                (width * rng.random::<f64>(), height * rng.random::<f64>(), a, r * r)
            })
            .collect();
        Field { bumps }
    }

    fn at(&self, x: f64, y: f64) -> f64 {
        self.bumps.iter().map(|&(bx, by, a, r2)| a / (1.0 + ((x - bx) * (x - bx) + (y - by) * (y - by)) / r2)).sum()
    }
}

/// Splits `total` into integer parts proportional to `shares` (largest remainder, ties by
/// position).
fn split_count(total: u32, shares: &[f64]) -> Vec<u32> {
    let sum: f64 = shares.iter().sum();
    if sum <= 0.0 {
        return vec![0; shares.len()];
    }
    let exact: Vec<f64> = shares.iter().map(|s| f64::from(total) * s / sum).collect();
    let mut parts: Vec<u32> = exact.iter().map(|e| e.floor() as u32).collect();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
    let left = total.saturating_sub(parts.iter().sum());
    for &i in order.iter().take(left as usize) {
        parts[i] += 1;
    }
    parts
}

/// A point of the city (km from its south-west corner) as `[longitude, latitude]`, the
/// city's centre at longitude 0, latitude 0: about 111.3 km to a degree of longitude at the
/// equator and 110.6 km to a degree of latitude.
fn lon_lat((x, y): (f64, f64), (width, height): (f64, f64)) -> [f64; 2] {
    [(x - width / 2.0) / 111.32, (y - height / 2.0) / 110.57]
}

/// The Voronoi cell of every point within `[0, width] × [0, height]`: the rectangle cut by the
/// perpendicular bisector with each nearer neighbour, nearest first, stopping once a neighbour
/// is too far to cut what is left. Arithmetic only, so every machine gets the same cells.
fn voronoi_cells(points: &[(f64, f64)], width: f64, height: f64) -> Vec<Vec<(f64, f64)>> {
    let distance2 = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1);
    points
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            let mut cell = vec![(0.0, 0.0), (width, 0.0), (width, height), (0.0, height)];
            let mut others: Vec<(f64, usize)> =
                points.iter().enumerate().filter(|&(j, _)| j != i).map(|(j, &q)| (distance2(p, q), j)).collect();
            others.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            for (d2, j) in others {
                let reach2 = cell.iter().map(|&v| distance2(p, v)).fold(0.0, f64::max);
                if d2 >= 4.0 * reach2 {
                    break; // the bisector lies beyond every corner of the cell
                }
                let q = points[j];
                let (nx, ny) = (q.0 - p.0, q.1 - p.1);
                let limit = (nx * (p.0 + q.0) + ny * (p.1 + q.1)) / 2.0;
                // Keep the side of the bisector nearer p: n·v <= n·midpoint (Sutherland–Hodgman).
                let inside = |v: (f64, f64)| nx * v.0 + ny * v.1 - limit;
                let mut clipped = Vec::with_capacity(cell.len() + 1);
                for k in 0..cell.len() {
                    let (a, b) = (cell[k], cell[(k + 1) % cell.len()]);
                    let (fa, fb) = (inside(a), inside(b));
                    if fa <= 0.0 {
                        clipped.push(a);
                    }
                    if (fa < 0.0 && fb > 0.0) || (fa > 0.0 && fb < 0.0) {
                        let t = fa / (fa - fb);
                        clipped.push((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)));
                    }
                }
                cell = clipped;
            }
            cell
        })
        .collect()
}

impl DemoDistrict {
    /// Generates a district. The same seed and size give the same bytes on every machine.
    pub fn generate(seed: u64, size: DemoSize) -> DemoDistrict {
        let mut rng = StdRng::seed_from_u64(seed);
        let areas = DemoAreas::generate(&mut rng, size);
        let schools = place_schools(&mut rng, size, &areas.points);
        let (counts, enrollment) = enrol(&areas, &schools);
        let school_ids: Vec<String> = schools.iter().map(|s| s.id.clone()).collect();
        let mut schools_csv = String::from("school_id,name,level,magnet,enrollment,per_pupil_funding,latitude,longitude\n");
        for (j, s) in schools.iter().enumerate() {
            let [lon, lat] = lon_lat(s.at, CITY_KM);
            schools_csv.push_str(&format!(
                "{},{},{},{},{},{:.0},{lat:.6},{lon:.6}\n",
                s.id,
                s.name,
                LEVELS[s.level].0,
                if s.magnet { "yes" } else { "no" },
                enrollment[j],
                s.funding
            ));
        }
        let mut enrollment_csv = String::from("area_id,school_id,students\n");
        for &(a, s, c) in &counts {
            enrollment_csv.push_str(&format!("{},{},{c}\n", areas.ids[a as usize], school_ids[s as usize]));
        }
        DemoDistrict {
            areas_csv: areas.csv,
            schools_csv,
            enrollment_csv,
            counts,
            area_ids: areas.ids,
            school_ids,
            centres: areas.points,
            extent: CITY_KM,
            latent: areas.latent,
            seed,
        }
    }

    /// The areas' boundaries as GeoJSON (`areas.geojson`): the Voronoi cells of their centres
    /// within the city's rectangle, placed around longitude 0, latitude 0 so no one mistakes
    /// them for a real place. Each feature's `area_id` property is the area's id.
    pub fn areas_geojson(&self) -> String {
        let (width, height) = self.extent;
        let cells = voronoi_cells(&self.centres, width, height);
        let mut out =
            String::from("{\"type\":\"FeatureCollection\",\"name\":\"Synthetic demo district (not a real place)\",\"features\":[\n");
        for (i, cell) in cells.iter().enumerate() {
            let ring: Vec<String> = cell
                .iter()
                .chain(cell.first())
                .map(|&p| {
                    let [lon, lat] = lon_lat(p, (width, height));
                    format!("[{lon:.6},{lat:.6}]")
                })
                .collect();
            out.push_str(&format!(
                "{{\"type\":\"Feature\",\"properties\":{{\"area_id\":\"{}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[{}]]}}}}{}\n",
                self.area_ids[i],
                ring.join(","),
                if i + 1 < cells.len() { "," } else { "" }
            ));
        }
        out.push_str("]}\n");
        out
    }

    /// The three files read as the app and the CLI read them.
    ///
    /// # Errors
    /// None for generated files; the reader's errors otherwise.
    pub fn dataset(&self) -> Result<Dataset> {
        let areas = Areas::parse("areas.csv", self.areas_csv.as_bytes())?;
        let schools = Schools::parse("schools.csv", self.schools_csv.as_bytes(), &SchoolColumns::default())?;
        let ids = areas.table().id_column("area_id", Purpose::AreaId)?;
        let table = Table::parse("enrollment.csv", self.enrollment_csv.as_bytes())?;
        let enrollment = Enrollment::from_counts(&table, &EnrollmentColumns::default(), &ids, &schools)?;
        Ok(Dataset { areas, schools: Some((schools, enrollment)) })
    }

    /// The app's demo district.
    pub fn default_district() -> DemoDistrict {
        DemoDistrict::generate(DEMO_SEED, DemoSize::DISTRICT)
    }

    /// A fingerprint of the three CSV files (64-bit FNV-1a), to check that native and
    /// WebAssembly builds generate the same bytes.
    pub fn fingerprint(&self) -> u64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in [&self.areas_csv, &self.schools_csv, &self.enrollment_csv].iter().flat_map(|s| s.bytes()) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        hash
    }

    /// A student-level file (`student_id, area_id, school_id, parent_education,
    /// household_income`), one row per student, giving exactly the area×school counts of
    /// `enrollment_csv`. The two family items are synthetic, drawn around the area's SES (a
    /// student's family is like its neighbours, with as much again of its own): the highest
    /// level of school a parent finished ([`DEMO_EDUCATION_LEVELS`]) and the household's income
    /// in dollars, each left blank by some families, as self-reported answers are.
    pub fn students_csv(&self) -> String {
        let mut out = String::from("student_id,area_id,school_id,parent_education,household_income\n");
        // A stream of its own, so the areas, schools and enrollment stay as they were.
        let mut rng = StdRng::seed_from_u64(self.seed ^ 0x5EED_F00D_CAFE_0001);
        let mut next = 1u64;
        for &(a, s, c) in &self.counts {
            let latent = self.latent[a as usize];
            for _ in 0..c {
                let (education, income) = family_answers(&mut rng, latent);
                out.push_str(&format!(
                    "ST{next:07},{},{},{},{}\n",
                    self.area_ids[a as usize],
                    self.school_ids[s as usize],
                    education.map_or("", |e| DEMO_EDUCATION_LEVELS[e]),
                    income.map_or(String::new(), |i| format!("{i:.0}"))
                ));
                next += 1;
            }
        }
        out
    }

    /// The three files and the students file, read as the app and the CLI read them: the
    /// data a formula with a student part runs on.
    ///
    /// # Errors
    /// None for generated files; the reader's errors otherwise.
    pub fn dataset_with_students(&self) -> Result<Dataset> {
        let areas = Areas::parse("areas.csv", self.areas_csv.as_bytes())?;
        let schools = Schools::parse("schools.csv", self.schools_csv.as_bytes(), &SchoolColumns::default())?;
        let ids = areas.table().id_column("area_id", Purpose::AreaId)?;
        let table = Table::parse("students.csv", self.students_csv().as_bytes())?;
        let enrollment = Enrollment::from_students(&table, &EnrollmentColumns::default(), &ids, &schools)?;
        Ok(Dataset { areas, schools: Some((schools, enrollment)) })
    }
}

/// The demo's answers to "the highest level of school a parent finished", lowest first.
pub const DEMO_EDUCATION_LEVELS: [&str; 5] =
    ["Less than high school", "High school diploma", "Some college", "Bachelor's degree", "Graduate degree"];

/// One family's answers: a level of [`DEMO_EDUCATION_LEVELS`] and an income in dollars
/// (rounded to hundreds), each blank for some families.
fn family_answers(rng: &mut StdRng, area_latent: f64) -> (Option<usize>, Option<f64>) {
    let own = 0.75 * area_latent + 0.65 * normal(rng);
    let education = {
        let z = own + 0.4 * normal(rng);
        let level = [-1.1, -0.3, 0.35, 1.0].iter().filter(|&&cut| z > cut).count();
        (rng.random::<f64>() >= 0.07).then_some(level)
    };
    let income = {
        let z = own + 0.4 * normal(rng);
        // About $60,000 at the middle, a spread of about $30,000, never below $6,000.
        let dollars = (62_000.0 + 30_000.0 * z + 6_000.0 * z * z.abs()).max(6_000.0);
        (rng.random::<f64>() >= 0.14).then_some(round_to(dollars, 100.0))
    };
    (education, income)
}

/// A fingerprint (64-bit FNV-1a) of every student's SES in the demo under
/// [`demo_family_formula`]: the bytes `ses students` writes for the demo's files.
pub fn demo_students_fingerprint() -> u64 {
    let district = DemoDistrict::default_district();
    let Ok(data) = district.dataset_with_students() else { return 0 };
    let formula = demo_family_formula();
    let Ok(prepared) = crate::model::Prepared::new(&data, &formula) else { return 0 };
    let Ok(evaluation) = prepared.evaluate(&data, &formula, crate::model::RankBy::default(), None) else { return 0 };
    let Some((schools, _)) = &data.schools else { return 0 };
    let text = crate::export::students_csv(&prepared, &formula, schools, &evaluation).unwrap_or_default();
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash: u64, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// [`demo_students_fingerprint`] of the default district: checked natively and in the
/// browser.
pub const DEMO_STUDENTS_FINGERPRINT: u64 = 7_688_893_750_831_999_117;

/// The name of the demo's formula with a student part.
pub const DEMO_FAMILY_NAME: &str = "Area and family, half each";

/// The demo's five census factors for the area, and the family's answers (parent education,
/// household income), half each: the shape Charlotte-Mecklenburg is reported to use, a
/// neighbourhood part and a family part. A student who answered nothing gets the area's score;
/// tiers are of equal numbers of students.
pub fn demo_family_formula() -> Formula {
    let item = |column: &str, question: &str, levels: Option<Vec<String>>| FamilyItem {
        column: column.into(),
        direction: Direction::Advantage,
        weight: 50.0,
        enabled: true,
        levels,
        question: Some(question.into()),
    };
    let family = vec![
        item(
            "parent_education",
            "What is the highest level of school a parent or guardian finished?",
            Some(DEMO_EDUCATION_LEVELS.iter().map(|l| (*l).to_owned()).collect()),
        ),
        item("household_income", "What is your household's yearly income, in dollars?", None),
    ];
    let base = demo_formula();
    Formula {
        version: FORMULA_VERSION_GROUPS,
        name: DEMO_FAMILY_NAME.into(),
        student: Some(StudentPart::half_and_half(family, base.tiers.count)),
        ..base
    }
}

/// A city about 30 km × 24 km.
const CITY_KM: (f64, f64) = (30.0, 24.0);

/// The demo's areas: where each is, its hidden SES, its children, and its row of the areas
/// file.
struct DemoAreas {
    points: Vec<(f64, f64)>,
    /// Each area's SES on a standard scale (what its indicators are drawn around).
    latent: Vec<f64>,
    children: Vec<u32>,
    ids: Vec<String>,
    csv: String,
}

impl DemoAreas {
    /// Areas scattered over the city, with an SES that varies smoothly over it (poorer to the
    /// south), and indicators drawn around it.
    fn generate(rng: &mut StdRng, size: DemoSize) -> DemoAreas {
        let n = size.areas.max(1) as usize;
        let (width, height) = CITY_KM;
        let ses_field = Field::random(rng, 8, width, height, (0.8, 1.6));
        let immigrant_field = Field::random(rng, 3, width, height, (0.6, 1.2));
        let points: Vec<(f64, f64)> = (0..n).map(|_| (width * rng.random::<f64>(), height * rng.random::<f64>())).collect();
        let raw: Vec<f64> = points.iter().map(|&(x, y)| ses_field.at(x, y) + 0.5 * (y / height - 0.5)).collect();
        let mean = raw.iter().sum::<f64>() / n as f64;
        let sd = (raw.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n as f64).sqrt().max(1e-9);
        let latent: Vec<f64> = raw.iter().map(|v| 0.9 * (v - mean) / sd + 0.3 * normal(rng)).collect();
        let children_mean = f64::from(size.students) / n as f64;
        let ids: Vec<String> = (1..=n).map(|i| format!("BG{i:05}")).collect();
        let mut csv = String::from(
            "area_id,median_household_income,pct_bachelors_or_higher,pct_owner_occupied,pct_single_parent,pct_other_language,school_age_children,x_km,y_km\n",
        );
        let mut children = Vec::with_capacity(n);
        for i in 0..n {
            let z = latent[i];
            let (x, y) = points[i];
            let imm = immigrant_field.at(x, y);
            let income = round_to((52_000.0 * exp_arith(0.5 * z + 0.12 * normal(rng))).clamp(11_000.0, 250_000.0), 10.0);
            let bachelors = round_to((31.0 + 17.0 * z + 5.0 * normal(rng)).clamp(1.0, 92.0), 0.1);
            let owner = round_to((47.0 + 15.0 * z + 8.0 * normal(rng)).clamp(2.0, 96.0), 0.1);
            let single = round_to((33.0 - 13.0 * z + 6.0 * normal(rng)).clamp(2.0, 88.0), 0.1);
            let language = round_to((20.0 - 6.0 * z + 18.0 * imm + 5.0 * normal(rng)).clamp(0.5, 90.0), 0.1);
            let kids =
                (children_mean * (1.0 - 0.18 * z + 0.25 * normal(rng))).clamp(0.2 * children_mean, 3.0 * children_mean).round() as u32;
            children.push(kids);
            csv.push_str(&format!("{},{income:.0},{bachelors:.1},{owner:.1},{single:.1},{language:.1},{kids},{x:.2},{y:.2}\n", ids[i]));
        }
        DemoAreas { points, latent, children, ids, csv }
    }
}

/// Schools of three levels spread over the city, each in an area of its own, with invented,
/// unique names; a few magnets per level.
fn place_schools(rng: &mut StdRng, size: DemoSize, points: &[(f64, f64)]) -> Vec<DemoSchool> {
    let n = points.len();
    let total_schools = size.schools.max(3) as usize;
    let mut school_counts = split_count(total_schools as u32, &LEVELS.map(|l| l.1));
    for c in &mut school_counts {
        *c = (*c).max(1);
    }
    let mut schools: Vec<DemoSchool> = Vec::new();
    let mut used_names = std::collections::HashSet::new();
    let mut school_sites = std::collections::HashSet::new();
    for (level_index, (level, _, _)) in LEVELS.iter().enumerate() {
        let count = school_counts[level_index] as usize;
        let magnets = (count / 12).max(usize::from(count >= 5));
        for k in 0..count {
            let magnet = k < magnets;
            // Invented names, unique; a very large district numbers the repeats.
            let mut name = String::new();
            for attempt in 0.. {
                let word = NAME_WORDS[rng.random_range(0..NAME_WORDS.len() as u32) as usize];
                let place = NAME_PLACES[rng.random_range(0..NAME_PLACES.len() as u32) as usize];
                let stem = if place.is_empty() { word.to_string() } else { format!("{word} {place}") };
                name = format!("{stem} {level}{}", if magnet { " Magnet" } else { "" });
                if attempt >= 64 {
                    name = format!("{name} {}", schools.len() + 1);
                }
                if used_names.insert(name.clone()) {
                    break;
                }
            }
            let base = [9_200.0, 9_600.0, 10_400.0][level_index];
            let funding = round_to(base + 600.0 * normal(rng) / 3.0 + if magnet { 800.0 } else { 0.0 }, 10.0);
            // Each school stands in its own area, so every school is some area's nearest.
            let at = loop {
                let a = rng.random_range(0..n as u32) as usize;
                if school_sites.insert(a) || school_sites.len() >= n {
                    break points[a];
                }
            };
            let id = format!("S{:04}", schools.len() + 1);
            schools.push(DemoSchool { id, name, level: level_index, magnet, at, funding });
        }
    }
    schools
}

/// Where each area's children go: the nearest school of their level; some (more in affluent
/// areas) to the nearest magnet of their level instead. Returns (area, school, students)
/// sorted by school then area, and each school's enrollment.
fn enrol(areas: &DemoAreas, schools: &[DemoSchool]) -> (Vec<(u32, u32, u32)>, Vec<u32>) {
    let mut counts: Vec<(u32, u32, u32)> = Vec::new();
    let mut enrollment = vec![0u32; schools.len()];
    for (i, &(x, y)) in areas.points.iter().enumerate() {
        let by_level = split_count(areas.children[i], &LEVELS.map(|l| l.2));
        let magnet_share = 0.06 + 0.04 * (areas.latent[i].clamp(-1.5, 1.5) / 1.5);
        for (level_index, &kids) in by_level.iter().enumerate() {
            let nearest = |magnet: bool| {
                schools
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.level == level_index && s.magnet == magnet)
                    .min_by(|(_, a), (_, b)| {
                        let da = (a.at.0 - x) * (a.at.0 - x) + (a.at.1 - y) * (a.at.1 - y);
                        let db = (b.at.0 - x) * (b.at.0 - x) + (b.at.1 - y) * (b.at.1 - y);
                        da.total_cmp(&db)
                    })
                    .map(|(j, _)| j)
            };
            let local = nearest(false).or_else(|| nearest(true));
            let magnet = nearest(true).filter(|m| Some(*m) != local);
            let to_magnet = if magnet.is_some() { (f64::from(kids) * magnet_share).round() as u32 } else { 0 };
            for (school, students) in [(local, kids - to_magnet), (magnet, to_magnet)] {
                if let (Some(s), true) = (school, students > 0) {
                    counts.push((i as u32, s as u32, students));
                    enrollment[s] += students;
                }
            }
        }
    }
    counts.sort_by_key(|&(a, s, _)| (s, a));
    (counts, enrollment)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Areas, Dataset, Enrollment, EnrollmentColumns, SchoolColumns, Schools};
    use crate::model::{Prepared, RankBy};
    use crate::table::Table;

    pub(crate) fn load(d: &DemoDistrict) -> Dataset {
        let areas = Areas::parse("areas.csv", d.areas_csv.as_bytes()).unwrap();
        let schools = Schools::parse("schools.csv", d.schools_csv.as_bytes(), &SchoolColumns::default()).unwrap();
        let ids = areas.table().id_column("area_id", Purpose::Indicator).unwrap();
        let e = Enrollment::from_counts(
            &Table::parse("enrollment.csv", d.enrollment_csv.as_bytes()).unwrap(),
            &EnrollmentColumns::default(),
            &ids,
            &schools,
        )
        .unwrap();
        Dataset { areas, schools: Some((schools, e)) }
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let small = DemoSize { areas: 50, schools: 12, students: 5_000 };
        assert_eq!(DemoDistrict::generate(7, small), DemoDistrict::generate(7, small));
        assert_ne!(DemoDistrict::generate(7, small).areas_csv, DemoDistrict::generate(8, small).areas_csv);
    }

    #[test]
    fn the_demo_district_bytes_are_pinned() {
        // The same constant is checked in the browser (tests/web.rs): both builds agree.
        assert_eq!(DemoDistrict::default_district().fingerprint(), DEMO_FINGERPRINT);
    }

    #[test]
    fn every_student_ses_of_the_demo_is_pinned() {
        // The same constant is checked in the browser (tests/web.rs): the app's students and
        // `ses students` agree to the bit.
        assert_eq!(demo_students_fingerprint(), DEMO_STUDENTS_FINGERPRINT);
    }

    #[test]
    fn the_family_answers_are_plausible_and_follow_the_area() {
        let d = DemoDistrict::generate(5, DemoSize { areas: 80, schools: 20, students: 20_000 });
        let data = d.dataset_with_students().unwrap();
        let f = demo_family_formula();
        let prepared = crate::model::Prepared::new(&data, &f).unwrap();
        let e = prepared.evaluate(&data, &f, crate::model::RankBy::default(), None).unwrap();
        let s = e.students.as_deref().unwrap();
        let n = s.scores.len() as f64;
        // Some families leave each question blank; most answer.
        let answered = |i: usize| prepared.students().unwrap().family()[i].answered() as f64 / n;
        assert!((0.88..0.97).contains(&answered(0)) && (0.8..0.92).contains(&answered(1)), "{} {}", answered(0), answered(1));
        // The family part follows the area part, loosely.
        let students = prepared.students().unwrap();
        let pairs: Vec<(f64, f64)> = (0..s.scores.len())
            .map(|k| (students.area_score(k, &e), students.family_score(f.student.as_ref().unwrap(), k)))
            .filter(|(a, f)| !a.is_nan() && !f.is_nan())
            .collect();
        let r = correlation(&pairs);
        assert!((0.3..0.8).contains(&r), "area and family correlate by {r}");
        // Equal numbers of students per tier, within the ties.
        let per_tier: Vec<usize> = (1..=3).map(|t| s.tiers.iter().filter(|&&x| x == t).count()).collect();
        assert!(per_tier.iter().all(|&c| (c as f64 - n / 3.0).abs() < n * 0.02), "{per_tier:?}");
        let text = d.students_csv();
        assert!(text.lines().nth(1).unwrap().split(',').count() == 5 && text.contains("Graduate degree"));
    }

    fn correlation(pairs: &[(f64, f64)]) -> f64 {
        let n = pairs.len() as f64;
        let (mx, my) = (pairs.iter().map(|p| p.0).sum::<f64>() / n, pairs.iter().map(|p| p.1).sum::<f64>() / n);
        let cov: f64 = pairs.iter().map(|(x, y)| (x - mx) * (y - my)).sum();
        let (vx, vy): (f64, f64) = (pairs.iter().map(|p| (p.0 - mx).powi(2)).sum(), pairs.iter().map(|p| (p.1 - my).powi(2)).sum());
        cov / (vx * vy).sqrt()
    }

    #[test]
    fn the_demo_boundaries_tile_the_city_one_cell_per_area_around_its_centre() {
        let d = DemoDistrict::default_district();
        let cells = voronoi_cells(&d.centres, d.extent.0, d.extent.1);
        assert_eq!(cells.len(), 600);
        let area = |c: &[(f64, f64)]| c.iter().zip(c.iter().cycle().skip(1)).map(|(a, b)| a.0 * b.1 - b.0 * a.1).sum::<f64>() / 2.0;
        let total: f64 = cells.iter().map(|c| area(c)).sum();
        assert!((total - 30.0 * 24.0).abs() < 1e-6, "the cells cover the city exactly once: {total}");
        for (cell, &(x, y)) in cells.iter().zip(&d.centres) {
            assert!(area(cell) > 0.0);
            // Inside a convex cell: on the same side of every edge.
            assert!(cell.iter().zip(cell.iter().cycle().skip(1)).all(|(a, b)| (b.0 - a.0) * (y - a.1) - (b.1 - a.1) * (x - a.0) >= -1e-9));
        }
        let geometry = crate::geometry::Boundaries::parse("areas.geojson", d.areas_geojson().as_bytes()).unwrap();
        assert_eq!(geometry.guess_id_property(d.area_ids.iter().map(String::as_str)).as_deref(), Some("area_id"));
        assert!(geometry.link("area_id", d.area_ids.iter().map(String::as_str)).features_without_data.is_empty());
        assert_eq!(d.areas_geojson(), DemoDistrict::default_district().areas_geojson());
    }

    #[test]
    fn exp_arith_is_close_to_exp() {
        for x in [-2.0, -0.5, 0.0, 0.3, 1.0, 2.5] {
            assert!((exp_arith(x) / f64::exp(x) - 1.0).abs() < 1e-4, "{x}");
        }
    }

    #[test]
    fn the_demo_district_has_the_promised_shape() {
        let d = DemoDistrict::default_district();
        let data = load(&d);
        assert_eq!(data.areas.len(), 600);
        let (schools, enrollment) = data.schools.as_ref().unwrap();
        assert_eq!(schools.len(), 170);
        for level in ["Elementary", "Middle", "High"] {
            assert!(schools.levels.iter().filter(|l| *l == level).count() >= 20, "{level}");
        }
        let kids: f64 = data.areas.table().count_column(DEMO_POPULATION, Purpose::Indicator).unwrap().iter().sum();
        assert_eq!(enrollment.total_students(), kids, "every child attends a school");
        assert_eq!(schools.enrollment.as_ref().unwrap().iter().sum::<f64>(), kids);
        let names: std::collections::HashSet<&String> = schools.names.iter().collect();
        assert_eq!(names.len(), schools.len(), "school names are unique");
    }

    #[test]
    fn indicators_are_realistic_and_correlated() {
        let d = DemoDistrict::default_district();
        let t = Table::parse("areas.csv", d.areas_csv.as_bytes()).unwrap();
        let col = |c: &str| t.numeric_column(c, Purpose::Indicator).unwrap().into_iter().map(|v| v.unwrap()).collect::<Vec<f64>>();
        let income = col("median_household_income");
        let single = col("pct_single_parent");
        let bachelors = col("pct_bachelors_or_higher");
        let min = income.iter().copied().fold(f64::MAX, f64::min);
        let max = income.iter().copied().fold(0.0, f64::max);
        assert!(min < 30_000.0 && max > 120_000.0, "income range {min}..{max}");
        let corr = |a: &[f64], b: &[f64]| {
            let n = a.len() as f64;
            let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
            let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
            let va: f64 = a.iter().map(|x| (x - ma) * (x - ma)).sum();
            let vb: f64 = b.iter().map(|y| (y - mb) * (y - mb)).sum();
            cov / (va * vb).sqrt()
        };
        assert!(corr(&income, &bachelors) > 0.6, "{}", corr(&income, &bachelors));
        assert!(corr(&income, &single) < -0.6, "{}", corr(&income, &single));
    }

    #[test]
    fn equal_weights_and_three_tiers_show_strong_segregation() {
        let d = DemoDistrict::default_district();
        let data = load(&d);
        let f = demo_formula();
        let e = Prepared::new(&data, &f).unwrap().evaluate(&data, &f, RankBy::default(), None).unwrap();
        let shares: Vec<f64> = e.schools.iter().map(|s| s.tier_share(1).unwrap()).collect();
        assert!(shares.iter().any(|s| *s > 0.9), "a school with over 90% tier 1");
        assert!(shares.iter().filter(|s| **s == 0.0).count() >= 3, "schools with no tier-1 students");
    }

    #[test]
    fn the_student_file_gives_the_same_counts() {
        let d = DemoDistrict::generate(3, DemoSize { areas: 40, schools: 9, students: 2_000 });
        let data = load(&d);
        let (schools, counts) = data.schools.as_ref().unwrap();
        let ids = data.areas.table().id_column("area_id", Purpose::Indicator).unwrap();
        let students = Table::parse("students.csv", d.students_csv().as_bytes()).unwrap();
        let from_students = Enrollment::from_students(&students, &EnrollmentColumns::default(), &ids, schools).unwrap();
        assert_eq!(from_students.entries, counts.entries);
        assert!(from_students.student_level && !counts.student_level);
    }
}
