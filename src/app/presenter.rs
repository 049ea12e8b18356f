//! What the presenter's screen shows and how its keys work, as plain Rust: the schools at the
//! top and bottom of the ranking with their changes, the keys of a board meeting (and of a
//! presentation clicker, which sends arrow and Page keys), and the share link as a QR code so
//! the room can open the same scenario on their phones (formula and settings only, never data).

use qrcode::{EcLevel, QrCode};

use crate::app::i18n::{Lang, catalogue as m};
use crate::app::presets::{Preset, formula_title};
use crate::app::scenario::{Pinned, SavedScenario, Scenario};
use crate::app::state::{AppState, Computed};
use crate::engine::formula::Formula;
use crate::engine::model::Evaluation;
use crate::engine::table::Table;

/// What a key does in presenter mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresenterKey {
    /// The next saved scenario (→, Page Down, a clicker's "next").
    Next,
    /// The previous saved scenario (←, Page Up).
    Previous,
    /// Show the baseline instead of the scenario, or back (B).
    ToggleBaseline,
    /// Show chart n (1–9, counted from 0 here).
    Chart(usize),
    /// Full screen on or off (F).
    FullScreen,
    /// Leave presenter mode (Esc).
    Leave,
}

/// The action of a key (`KeyboardEvent.key`), if it has one.
pub fn key_action(key: &str) -> Option<PresenterKey> {
    Some(match key {
        "ArrowRight" | "PageDown" | "ArrowDown" | " " => PresenterKey::Next,
        "ArrowLeft" | "PageUp" | "ArrowUp" => PresenterKey::Previous,
        "b" | "B" => PresenterKey::ToggleBaseline,
        "f" | "F" => PresenterKey::FullScreen,
        "Escape" => PresenterKey::Leave,
        k if k.len() == 1 && ('1'..='9').contains(&k.chars().next()?) => PresenterKey::Chart(usize::from(k.as_bytes()[0] - b'1')),
        _ => return None,
    })
}

/// One line of the presenter's ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct RankLine {
    pub rank: u32,
    pub name: String,
    /// Places moved against the other side (positive = up, towards higher need).
    pub change: i64,
    pub tier1_share: Option<f64>,
    /// Cents of allocation under what is shown.
    pub cents: Option<i64>,
    /// Cents of allocation gained against the other side.
    pub cents_change: Option<i64>,
}

/// How many digits the table's widest rank and widest move have (0 when nothing moved), so
/// that their columns are as wide as the numbers shown: a district's three-digit ranks leave
/// the names more room than a state's six.
pub fn digits_shown<'a>(lines: impl Iterator<Item = &'a RankLine> + Clone) -> (usize, usize) {
    let digits = |n: u64| n.checked_ilog10().map_or(1, |d| d as usize + 1);
    let rank = lines.clone().map(|l| digits(u64::from(l.rank))).max().unwrap_or(1);
    let moved = lines.filter(|l| l.change != 0).map(|l| digits(l.change.unsigned_abs())).max().unwrap_or(0);
    (rank, moved)
}

/// The `n` schools (or areas, without schools) of highest need and of lowest need in `shown`,
/// with their change against `other`.
pub fn top_and_bottom(app: &AppState, shown: &Evaluation, other: &Evaluation, n: usize) -> (Vec<RankLine>, Vec<RankLine>) {
    // Only the 2n lines shown are written out: a state has a quarter million areas.
    let (top, bottom) = match app.data.schools() {
        Some(_) => ends(shown.school_order().into_iter(), n),
        None => ends(shown.areas.in_rank_order().iter().map(|&a| a as usize), n),
    };
    let line = |i: usize| match app.data.schools() {
        Some(schools) => {
            let (s, o) = (&shown.schools[i], &other.schools[i]);
            RankLine {
                rank: s.rank,
                name: schools.names[i].clone(),
                change: i64::from(o.rank) - i64::from(s.rank),
                tier1_share: s.tier_share(1),
                cents: s.allocation_cents,
                cents_change: s.allocation_cents.zip(o.allocation_cents).map(|(a, b)| a - b),
            }
        }
        None => RankLine {
            rank: shown.areas.of(i).rank.unwrap_or(0),
            name: app.current.prepared.ids().get(i).to_string(),
            change: match (other.areas.of(i).rank, shown.areas.of(i).rank) {
                (Some(o), Some(s)) => i64::from(o) - i64::from(s),
                _ => 0,
            },
            tier1_share: None,
            cents: None,
            cents_change: None,
        },
    };
    (top.into_iter().map(line).collect(), bottom.into_iter().map(line).collect())
}

