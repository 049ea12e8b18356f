//! `ses card`: the formula card, byte for byte the page the app exports.

use ses_explorer::app::card::{Fingerprint, Provenance, card_html, date_from_unix_seconds};
use ses_explorer::app::i18n::Lang;
use ses_explorer::engine::table::Table;

use crate::args::CardArgs;
use crate::input::{Failure, display_name, read, read_formula_or_scenario};
use crate::output::write_output;

pub fn run(args: &CardArgs) -> Result<(), Failure> {
    let input = read_formula_or_scenario(&args.formula)?;
    let provenance = if args.demo {
        Provenance::Demo { seed: args.seed }
    } else {
        let mut files = Vec::new();
        for path in [&args.areas, &args.schools, &args.enrollment, &args.students].into_iter().flatten() {
            let bytes = read(path)?;
            let name = path.file_name().map_or_else(|| display_name(path), |n| n.to_string_lossy().into_owned());
            let rows = Table::parse(&display_name(path), &bytes)?.len();
            files.push(Fingerprint::of(&name, &bytes, rows));
        }
        if files.is_empty() { Provenance::None } else { Provenance::Files(files) }
    };
    let date = match &args.date {
        Some(d)
            if d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-' && d.bytes().filter(u8::is_ascii_digit).count() == 8 =>
        {
            d.clone()
        }
        Some(d) => return Err(Failure::NotADate(d.clone())),
        None => {
            let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
            date_from_unix_seconds(seconds)
        }
    };
    let Some(lang) = Lang::from_code(&args.lang) else {
        let known = Lang::ALL.iter().map(|l| l.code()).collect::<Vec<_>>().join(", ");
        return Err(Failure::UnknownLanguage { given: args.lang.clone(), known });
    };
    let html =
        card_html(&input.formula, &input.allocation.unwrap_or_default(), input.rank_by.unwrap_or_default(), &provenance, &date, lang);
    write_output(args.out.as_deref(), &html)
}
