//! The data a formula runs on: areas (neighbourhoods, tracts, or schools themselves), schools,
//! and enrollment (how many students from each area attend each school), read from CSV tables
//! with column names the user chooses.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::error::{EngineError, Expected, Purpose, Result};
use super::table::{Table, TextColumn};

/// Areas: the rows a formula scores. Columns are read when a formula asks for them.
#[derive(Debug, Clone, PartialEq)]
pub struct Areas {
    table: Table,
}

impl Areas {
    /// Wraps a parsed table of areas.
    pub fn new(table: Table) -> Areas {
        Areas { table }
    }

    /// Parses an areas CSV file.
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Areas> {
        Table::parse(file, bytes).map(Areas::new)
    }

    /// The underlying table.
    pub fn table(&self) -> &Table {
        &self.table
    }

    /// Number of areas (data rows).
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// True when there are no areas.
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

/// Column names in a schools file. Only `id` is required; the others are read when the file
/// has a column of that name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SchoolColumns {
    pub id: String,
    pub name: String,
    pub level: String,
    pub enrollment: String,
    pub per_pupil_funding: String,
}

impl Default for SchoolColumns {
    fn default() -> Self {
        SchoolColumns {
            id: "school_id".into(),
            name: "name".into(),
            level: "level".into(),
            enrollment: "enrollment".into(),
            per_pupil_funding: "per_pupil_funding".into(),
        }
    }
}

/// Schools: id, name, optional level, enrollment and current per-pupil funding.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schools {
    pub file: String,
    pub ids: Vec<String>,
    /// The name, or the id when the file has no name column.
    pub names: Vec<String>,
    /// Level such as "Elementary"; empty when unknown.
    pub levels: Vec<String>,
    /// Reported enrollment, when the file has it.
    pub enrollment: Option<Vec<f64>>,
    /// Current per-pupil funding in dollars, when the file has it (missing cells stay `None`).
    pub per_pupil_funding: Option<Vec<Option<f64>>>,
    /// `[longitude, latitude]` in degrees, when the file has `latitude` and `longitude`
    /// columns (for the map; a school with a blank cell is not drawn).
    pub locations: Option<Vec<Option<[f64; 2]>>>,
}

/// The first header that is one of `names`, ignoring case.
fn column_named<'a>(table: &'a Table, names: &[&str]) -> Option<&'a String> {
    table.headers().iter().find(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
}

/// School locations from `latitude`/`longitude` columns (also `lat`, `lon`, `lng`, `long`).
///
/// # Errors
/// A coordinate that is present but not a number, or outside ±90° / ±180°.
fn school_locations(table: &Table) -> Result<Option<Vec<Option<[f64; 2]>>>> {
    let (Some(lat_name), Some(lon_name)) =
        (column_named(table, &["latitude", "lat"]), column_named(table, &["longitude", "lon", "lng", "long"]))
    else {
        return Ok(None);
    };
    let lat = table.numeric_column(lat_name, Purpose::SchoolLatitude)?;
    let lon = table.numeric_column(lon_name, Purpose::SchoolLongitude)?;
    let mut out = Vec::with_capacity(lat.len());
    for (i, (la, lo)) in lat.iter().zip(&lon).enumerate() {
        let check = |v: Option<f64>, limit: f64, column: &str| match v {
            Some(x) if x.abs() > limit => Err(EngineError::InvalidValue {
                file: table.file().into(),
                row: table.row_number(i),
                column: column.to_string(),
                value: x.to_string(),
                expected: Expected::Degrees { limit },
            }),
            _ => Ok(()),
        };
        check(*la, 90.0, lat_name)?;
        check(*lo, 180.0, lon_name)?;
        out.push(la.zip(*lo).map(|(la, lo)| [lo, la]));
    }
    Ok(Some(out))
}

impl Schools {
    /// Reads schools from a table.
    ///
    /// # Errors
    /// Missing id column, empty or duplicate ids, non-numeric enrollment or funding.
    pub fn from_table(table: &Table, columns: &SchoolColumns) -> Result<Schools> {
        let ids = table.id_column(&columns.id, Purpose::SchoolId)?.to_vec();
        let names = if table.has_column(&columns.name) {
            let names = table.text_column(&columns.name, Purpose::SchoolName)?;
            names.into_iter().zip(&ids).map(|(n, id)| if n.is_empty() { id.clone() } else { n }).collect()
        } else {
            ids.clone()
        };
        let levels = if table.has_column(&columns.level) {
            table.text_column(&columns.level, Purpose::SchoolLevel)?
        } else {
            vec![String::new(); ids.len()]
        };
        let enrollment = if table.has_column(&columns.enrollment) {
            Some(table.count_column(&columns.enrollment, Purpose::SchoolEnrollment)?)
        } else {
            None
        };
        let per_pupil_funding = if table.has_column(&columns.per_pupil_funding) {
            Some(table.numeric_column(&columns.per_pupil_funding, Purpose::PerPupilFunding)?)
        } else {
            None
        };
        let locations = school_locations(table)?;
        Ok(Schools { file: table.file().into(), ids, names, levels, enrollment, per_pupil_funding, locations })
    }