/// The first and the last `n` of `ranked`.
fn ends(ranked: impl ExactSizeIterator<Item = usize> + Clone, n: usize) -> (Vec<usize>, Vec<usize>) {
    let len = ranked.len();
    (ranked.clone().take(n).collect(), ranked.skip(len.saturating_sub(n)).collect())
}

/// The title of what the presenter shows: a saved scenario by its name, else the formula's
/// title; either marked "(edited)" when what is shown is no longer what that name stands for
/// (a bundled formula of the same name for this data, or the saved scenario's formula).
pub fn presenter_title(shown: &Formula, areas: &Table, saved: Option<(&str, &Formula)>, lang: Lang) -> String {
    let (title, edited) = match saved {
        Some((name, formula)) => (name.to_owned(), formula != shown),
        None if shown.name.is_empty() => (lang.t(m::CUSTOM_FORMULA).to_owned(), false),
        None => {
            let named = Preset::ALL.into_iter().filter_map(|p| p.formula_for(areas)).find(|f| f.name == shown.name);
            (formula_title(&shown.name, lang), named.is_some_and(|f| f != *shown))
        }
    };
    if edited { lang.fill(m::TITLE_EDITED, &[("title", &title)]) } else { title }
}

/// The side of the comparison presenter mode shows, whole: title, table, figures, map, need
/// chart and QR code all follow it (B switches between them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Side {
    /// The scenario being proposed (A).
    #[default]
    Scenario,
    /// The baseline it is compared with (B).
    Baseline,
}

impl Side {
    /// The other side (what B switches to).
    pub fn flipped(self) -> Side {
        match self {
            Side::Scenario => Side::Baseline,
            Side::Baseline => Side::Scenario,
        }
    }

    /// What this side shows, and the other side it is compared with.
    pub fn of(self, app: &AppState) -> (&Computed, &Computed) {
        match self {
            Side::Scenario => (&app.current, &app.baseline),
            Side::Baseline => (&app.baseline, &app.current),
        }
    }
}

/// The saved scenario the screen is showing, when it shows one unchanged: the one the
/// presenter stepped to, else the most recently saved whose formula and money settings are
/// the scenario's (a presenter who saves "Board proposal" and then presents sees that name).
pub fn saved_on_screen<'a>(app: &AppState, saved: &'a [SavedScenario], stepped_to: Option<usize>) -> Option<&'a SavedScenario> {
    stepped_to.and_then(|p| saved.get(p)).or_else(|| {
        saved
            .iter()
            .filter(|s| s.scenario.formula == app.current.formula && s.scenario.allocation == app.current.allocation)
            .max_by(|a, b| a.saved_at.cmp(&b.saved_at))
    })
}

/// The scenario a phone opens from the presenter's QR code: the side on screen as its formula,
/// named as the screen's title names it when that is a saved scenario's name, so the room sees
/// what the presenter sees. The baseline side opens as itself, unchanged.
pub fn side_scenario(app: &AppState, side: Side, saved_name: Option<&str>) -> Scenario {
    let mut scenario = match side {
        Side::Scenario => app.to_scenario(),
        Side::Baseline => {
            let pinned = Pinned { formula: app.baseline.formula.clone(), allocation: app.baseline.allocation.clone() };
            Scenario { stability: app.stability, ..Scenario::new(pinned.formula.clone(), pinned.allocation.clone(), app.rank_by, pinned) }
        }
    };
    if let Some(name) = saved_name {
        scenario.formula.name = name.to_owned();
    }
    scenario
}

/// A link too long for a QR code, by its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLongForQr {
    pub characters: usize,
}

