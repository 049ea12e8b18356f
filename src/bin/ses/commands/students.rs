//! `ses students`: each student's area score, family score, score and tier under a formula
//! with a student part, as CSV; the students left out, one line each on stderr.

use ses_explorer::engine::dataset::{Dataset, Enrollment, EnrollmentColumns, SchoolColumns, Schools};
use ses_explorer::engine::error::{EngineError, Purpose, SettingsProblem};
use ses_explorer::engine::export::students_csv;
use ses_explorer::engine::model::{Prepared, RankBy, StudentLeftOutReason};
use ses_explorer::engine::table::Table;

use crate::args::StudentsArgs;
use crate::input::{Failure, display_name, read, read_formula_or_scenario};
use crate::output::write_output;

pub fn run(args: &StudentsArgs) -> Result<(), Failure> {
    let common = &args.common;
    let input = read_formula_or_scenario(&common.formula)?;
    let formula = input.formula;
    let areas = common.read_areas(None)?;
    let area_ids = areas.table().id_column(&formula.id_column, Purpose::AreaIdOfFormula)?;
    let table = Table::parse(&display_name(&args.students), &read(&args.students)?)?;
    let school_columns = SchoolColumns { id: args.school_id_column.clone(), ..SchoolColumns::default() };
    let schools = match &args.schools {
        Some(path) => Schools::parse(&display_name(path), &read(path)?, &school_columns)?,
        None => schools_named_in(&table, &args.school_id_column)?,
    };
    let columns = EnrollmentColumns {
        area: args.area_column.clone(),
        school: args.school_id_column.clone(),
        student: args.student_id_column.clone(),
        ..EnrollmentColumns::default()
    };
    let enrollment = Enrollment::from_students(&table, &columns, &area_ids, &schools)?;
    let data = Dataset { areas, schools: Some((schools, enrollment)) };
    if formula.student.is_none() {
        return Err(EngineError::from(SettingsProblem::StudentPartNeedsStudents).into());
    }
    let prepared = Prepared::new(&data, &formula)?;
    let evaluation = prepared.evaluate(&data, &formula, RankBy::default(), None)?;
    for exclusion in prepared.exclusions() {
        eprintln!("left out: {exclusion}");
    }
    if let Some(students) = prepared.students() {
        for s in students.left_out() {
            let why = match s.reason {
                StudentLeftOutReason::AreaNotScored => "their area is not scored",
                StudentLeftOutReason::NoFamilyAnswer => "no family item answered",
            };
            eprintln!("student left out: {}: row {} (id {}): {why}", s.file, s.row, s.id);
        }
    }
    let (schools, _) = data.schools.as_ref().expect("read above");
    let text = students_csv(&prepared, &formula, schools, &evaluation).expect("a student part, checked above");
    write_output(common.out.as_deref(), &text)
}

/// Schools named by the students file itself, in order of first appearance.
fn schools_named_in(table: &Table, column: &str) -> Result<Schools, Failure> {
    let cells = table.cells(column, Purpose::SchoolOfStudent)?;
    let mut seen = std::collections::HashSet::new();
    let ids: Vec<String> = (0..cells.len()).map(|i| cells.get(i).trim().to_owned()).filter(|id| seen.insert(id.clone())).collect();
    Ok(Schools { file: table.file().into(), names: ids.clone(), levels: vec![String::new(); ids.len()], ids, ..Schools::default() })
}