    /// Parses a schools CSV file.
    pub fn parse(file: &str, bytes: &[u8], columns: &SchoolColumns) -> Result<Schools> {
        Schools::from_table(&Table::parse(file, bytes)?, columns)
    }

    /// Number of schools.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when there are no schools.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// Column names in an enrollment file: area×school counts, or one row per student.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EnrollmentColumns {
    pub area: String,
    pub school: String,
    /// Count of students (area×school files only).
    pub students: String,
    /// Student id (student-level files only; checked for duplicates).
    pub student: String,
}

impl Default for EnrollmentColumns {
    fn default() -> Self {
        EnrollmentColumns { area: "area_id".into(), school: "school_id".into(), students: "students".into(), student: "student_id".into() }
    }
}

/// One area×school count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EnrollmentEntry {
    /// Index into the areas.
    pub area: u32,
    /// Index into the schools.
    pub school: u32,
    /// Number of students living in the area and attending the school.
    pub students: f64,
}

/// How many students from each area attend each school.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Enrollment {
    pub entries: Vec<EnrollmentEntry>,
    /// True when counted from one row per student: public outputs then hide small counts
    /// ([`crate::privacy`]).
    pub student_level: bool,
    /// The students one by one, when read from a student-level file: what a formula's student
    /// part reads (family answers). Shared, not copied, between the app's states.
    pub students: Option<std::sync::Arc<StudentRows>>,
}

/// A student-level file as read: its table (for the family columns a formula names) and each
/// row's area and school.
#[derive(Debug, Clone, PartialEq)]
pub struct StudentRows {
    pub table: Table,
    /// The student id column's name.
    pub id_column: String,
    /// Per row: the area's position in the areas file.
    pub area: Vec<u32>,
    /// Per row: the school's position in the schools file.
    pub school: Vec<u32>,
}

impl StudentRows {
    /// Number of students.
    pub fn len(&self) -> usize {
        self.area.len()
    }

    pub fn is_empty(&self) -> bool {
        self.area.is_empty()
    }
}

/// Maps ids to row indices for resolving references between files.
/// FNV-1a: ids are short and come from the person's own files, so a simple fast hash serves
/// better than the standard map's, which resists attacks at a cost (two million lookups of a
/// state's students took a third of a second in the browser).
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// An enrollment file (area × school counts) or a students file (one row per student) read a
/// slice of rows at a time ([`EnrollmentReader::step`]), so that the browser stays responsive
/// through a million students; [`Enrollment::from_counts`] and [`Enrollment::from_students`]
/// read it whole.
pub struct EnrollmentReader {
    areas: HashMap<Box<str>, u32, std::hash::BuildHasherDefault<Fnv>>,
    schools: HashMap<Box<str>, u32, std::hash::BuildHasherDefault<Fnv>>,
    schools_file: String,
    columns: EnrollmentColumns,
    /// Each row's students: the counts column, or one per row of a students file.
    counts: Option<Vec<f64>>,
    /// Each row read so far: (area, school) as positions in the areas and the schools files.
    pairs: Vec<(u32, u32)>,
}

impl EnrollmentReader {
    /// Starts reading an enrollment file of area × school counts.
    ///
    /// # Errors
    /// Missing columns, counts that are not non-negative numbers.
    pub fn counts(table: &Table, columns: &EnrollmentColumns, area_ids: &TextColumn, schools: &Schools) -> Result<EnrollmentReader> {
        table.cells(&columns.area, Purpose::AreaOfCount)?;
        table.cells(&columns.school, Purpose::SchoolOfCount)?;
        let counts = table.count_column(&columns.students, Purpose::StudentCount)?;
        Ok(EnrollmentReader { counts: Some(counts), ..EnrollmentReader::new(table, columns, area_ids, schools) })
    }

    /// Starts reading a students file (one row per student: student id, area id, school id).
    ///
    /// # Errors
    /// Missing columns, an empty or duplicate student id.
    pub fn students(table: &Table, columns: &EnrollmentColumns, area_ids: &TextColumn, schools: &Schools) -> Result<EnrollmentReader> {
        table.check_ids(&columns.student, Purpose::StudentId)?;
        table.cells(&columns.area, Purpose::AreaOfStudent)?;
        table.cells(&columns.school, Purpose::SchoolOfStudent)?;
        Ok(EnrollmentReader::new(table, columns, area_ids, schools))
    }

