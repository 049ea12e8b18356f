//! Every `ses` subcommand's output, byte for byte, on the demo district and on Chicago's
//! published tract data: scripts read these files, so a change to how the CLI is built must
//! not change a byte of what it writes. Each run's stdout, stderr and `--out` file are hashed
//! (SHA-256) and compared with `tests/golden/cli-outputs.txt`.
//!
//! A deliberate change of output is recorded with `SES_BLESS=1 cargo test --test cli_outputs`
//! and reviewed in the diff of that file.

#![cfg(not(target_arch = "wasm32"))]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// One recorded run: its name and the arguments after `ses`; `{demo}`, `{chicago}`, `{fixtures}`
/// and `{out}` stand for folders.
const RUNS: &[(&str, &str)] = &[
    ("demo score", "score --formula {demo}/formula.json --areas {demo}/areas.csv --out {out}"),
    ("demo score baseline", "score --formula {demo}/other.json --baseline {demo}/formula.json --areas {demo}/areas.csv --out {out}"),
    (
        "demo schools weighted",
        "schools --formula {demo}/formula.json --areas {demo}/areas.csv --schools {demo}/schools.csv --enrollment {demo}/enrollment.csv --pool 10000000 --method weighted-per-pupil --tier-weights 1,0.5,0 --out {out}",
    ),
    (
        "demo schools need",
        "schools --formula {demo}/formula.json --areas {demo}/areas.csv --schools {demo}/schools.csv --enrollment {demo}/enrollment.csv --method proportional-to-need --rank-by mean-score --out {out}",
    ),
    (
        "demo schools serve baseline",
        "schools --formula {demo}/other.json --baseline {demo}/formula.json --areas {demo}/areas.csv --schools {demo}/schools.csv --enrollment {demo}/enrollment.csv --method rank-and-serve --cutoff 40 --out {out}",
    ),
    (
        "demo schools students",
        "schools --formula {demo}/formula.json --areas {demo}/areas.csv --schools {demo}/schools.csv --students {demo}/students.csv --out {out}",
    ),
    (
        "demo explain",
        "explain --formula {demo}/formula.json --areas {demo}/areas.csv --schools {demo}/schools.csv --enrollment {demo}/enrollment.csv --baseline {demo}/other.json --draws 200 --spread 0.25 --seed 7 --out {out}",
    ),
    (
        "demo compare",
        "compare --formula {demo}/formula.json --other {demo}/other.json --areas {demo}/areas.csv --schools {demo}/schools.csv --enrollment {demo}/enrollment.csv --method rank-and-serve --cutoff 40 --title1-fifty-percent-levels High --out {out}",
    ),
    (
        "demo card",
        "card --formula {demo}/formula.json --areas {demo}/areas.csv --schools {demo}/schools.csv --enrollment {demo}/enrollment.csv --date 2026-11-23 --out {out}",
    ),
    ("demo card es", "card --formula {demo}/formula.json --demo --lang es --date 2026-11-23 --out {out}"),
    ("demo map tier", "map --formula {demo}/formula.json --areas {demo}/areas.csv --geometry {demo}/areas.geojson --out {out}"),
    (
        "demo map change",
        "map --formula {demo}/other.json --baseline {demo}/formula.json --areas {demo}/areas.csv --geometry {demo}/areas.geojson --color change --out {out}",
    ),
    (
        "demo map score",
        "map --formula {demo}/formula.json --areas {demo}/areas.csv --geometry {demo}/areas.geojson --color score --out {out}",
    ),
    (
        "demo students",
        "students --formula {demo}/formula-area-and-family.json --areas {demo}/areas.csv --students {demo}/students.csv --schools {demo}/schools.csv --out {out}",
    ),
    (
        "demo schools family",
        "schools --formula {demo}/formula-area-and-family.json --areas {demo}/areas.csv --schools {demo}/schools.csv --students {demo}/students.csv --out {out}",
    ),
    ("demo domains score", "score --formula {demo}/domains.json --areas {demo}/areas.csv --out {out}"),
    ("demo domains gaps score", "score --formula {demo}/domains.json --areas {demo}/gapped.csv --out {out}"),
    ("demo domains gaps explain", "explain --formula {demo}/domains.json --areas {demo}/gapped.csv --out {out}"),
    ("chicago score", "score --formula {formulas}/chicago-6-factor.json --areas {chicago}/cps-tracts-fy2015.csv --out {out}"),
    (
        "chicago explain",
        "explain --formula {formulas}/chicago-6-factor.json --areas {chicago}/cps-tracts-fy2015.csv --draws 100 --seed 3 --out {out}",
    ),
    (
        "chicago map",
        "map --formula {formulas}/chicago-6-factor.json --areas {chicago}/cps-tracts-fy2015.csv --geometry {chicago}/chicago-tracts-2010.geojson --id-property TRACT --out {out}",
    ),
    (
        "chicago card",
        "card --formula {formulas}/chicago-6-factor.json --areas {chicago}/cps-tracts-fy2015.csv --date 2026-11-23 --out {out}",
    ),
    (
        "chicago fit",
        "fit --formula {formulas}/chicago-6-factor.json --areas {chicago}/cps-tracts-fy2015.csv --published-tiers 6-Factor\u{a0}Socioeconomic\u{a0}Tier --out {out}",
    ),
    ("bad number", "score --formula {fixtures}/formula.json --areas {fixtures}/areas-bad-number.csv"),
    ("formula unknown field", "score --formula {demo}/unknown-field.json --areas {demo}/areas.csv"),
    ("formula negative weight", "score --formula {demo}/negative.json --areas {demo}/areas.csv"),
    ("formula cut short", "score --formula {demo}/cut.json --areas {demo}/areas.csv"),
    ("formula version", "score --formula {demo}/version.json --areas {demo}/areas.csv"),
    ("geometry not geojson", "map --formula {demo}/formula.json --areas {demo}/areas.csv --geometry {demo}/areas.csv --out {out}"),
    ("missing column", "score --formula {formulas}/chicago-6-factor.json --areas {demo}/areas.csv"),
    (
        "schools missing id",
        "schools --formula {demo}/formula.json --areas {demo}/areas.csv --schools {demo}/areas.csv --enrollment {demo}/enrollment.csv",
    ),
    (
        "fixture schools stdout",
        "schools --formula {fixtures}/formula.json --areas {fixtures}/areas.csv --schools {fixtures}/schools.csv --enrollment {fixtures}/enrollment.csv --pool 300",
    ),
];

