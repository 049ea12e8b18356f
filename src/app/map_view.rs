//! The map of the app's current result: the adapters from the app's state to the map's fills
//! and drawing ([`crate::app::map`] itself knows nothing of the app's state).

use crate::app::i18n::Lang;
use crate::app::map::{FillInput, MapColour, fill, svg};
use crate::app::state::AppState;

impl<'a> FillInput<'a> {
    /// The app's current result, compared with its baseline.
    pub fn current(app: &'a AppState, lang: Lang) -> FillInput<'a> {
        FillInput { evaluation: &app.current.evaluation, comparison: &app.comparison, table: app.data.dataset.areas.table(), lang }
    }
}

/// Why the map could not be drawn as SVG.
#[derive(Debug, Clone, PartialEq)]
pub enum MapNotDrawn {
    /// The colouring asked for cannot be computed on this data.
    Fill(crate::engine::EngineError),
    /// The drawing library failed (its own reason, not a person's to act on).
    Drawing(String),
}

/// The current result's map as labelled SVG (title, legend, one `<path>` per boundary), as the
/// app exports it and the printable page shows it; `None` without boundaries.
pub fn map_svg(app: &AppState, colour: &MapColour, lang: Lang) -> Option<std::result::Result<String, MapNotDrawn>> {
    let map = app.data.map.as_ref()?;
    Some(
        fill(map, colour, &FillInput::current(app, lang))
            .map_err(MapNotDrawn::Fill)
            .and_then(|fill| svg(map, &fill, &app.data.label_in(lang)).map_err(MapNotDrawn::Drawing)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::map::*;
    use crate::app::map_svg::TaggedSvg;
    use crate::app::state::{Action, LoadedData};

    fn demo_state() -> AppState {
        AppState::new(LoadedData::demo().unwrap(), None).unwrap()
    }

    fn fill_of(state: &AppState, colour: &MapColour) -> MapFill {
        fill(state.data.map.as_ref().unwrap(), colour, &FillInput::current(state, Lang::En)).unwrap()
    }

    #[test]
    fn a_weight_step_keeps_the_palette_so_only_changed_areas_are_repainted() {
        let state = demo_state();
        let mut moved = state.clone();
        let mut tiers_changed = 0;
        for weight in 21..=40 {
            let next = moved.apply(Action::SetWeight(0, f64::from(weight)));
            let (before, after) = (fill_of(&moved, &MapColour::Tier), fill_of(&next, &MapColour::Tier));
            assert!(after.same_palette(&before), "tier colours stay at weight {weight}");
            if after.classes.iter().map(|c| c.count).ne(before.classes.iter().map(|c| c.count)) {
                tiers_changed += 1;
            }
            let (before, after) = (fill_of(&moved, &MapColour::Score), fill_of(&next, &MapColour::Score));
            assert!(after.same_palette(&before), "score colours stay at weight {weight}");
            moved = next;
        }
        assert!(tiers_changed > 0, "some steps move areas between tiers, so the counts differ");
        let (tiers, scores) = (fill_of(&state, &MapColour::Tier), fill_of(&state, &MapColour::Score));
        assert!(!tiers.same_palette(&scores), "another colouring is another palette");
    }

    #[test]
    fn the_demo_map_colours_every_area_by_its_tier() {
        let state = demo_state();
        let map = state.data.map.as_ref().unwrap();
        assert_eq!(map.links.property, "area_id");
        assert!(Lang::En.map_lines(&map.match_report(state.current.prepared.ids())).is_empty());
        let fill = fill_of(&state, &MapColour::Tier);
        assert_eq!(fill.no_data, 0);
        assert_eq!(fill.classes.iter().map(|c| c.count).sum::<usize>(), 600);
        for (f, tier) in fill.tier_of.iter().enumerate() {
            let area = map.links.area_of[f].unwrap();
            assert_eq!(*tier, state.current.evaluation.areas.of(area).tier);
        }
        assert!(fill.legend_text().starts_with("Tier of each area. Tier 1 (lowest SES): "));
        // Each demo school stands at the centre of an area, so inside that area's bounds.
        assert_eq!(map.schools.len(), 170);
        let (w, h) = (MAP_WIDTH as f32, map.height() as f32);
        assert!(map.schools.iter().all(|s| (0.0..=w).contains(&s.at[0]) && (0.0..=h).contains(&s.at[1])));
    }

    #[test]
    fn a_weight_change_recolours_the_change_map_with_stripes_for_areas_that_moved() {
        let state = demo_state().apply(Action::SetWeight(0, 100.0));
        let change = fill_of(&state, &MapColour::Change);
        let moved = state.comparison.areas_changing_tier();
        assert!(moved > 0);
        let striped: usize = change.classes.iter().filter(|c| c.marking == Marking::Striped).map(|c| c.count).sum();
        assert_eq!(striped, moved);
        assert_eq!(change.changed_count(), moved);
        let tiers = fill_of(&state, &MapColour::Tier);
        assert_eq!(tiers.changed_count(), moved, "the tier map stripes the areas that changed tier");
        assert!(tiers.legend_text().ends_with(&format!("striped: tier changed against the baseline: {moved}.")));
        let score = fill_of(&state, &MapColour::Score);
        assert_eq!(score.classes.len(), 5);
        assert_eq!(score.classes.iter().map(|c| c.count).sum::<usize>(), 600);
        let income = fill_of(&state, &MapColour::Column("median_household_income".into()));
        assert!(income.classes[0].label.contains(','), "thousands separators: {}", income.classes[0].label);
        let map = state.data.map.as_ref().unwrap();
        assert!(
            fill(map, &MapColour::Column("nope".into()), &FillInput::current(&state, Lang::En))
                .unwrap_err()
                .to_string()
                .contains("no column \"nope\"")
        );
    }

    #[test]
    fn arrow_keys_reach_the_nearest_area_in_their_direction_and_every_area_is_reachable() {
        let state = demo_state();
        let map = state.data.map.as_ref().unwrap();
        let start = 0;
        let right = map.neighbour(start, Direction::Right).unwrap();
        assert!(map.projected.features[right].centre[0] > map.projected.features[start].centre[0]);
        // Walking in all four directions from one area reaches all of them.
        let seen = map.reachable_by_arrows(start);
        assert!(seen.iter().all(|s| *s), "{} areas cannot be reached by arrows", seen.iter().filter(|s| !**s).count());
        assert!(
            Lang::En
                .map_summary(&map.match_report(state.current.prepared.ids()))
                .starts_with("Map: 600 boundaries from areas.geojson (600 matched to the data's areas by \"area_id\").")
        );
    }

    #[test]
    fn the_drawn_map_has_one_tagged_path_per_feature_and_a_legend() {
        let state = demo_state();
        let map = state.data.map.as_ref().unwrap();
        let fill = fill_of(&state, &MapColour::Tier);
        let svg = TaggedSvg::render(drawn_size(map), |root, tag| draw_map(root, map, &fill, "Synthetic demo district", tag)).unwrap();
        assert_eq!(svg.matches("<path ").count(), 600);
        assert_eq!(svg.matches("data-tier=\"1\"").count(), fill.classes[0].count);
        assert!(svg.contains("data-id=\"BG00001\""));
        assert!(svg.contains(">Tier 1 (lowest SES) ("), "legend with counts");
        assert!(svg.contains(">School (170)</text>"), "the schools are points");
        assert_eq!(map_svg(&state, &MapColour::Tier, Lang::En).unwrap().unwrap(), svg, "the app's export is this drawing");
    }
}