    fn new(table: &Table, columns: &EnrollmentColumns, area_ids: &TextColumn, schools: &Schools) -> EnrollmentReader {
        let index = |ids: &mut dyn Iterator<Item = &str>| ids.enumerate().map(|(i, id)| (Box::from(id), i as u32)).collect();
        EnrollmentReader {
            areas: index(&mut area_ids.iter()),
            schools: index(&mut schools.ids.iter().map(String::as_str)),
            schools_file: schools.file.clone(),
            columns: columns.clone(),
            counts: None,
            pairs: Vec::with_capacity(table.len()),
        }
    }

    /// Reads up to `rows` more rows of `table` (the file it was started on).
    ///
    /// # Errors
    /// An area or school id that the areas or the schools file does not have.
    pub fn step(&mut self, table: &Table, rows: usize) -> Result<()> {
        let purposes = if self.counts.is_some() {
            (Purpose::AreaOfCount, Purpose::SchoolOfCount)
        } else {
            (Purpose::AreaOfStudent, Purpose::SchoolOfStudent)
        };
        let area_col = table.cells(&self.columns.area, purposes.0)?;
        let school_col = table.cells(&self.columns.school, purposes.1)?;
        let from = self.pairs.len();
        for i in from..(from + rows).min(table.len()) {
            let (area, school) = (area_col.get(i).trim(), school_col.get(i).trim());
            let unknown = |column: &str, id: &str, other: &str| EngineError::UnknownId {
                file: table.file().into(),
                row: table.row_number(i),
                column: column.trim().into(),
                id: id.into(),
                other_file: other.into(),
            };
            let a = *self.areas.get(area).ok_or_else(|| unknown(&self.columns.area, area, "the areas file"))?;
            let s = *self.schools.get(school).ok_or_else(|| unknown(&self.columns.school, school, &self.schools_file))?;
            self.pairs.push((a, s));
        }
        Ok(())
    }

    /// Rows read so far.
    pub fn rows_read(&self) -> usize {
        self.pairs.len()
    }

    /// The enrollment, once every row of `table` (the file it was started on) has been read.
    /// A students file's table is kept, for a formula's family items.
    pub fn finish(self, table: &Table) -> Enrollment {
        match &self.counts {
            Some(counts) => Enrollment::added_up(&self.pairs, |row| counts[row]),
            None => {
                let added = Enrollment::added_up(&self.pairs, |_| 1.0);
                let (area, school) = self.pairs.into_iter().unzip();
                let rows = StudentRows { table: table.clone(), id_column: self.columns.student.clone(), area, school };
                Enrollment { student_level: true, students: Some(std::sync::Arc::new(rows)), ..added }
            }
        }
    }
}

impl Enrollment {
    /// Reads area×school counts (one row per pair; pairs may repeat and are added up).
    ///
    /// # Errors
    /// Missing columns, unknown area or school ids, counts that are not non-negative numbers.
    pub fn from_counts(table: &Table, columns: &EnrollmentColumns, area_ids: &TextColumn, schools: &Schools) -> Result<Enrollment> {
        let mut reader = EnrollmentReader::counts(table, columns, area_ids, schools)?;
        reader.step(table, table.len())?;
        Ok(reader.finish(table))
    }

    /// Derives counts from a student-level file (one row per student: student id, area id,
    /// school id).
    ///
    /// # Errors
    /// Missing columns, duplicate student ids, unknown area or school ids.
    pub fn from_students(table: &Table, columns: &EnrollmentColumns, area_ids: &TextColumn, schools: &Schools) -> Result<Enrollment> {
        let mut reader = EnrollmentReader::students(table, columns, area_ids, schools)?;
        reader.step(table, table.len())?;
        Ok(reader.finish(table))
    }

    /// One entry per (area, school) pair with the rows' `amount`s added up in file order,
    /// entries sorted by (school, area) so results never depend on file order. A sort of
    /// packed keys, not a hash map: a million students in a few tens of milliseconds.
    fn added_up(pairs: &[(u32, u32)], amount: impl Fn(usize) -> f64) -> Enrollment {
        let mut keyed: Vec<(u64, u32)> =
            pairs.iter().enumerate().map(|(row, &(a, s))| ((u64::from(s) << 32) | u64::from(a), row as u32)).collect();
        keyed.sort_unstable();
        let mut entries: Vec<EnrollmentEntry> = Vec::new();
        for (key, row) in keyed {
            let (school, area) = ((key >> 32) as u32, key as u32);
            match entries.last_mut() {
                Some(last) if last.school == school && last.area == area => last.students += amount(row as usize),
                _ => entries.push(EnrollmentEntry { area, school, students: amount(row as usize) }),
            }
        }
        Enrollment { entries, student_level: false, students: None }
    }