fn run_all(work: &Path) -> String {
    let demo = work.join("demo");
    let made = Command::new(env!("CARGO_BIN_EXE_ses")).args(["demo", "--students", "--out-dir"]).arg(&demo).output().expect("ses runs");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    // Proposal B: the demo formula with income weighing more and scores scaled min–max.
    let formula = std::fs::read_to_string(demo.join("formula.json")).unwrap();
    let other = formula.replacen("20.0", "45.0", 1).replace("weighted_percentile", "minmax");
    assert_ne!(formula, other);
    std::fs::write(demo.join("other.json"), other).unwrap();
    // Refusals: their words are output too (scripts and people read stderr).
    std::fs::write(demo.join("unknown-field.json"), formula.replace("\"name\"", "\"nmae\"")).unwrap();
    std::fs::write(demo.join("negative.json"), formula.replacen("20.0", "-1", 1)).unwrap();
    std::fs::write(demo.join("cut.json"), &formula[..formula.len() / 2]).unwrap();
    std::fs::write(demo.join("version.json"), formula.replace("\"version\": 1", "\"version\": 7")).unwrap();
    // Formula file v2: the demo's three domains, on the demo and on a copy with gaps (a row
    // without its share of owners, a row without any value).
    std::fs::write(demo.join("domains.json"), ses_explorer::engine::demo::demo_domains_formula().to_json()).unwrap();
    let areas = std::fs::read_to_string(demo.join("areas.csv")).unwrap();
    let gapped: String = areas
        .lines()
        .enumerate()
        .map(|(n, line)| {
            let mut cells: Vec<&str> = line.split(',').collect();
            if n == 3 {
                cells[3] = "";
            }
            if n == 4 {
                cells[1..6].fill("");
            }
            cells.join(",") + "\n"
        })
        .collect();
    std::fs::write(demo.join("gapped.csv"), gapped).unwrap();
    let mut record = String::new();
    for file in
        ["areas.csv", "schools.csv", "enrollment.csv", "students.csv", "formula.json", "formula-area-and-family.json", "areas.geojson"]
    {
        let _ = writeln!(record, "demo file {file}\t{}", hex(&std::fs::read(demo.join(file)).unwrap()));
    }
    for (name, template) in RUNS {
        let out = work.join(name.replace(' ', "-"));
        let _ = std::fs::remove_file(&out);
        let args: Vec<String> = template
            .split(' ')
            .map(|a| {
                a.replace("{demo}", demo.to_str().unwrap())
                    .replace("{fixtures}", root().join("tests/fixtures").to_str().unwrap())
                    .replace("{chicago}", root().join("examples/chicago").to_str().unwrap())
                    .replace("{formulas}", root().join("assets/formulas").to_str().unwrap())
                    .replace("{out}", out.to_str().unwrap())
                    // A no-break space in a template is a space inside one argument.
                    .replace('\u{a0}', " ")
            })
            .collect();
        // Paths appear in messages and drawings; record them as placeholders so the record is the same anywhere.
        let neutral = |bytes: &[u8]| {
            String::from_utf8_lossy(bytes)
                .replace(demo.to_str().unwrap(), "{demo}")
                .replace(root().to_str().unwrap(), "{root}")
                .replace(work.to_str().unwrap(), "{work}")
        };
        let result = Command::new(env!("CARGO_BIN_EXE_ses")).args(&args).env_remove("SES_TIMINGS").output().expect("ses runs");
        let written = std::fs::read(&out).unwrap_or_default();
        let _ = writeln!(
            record,
            "{name}\texit {}\tstdout {}\tstderr {}\tout {}",
            result.status.code().unwrap_or(-1),
            hex(neutral(&result.stdout).as_bytes()),
            hex(neutral(&result.stderr).as_bytes()),
            hex(neutral(&written).as_bytes()),
        );
    }
    record
}

#[test]
fn every_subcommand_writes_the_recorded_bytes() {
    let work: PathBuf = std::env::temp_dir().join(format!("ses-cli-outputs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let record = run_all(&work);
    let golden = root().join("tests/golden/cli-outputs.txt");
    if std::env::var_os("SES_BLESS").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, &record).unwrap();
    }
    let expected = std::fs::read_to_string(&golden).expect("tests/golden/cli-outputs.txt (record it with SES_BLESS=1)");
    let _ = std::fs::remove_dir_all(&work);
    let differ: Vec<&str> =
        record.lines().zip(expected.lines()).filter(|(a, b)| a != b).map(|(a, _)| a.split('\t').next().unwrap_or("")).collect();
    assert!(differ.is_empty() && record.lines().count() == expected.lines().count(), "outputs changed: {differ:?}\n{record}");
    // Every run did something: the record is not a list of empty outputs.
    let empty = hex(b"");
    assert!(record.lines().filter(|l| l.contains("\tout ") && !l.ends_with(&empty)).count() >= 15, "{record}");
}
