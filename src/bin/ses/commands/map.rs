//! `ses map`: the map of the areas as SVG, the same drawing as the app's.

use ses_explorer::app::i18n::Lang;
use ses_explorer::app::map::{AreaMap, FillInput, MapColour, fill as map_fill, svg as map_svg_of};
use ses_explorer::engine::compare::compare;
use ses_explorer::engine::dataset::Dataset;
use ses_explorer::engine::geometry::Boundaries;
use ses_explorer::engine::model::RankBy;

use crate::args::MapArgs;
use crate::evaluate::Run;
use crate::input::{Failure, display_name, formula_columns, read, read_formula_or_scenario};
use crate::output::{phase, write_output};

pub fn run(args: &MapArgs) -> Result<(), Failure> {
    let common = &args.common;
    let colour = MapColour::parse(&args.color);
    let input = read_formula_or_scenario(&common.formula)?;
    let baseline_file = common.baseline_file()?;
    if colour == MapColour::Change && baseline_file.is_none() && input.baseline.is_none() {
        return Err(Failure::ChangeNeedsBaseline);
    }
    let mut columns = formula_columns(&input, baseline_file.as_ref());
    if let MapColour::Column(c) = &colour {
        columns.push(c.clone());
    }
    let data = Dataset::areas_only(common.read_areas(Some(columns))?);
    phase("read");
    let run = Run::new(&data, baseline_file, input, RankBy::Tier1Share, None)?;
    let evaluation = &run.current.evaluation;
    let ids = run.current.prepared.ids();
    // Without a baseline, the result against itself: no area changes.
    let comparison = compare(run.baseline.as_ref().map_or(evaluation, |b| &b.evaluation), evaluation)?;
    let boundaries = Boundaries::parse(&display_name(&args.geometry), &read(&args.geometry)?)?;
    phase("read boundaries");
    let area_map = AreaMap::new(boundaries, args.id_property.as_deref(), ids, None)?;
    phase("match and project");
    for line in Lang::En.map_lines(&area_map.match_report(ids)) {
        eprintln!("note: {line}");
    }
    let input = FillInput { evaluation, comparison: &comparison, table: data.areas.table(), lang: Lang::En };
    let fill = map_fill(&area_map, &colour, &input)?;
    phase("fill");
    eprintln!("{}", fill.legend_text());
    let subtitle = format!("{} · {}", display_name(&common.areas), display_name(&args.geometry));
    let svg = map_svg_of(&area_map, &fill, &subtitle).map_err(Failure::Drawing)?;
    phase("draw");
    write_output(common.out.as_deref(), &svg)
}