/// The QR code of `text` as SVG: dark modules as one path in a `size × size` grid that
/// includes a four-module quiet zone.
///
/// # Errors
/// The text is too long for a QR code (about 2,900 bytes): its length.
pub fn qr_svg(text: &str) -> Result<String, TooLongForQr> {
    let code =
        QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).map_err(|_| TooLongForQr { characters: text.chars().count() })?;
    let width = code.width();
    let size = width + 8;
    let colors = code.to_colors();
    let mut d = String::with_capacity(width * width * 6);
    for y in 0..width {
        for x in 0..width {
            if colors[y * width + x] == qrcode::Color::Dark {
                d.push_str(&format!("M{} {}h1v1h-1z", x + 4, y + 4));
            }
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" data-modules=\"{size}\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{d}\" fill=\"#000\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::app::state::{Action, LoadedData};

    #[test]
    fn the_widest_rank_and_move_give_their_columns_widths() {
        let line = |rank, change| RankLine { rank, name: String::new(), change, tier1_share: None, cents: None, cents_change: None };
        assert_eq!(digits_shown([line(1, 0), line(170, -12)].iter()), (3, 2));
        assert_eq!(digits_shown([line(99_996, 1841), line(100_000, 0)].iter()), (6, 4));
        assert_eq!(digits_shown([line(5, 0)].iter()), (1, 0));
    }

    #[test]
    fn keys_of_a_board_meeting_and_a_clicker() {
        assert_eq!(key_action("PageDown"), Some(PresenterKey::Next));
        assert_eq!(key_action("ArrowLeft"), Some(PresenterKey::Previous));
        assert_eq!(key_action("b"), Some(PresenterKey::ToggleBaseline));
        assert_eq!(key_action("3"), Some(PresenterKey::Chart(2)));
        assert_eq!(key_action("0"), None);
        assert_eq!(key_action("Escape"), Some(PresenterKey::Leave));
        assert_eq!(key_action("F"), Some(PresenterKey::FullScreen));
    }

    #[test]
    fn the_title_says_when_what_is_shown_was_edited() {
        let app = AppState::new(LoadedData::demo().unwrap(), None).unwrap();
        let areas = app.data.dataset.areas.table();
        let formula = &app.current.formula;
        assert_eq!(presenter_title(formula, areas, None, Lang::En), "Five census factors, equal weights, 3 tiers");
        let edited = app.clone().apply(Action::SetWeight(0, 60.0));
        assert_eq!(presenter_title(&edited.current.formula, areas, None, Lang::En), "Five census factors, equal weights, 3 tiers (edited)");
        assert_eq!(
            presenter_title(&edited.current.formula, areas, None, Lang::Es),
            "Cinco factores del censo, pesos iguales, 3 niveles (modificada)"
        );
        let saved = edited.current.formula.clone();
        assert_eq!(presenter_title(&saved, areas, Some(("Income first", &saved)), Lang::En), "Income first");
        let later = edited.apply(Action::SetWeight(1, 0.0));
        assert_eq!(presenter_title(&later.current.formula, areas, Some(("Income first", &saved)), Lang::En), "Income first (edited)");
        let mut own = formula.clone();
        own.name = "Board proposal B".into();
        assert_eq!(presenter_title(&own, areas, None, Lang::En), "Board proposal B", "an author's own name is shown as given");
    }

    #[test]
    fn the_top_and_bottom_schools_with_their_changes() {
        let app = AppState::new(LoadedData::demo().unwrap(), None).unwrap().apply(Action::SetWeight(0, 100.0));
        let (top, bottom) = top_and_bottom(&app, &app.current.evaluation, &app.baseline.evaluation, 5);
        assert_eq!(top.iter().map(|l| l.rank).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
        assert_eq!(bottom.iter().map(|l| l.rank).collect::<Vec<_>>(), [166, 167, 168, 169, 170]);
        let changes = &app.comparison.school_rank_change;
        let i = app.current.evaluation.schools.iter().position(|s| s.rank == 1).unwrap();
        assert_eq!(top[0].change, changes[i]);
        assert_eq!(top[0].name, app.data.schools().unwrap().names[i]);
    }

    /// Reads the drawn QR code back (the reader is a native test dependency): the SVG's dark modules onto a pixel grid, decoded by a
    /// separate QR reader. Returns the text and the QR version.
    #[cfg(not(target_arch = "wasm32"))]
    fn read_qr(svg: &str) -> (String, usize) {
        let size: usize = svg.split("data-modules=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        let path = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
        let scale = 4;
        let mut dark = vec![false; size * size];
        for module in path.split('M').filter(|m| !m.is_empty()) {
            let xy: Vec<usize> = module.trim_end_matches("h1v1h-1z").split(' ').map(|n| n.parse().unwrap()).collect();
            dark[xy[1] * size + xy[0]] = true;
        }
        let pixels = size * scale;
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(pixels, pixels, |x, y| if dark[(y / scale) * size + x / scale] { 0 } else { 255 });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code found");
        let (meta, text) = grids[0].decode().unwrap();
        (text, meta.version.0)
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn a_share_link_fits_in_a_qr_code_a_phone_reads_from_the_back_of_the_room() {
        let base = "https://www.district-schools.example.org/board/2026/ses-explorer/";
        let demo =
            AppState::new(LoadedData::demo().unwrap(), None).unwrap().apply(Action::SetWeight(0, 37.5)).apply(Action::SetWeight(3, 0.0));
        let mut chicago =
            crate::engine::formula::Formula::from_json("chicago.json", crate::app::presets::CHICAGO_FORMULA_JSON.as_bytes()).unwrap();
        let published = chicago.clone();
        chicago.indicators[5].weight = 0.25;
        chicago.tiers.count = 5;
        let chicago = crate::app::scenario::Scenario::new(
            chicago,
            crate::engine::allocation::AllocationSettings { pool: 125_000_000.0, ..Default::default() },
            crate::engine::model::RankBy::MeanScore,
            crate::app::scenario::Pinned { formula: published, allocation: Default::default() },
        );
        for scenario in [demo.to_scenario(), chicago] {
            let link = format!("{base}{}", scenario.to_fragment());
            assert!(link.len() <= 300, "{link}");
            let svg = qr_svg(&link).unwrap();
            let (text, version) = read_qr(&svg);
            assert_eq!(text, link, "the code reads back as the link");
            assert!(version <= 10, "QR version {version} (at most 10: 57 modules)");
            let modules = 17 + 4 * version;
            assert!(svg.contains(&format!("data-modules=\"{}\"", modules + 8)), "{modules} modules and the quiet zone");
        }
        assert!(qr_svg(&"x".repeat(5000)).is_err(), "too long for a QR code");
    }

    fn saved(name: &str, at: &str, app: &AppState) -> SavedScenario {
        SavedScenario { name: name.into(), saved_at: at.into(), scenario: app.to_scenario() }
    }

    #[test]
    fn the_baseline_side_opens_the_baseline_on_the_phones_and_the_scenario_side_the_scenario() {
        let app = AppState::new(LoadedData::demo().unwrap(), None).unwrap().apply(Action::SetWeight(0, 60.0));
        let (shown, other) = Side::Baseline.of(&app);
        assert_eq!(shown.formula, app.baseline.formula);
        assert_eq!(other.formula, app.current.formula);
        assert_eq!(Side::Scenario.flipped(), Side::Baseline);
        let baseline = side_scenario(&app, Side::Baseline, None);
        assert_eq!(baseline.formula.indicators[0].weight, 20.0, "B's link holds the baseline's weights");
        assert_eq!(baseline.formula, baseline.baseline.formula, "and opens with nothing changed");
        let scenario = side_scenario(&app, Side::Scenario, None);
        assert_eq!(scenario.formula.indicators[0].weight, 60.0);
        assert_eq!(scenario.baseline.formula.indicators[0].weight, 20.0);
        // Each reads back from its link as itself.
        for s in [baseline, scenario] {
            let back = Scenario::from_fragment(&s.to_fragment()).unwrap().unwrap();
            assert_eq!(back.formula.indicators[0].weight, s.formula.indicators[0].weight);
        }
    }

    #[test]
    fn a_saved_scenario_on_screen_gives_the_title_and_the_phones_its_name() {
        let demo = AppState::new(LoadedData::demo().unwrap(), None).unwrap();
        let first = demo.clone().apply(Action::SetWeight(0, 60.0));
        let last = demo.clone().apply(Action::SetWeight(0, 5.0));
        let list = vec![saved("Income first", "2026-12-07T10:00:00Z", &first), saved("Income last", "2026-12-07T10:05:00Z", &last)];
        // Saved, then presented without stepping: the scenario's name, not "(edited)".
        assert_eq!(saved_on_screen(&last, &list, None).map(|s| s.name.as_str()), Some("Income last"));
        assert_eq!(saved_on_screen(&first, &list, None).map(|s| s.name.as_str()), Some("Income first"));
        assert_eq!(saved_on_screen(&demo, &list, None), None, "the unedited preset is no saved scenario");
        // Saved twice under two names: the later one.
        let again = vec![saved("Old name", "2026-12-01T09:00:00Z", &last), list[1].clone()];
        assert_eq!(saved_on_screen(&last, &again, None).map(|s| s.name.as_str()), Some("Income last"));
        // Stepped to by key: that one, whatever is on screen.
        assert_eq!(saved_on_screen(&demo, &list, Some(0)).map(|s| s.name.as_str()), Some("Income first"));
        let on_screen = saved_on_screen(&last, &list, None).unwrap();
        let areas = last.data.dataset.areas.table();
        assert_eq!(
            presenter_title(&last.current.formula, areas, Some((&on_screen.name, &on_screen.scenario.formula)), Lang::En),
            "Income last"
        );
        let link = side_scenario(&last, Side::Scenario, Some(&on_screen.name)).to_fragment();
        let opened = Scenario::from_fragment(&link).unwrap().unwrap();
        assert_eq!(opened.formula.name, "Income last", "the phone's formula carries the name");
        assert_eq!(opened.formula.indicators[0].weight, 5.0);
    }
}