    /// Each area is its own school (indicators given per school): one entry per area with the
    /// area's population as its students.
    pub fn one_school_per_area(population: &[f64]) -> Enrollment {
        Enrollment {
            entries: population
                .iter()
                .enumerate()
                .map(|(i, &p)| EnrollmentEntry { area: i as u32, school: i as u32, students: p })
                .collect(),
            student_level: false,
            students: None,
        }
    }

    /// Total students.
    pub fn total_students(&self) -> f64 {
        self.entries.iter().map(|e| e.students).sum()
    }
}

/// Everything one analysis runs on.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub areas: Areas,
    /// Schools and enrollment, when loaded; without them the app ranks areas.
    pub schools: Option<(Schools, Enrollment)>,
}

impl Dataset {
    /// Areas only.
    pub fn areas_only(areas: Areas) -> Dataset {
        Dataset { areas, schools: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schools() -> Schools {
        let t = Table::parse("schools.csv", b"school_id,name,level,enrollment\nA,Oak,Elementary,10\nB,,High,20\n").unwrap();
        Schools::from_table(&t, &SchoolColumns::default()).unwrap()
    }

    fn area_ids() -> TextColumn {
        ["1", "2"].into_iter().map(String::from).collect()
    }

    #[test]
    fn school_locations_are_read_from_latitude_and_longitude_columns() {
        let t = Table::parse("s.csv", b"school_id,Latitude,LON\nA,41.88,-87.63\nB,,\n").unwrap();
        let s = Schools::from_table(&t, &SchoolColumns::default()).unwrap();
        assert_eq!(s.locations, Some(vec![Some([-87.63, 41.88]), None]));
        let t = Table::parse("s.csv", b"school_id,latitude,longitude\nA,4641000,443000\n").unwrap();
        let e = Schools::from_table(&t, &SchoolColumns::default()).unwrap_err().to_string();
        assert_eq!(e, "s.csv: row 2, column \"latitude\": \"4641000\" is not valid; expected degrees between -90 and 90 (WGS 84)");
        assert_eq!(schools().locations, None);
    }

    #[test]
    fn schools_read_optional_columns_when_present() {
        let s = schools();
        assert_eq!(s.names, ["Oak", "B"]);
        assert_eq!(s.levels, ["Elementary", "High"]);
        assert_eq!(s.enrollment, Some(vec![10.0, 20.0]));
        assert_eq!(s.per_pupil_funding, None);
    }

    #[test]
    fn counts_add_up_repeated_pairs_and_sort_by_school() {
        let t = Table::parse("enr.csv", b"area_id,school_id,students\n2,B,5\n1,A,3\n2,B,1\n2,A,4\n").unwrap();
        let e = Enrollment::from_counts(&t, &EnrollmentColumns::default(), &area_ids(), &schools()).unwrap();
        let got: Vec<(u32, u32, f64)> = e.entries.iter().map(|e| (e.area, e.school, e.students)).collect();
        assert_eq!(got, [(0, 0, 3.0), (1, 0, 4.0), (1, 1, 6.0)]);
    }

    #[test]
    fn student_level_file_gives_the_same_counts() {
        let t = Table::parse("students.csv", b"student_id,area_id,school_id\ns1,2,B\ns2,1,A\ns3,2,B\ns4,2,A\n").unwrap();
        let e = Enrollment::from_students(&t, &EnrollmentColumns::default(), &area_ids(), &schools()).unwrap();
        let got: Vec<(u32, u32, f64)> = e.entries.iter().map(|e| (e.area, e.school, e.students)).collect();
        assert_eq!(got, [(0, 0, 1.0), (1, 0, 1.0), (1, 1, 2.0)]);
    }

    #[test]
    fn unknown_ids_name_row_and_file() {
        let t = Table::parse("enr.csv", b"area_id,school_id,students\n1,A,3\n9,A,1\n").unwrap();
        let err = Enrollment::from_counts(&t, &EnrollmentColumns::default(), &area_ids(), &schools()).unwrap_err();
        assert_eq!(err.to_string(), "enr.csv: row 3, column \"area_id\": \"9\" is not an id in the areas file");
        let t = Table::parse("students.csv", b"student_id,area_id,school_id\ns1,1,Z\n").unwrap();
        let err = Enrollment::from_students(&t, &EnrollmentColumns::default(), &area_ids(), &schools()).unwrap_err();
        assert_eq!(err.to_string(), "students.csv: row 2, column \"school_id\": \"Z\" is not an id in schools.csv");
    }

    #[test]
    fn duplicate_student_ids_are_errors() {
        let t = Table::parse("students.csv", b"student_id,area_id,school_id\ns1,1,A\ns1,2,B\n").unwrap();
        assert!(matches!(
            Enrollment::from_students(&t, &EnrollmentColumns::default(), &area_ids(), &schools()),
            Err(EngineError::DuplicateId { row: 3, .. })
        ));
    }
}
