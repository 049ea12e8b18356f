//! What the chart of funding against need draws: each school's dollars per pupil against its
//! share of tier-1 students, under two proposals. A district's schools are drawn one mark each
//! (and B's marks can be reached by keyboard, each named); a state's, up to 100,000 of them,
//! are grouped into cells of a grid, one mark per cell sized by how many schools it holds, so
//! the chart stays a few thousand marks however large the data (drawing 200,000 marks and
//! 100,000 tab stops took presenter mode seconds).

/// Above this many schools the chart groups them into cells.
pub const MOST_SCHOOLS_DRAWN_ONE_BY_ONE: usize = 2_000;

/// Whether a district of `schools` is drawn grouped into cells (what the chart's caption
/// says depends on it).
pub fn grouped(schools: usize) -> bool {
    schools > MOST_SCHOOLS_DRAWN_ONE_BY_ONE
}

/// Columns of the grid (tier-1 share, 0 to 100%) and its rows (dollars per pupil, 0 to the
/// chart's top).
pub const GRID_COLUMNS: usize = 50;
pub const GRID_ROWS: usize = 30;

/// One school under one proposal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NeedPoint {
    pub school: usize,
    /// Share of its scored students in tier 1, 0–1.
    pub share: f64,
    pub dollars_per_pupil: f64,
}

/// A cell of the grid and how many schools fall in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NeedCell {
    pub column: usize,
    pub row: usize,
    pub schools: usize,
}

impl NeedCell {
    /// The tier-1 shares the cell spans, 0–1.
    pub fn shares(&self) -> (f64, f64) {
        let width = 1.0 / GRID_COLUMNS as f64;
        (self.column as f64 * width, (self.column + 1) as f64 * width)
    }

    /// The dollars per pupil the cell spans, on a chart whose top is `top` dollars.
    pub fn dollars(&self, top: f64) -> (f64, f64) {
        let height = top / GRID_ROWS as f64;
        (self.row as f64 * height, (self.row + 1) as f64 * height)
    }

    /// The cell's centre: (share, dollars).
    pub fn centre(&self, top: f64) -> (f64, f64) {
        let ((s0, s1), (d0, d1)) = (self.shares(), self.dollars(top));
        ((s0 + s1) / 2.0, (d0 + d1) / 2.0)
    }
}

/// One proposal's marks.
#[derive(Debug, Clone, PartialEq)]
pub enum NeedMarks {
    /// Each school, in file order.
    Schools(Vec<NeedPoint>),
    /// The occupied cells (column by column, rows upwards), with the most schools any holds.
    Cells { cells: Vec<NeedCell>, most: usize },
}

impl NeedMarks {
    /// The marks for `points` on a chart whose top is `top` dollars: the schools themselves
    /// when `schools` (the district's count, the same for both proposals, so both are drawn
    /// alike) is at most [`MOST_SCHOOLS_DRAWN_ONE_BY_ONE`], else the cells they fall in. A point
    /// on the top or right edge counts in the last cell; a share or an amount outside the
    /// chart is clamped to it.
    pub fn of(points: Vec<NeedPoint>, schools: usize, top: f64) -> NeedMarks {
        if !grouped(schools) {
            return NeedMarks::Schools(points);
        }
        let mut counts = vec![0usize; GRID_COLUMNS * GRID_ROWS];
        let cell = |value: f64, span: f64, cells: usize| ((value / span * cells as f64).max(0.0) as usize).min(cells - 1);
        for p in &points {
            let (column, row) = (cell(p.share, 1.0, GRID_COLUMNS), cell(p.dollars_per_pupil, top.max(f64::MIN_POSITIVE), GRID_ROWS));
            counts[column * GRID_ROWS + row] += 1;
        }
        let cells: Vec<NeedCell> = counts
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .map(|(k, &schools)| NeedCell { column: k / GRID_ROWS, row: k % GRID_ROWS, schools })
            .collect();
        let most = cells.iter().map(|c| c.schools).max().unwrap_or(0);
        NeedMarks::Cells { cells, most }
    }

    /// How many schools the marks stand for.
    pub fn schools(&self) -> usize {
        match self {
            NeedMarks::Schools(points) => points.len(),
            NeedMarks::Cells { cells, .. } => cells.iter().map(|c| c.schools).sum(),
        }
    }
}

/// A cell's mark, as a share of the cell's size: its area grows with the schools in it, so a
/// cell of one school still shows (a fifth of the cell across) and the fullest fills it.
pub fn cell_mark_scale(schools: usize, most: usize) -> f64 {
    if most == 0 {
        return 0.0;
    }
    (0.2 + 0.8 * (schools as f64 / most as f64).sqrt()).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(n: usize) -> Vec<NeedPoint> {
        (0..n).map(|i| NeedPoint { school: i, share: (i % 101) as f64 / 100.0, dollars_per_pupil: (i % 37) as f64 * 10.0 }).collect()
    }

    #[test]
    fn a_district_is_drawn_school_by_school() {
        let marks = NeedMarks::of(points(180), 180, 400.0);
        assert!(matches!(&marks, NeedMarks::Schools(p) if p.len() == 180));
    }

    #[test]
    fn a_state_is_drawn_as_cells_holding_every_school_once() {
        let all = points(100_000);
        let marks = NeedMarks::of(all.clone(), 100_000, 360.0);
        let NeedMarks::Cells { cells, most } = &marks else { panic!("cells for 100,000 schools") };
        assert!(cells.len() <= GRID_COLUMNS * GRID_ROWS);
        assert_eq!(marks.schools(), 100_000, "every school in one cell");
        assert_eq!(*most, cells.iter().map(|c| c.schools).max().unwrap());
        // Each school falls in the cell that spans its share and its dollars (the last cell
        // holding the top and right edges).
        for p in all.iter().step_by(997) {
            let cell = cells
                .iter()
                .find(|c| {
                    let ((s0, s1), (d0, d1)) = (c.shares(), c.dollars(360.0));
                    (s0 <= p.share && (p.share < s1 || c.column == GRID_COLUMNS - 1))
                        && (d0 <= p.dollars_per_pupil && (p.dollars_per_pupil < d1 || c.row == GRID_ROWS - 1))
                })
                .expect("a cell for the school");
            assert!(cell.schools > 0);
        }
    }

    #[test]
    fn values_off_the_chart_are_kept_on_its_edges() {
        let odd = vec![
            NeedPoint { school: 0, share: 1.0, dollars_per_pupil: 500.0 },
            NeedPoint { school: 1, share: -0.1, dollars_per_pupil: -5.0 },
            NeedPoint { school: 2, share: 0.5, dollars_per_pupil: 0.0 },
        ];
        let NeedMarks::Cells { cells, .. } = NeedMarks::of(odd, 5_000, 400.0) else { panic!("cells") };
        let at = |column, row| cells.iter().find(|c| c.column == column && c.row == row).map(|c| c.schools);
        assert_eq!(at(GRID_COLUMNS - 1, GRID_ROWS - 1), Some(1));
        assert_eq!(at(0, 0), Some(1));
        assert_eq!(at(GRID_COLUMNS / 2, 0), Some(1));
    }

    #[test]
    fn a_cell_of_one_school_shows_and_the_fullest_fills_its_cell() {
        assert_eq!(cell_mark_scale(40, 40), 1.0);
        assert!(cell_mark_scale(1, 40) > 0.2 && cell_mark_scale(1, 40) < 0.4);
        assert!(cell_mark_scale(10, 40) < cell_mark_scale(20, 40));
        assert_eq!(cell_mark_scale(0, 0), 0.0);
    }
}
