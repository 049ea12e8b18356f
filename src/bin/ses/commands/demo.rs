//! `ses demo`: the synthetic demo district (the app's default data) as files.

use std::path::Path;

use ses_explorer::engine::demo::{DemoDistrict, DemoSize, demo_family_formula, demo_formula};

use crate::input::Failure;
use crate::output::write_output;

pub fn run(dir: &Path, students: bool, seed: u64) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).map_err(|source| Failure::CannotCreateFolder { path: dir.to_owned(), source })?;
    let district = DemoDistrict::generate(seed, DemoSize::DISTRICT);
    let mut files = vec![
        ("areas.csv", district.areas_csv.clone()),
        ("schools.csv", district.schools_csv.clone()),
        ("enrollment.csv", district.enrollment_csv.clone()),
        ("formula.json", demo_formula().to_json() + "\n"),
        ("areas.geojson", district.areas_geojson()),
    ];
    if students {
        files.push(("students.csv", district.students_csv()));
        files.push(("formula-area-and-family.json", demo_family_formula().to_json() + "\n"));
    }
    for (name, text) in files {
        write_output(Some(&dir.join(name)), &text)?;
    }
    eprintln!("wrote the synthetic demo district (seed {seed}) to {}", dir.display());
    Ok(())
}
