//! Criterion benchmarks of the engine at district scale (800 areas, 180 schools, 150,000
//! students) and at state scale (250,000 areas, 100,000 schools, 1,000,000 students): the full
//! pipeline (parse → prepare → evaluate), preparation alone, and the path a weight change
//! takes (evaluate into the last result's buffers). Run: `cargo bench --bench engine`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use ses_explorer::engine::allocation::AllocationSettings;
use ses_explorer::engine::dataset::Dataset;
use ses_explorer::engine::demo::{DemoDistrict, DemoSize, demo_formula};
use ses_explorer::engine::model::{Prepared, RankBy};

fn load(d: &DemoDistrict) -> Dataset {
    d.dataset().unwrap()
}

fn bench(c: &mut Criterion) {
    let sizes = [
        ("district", DemoSize { areas: 800, schools: 180, students: 150_000 }),
        ("state", DemoSize { areas: 250_000, schools: 100_000, students: 1_000_000 }),
    ];
    let allocation = AllocationSettings::default();
    let mut group = c.benchmark_group("engine");
    for (label, size) in sizes {
        group.sample_size(if label == "state" { 10 } else { 50 });
        let district = DemoDistrict::generate(1, size);
        let formula = demo_formula();
        group.bench_with_input(BenchmarkId::new("full_pipeline", label), &district, |b, d| {
            b.iter(|| {
                let data = load(d);
                let prepared = Prepared::new(&data, &formula).unwrap();
                black_box(prepared.evaluate(&data, &formula, RankBy::default(), Some(&allocation)).unwrap())
            })
        });
        let data = load(&district);
        group.bench_function(BenchmarkId::new("prepare", label), |b| b.iter(|| black_box(Prepared::new(&data, &formula).unwrap())));
        let prepared = Prepared::new(&data, &formula).unwrap();
        let mut moved = formula.clone();
        let mut step = 0u32;
        let mut out = prepared.evaluate(&data, &formula, RankBy::default(), Some(&allocation)).unwrap();
        group.bench_function(BenchmarkId::new("weight_change", label), |b| {
            b.iter(|| {
                // A slider move: one weight changes, nothing else; the last result's buffers
                // are reused, as the app does.
                step = (step + 7) % 100;
                moved.indicators[0].weight = f64::from(step);
                prepared.evaluate_into(&data, &moved, RankBy::default(), Some(&allocation), &mut out).unwrap();
                black_box(&out);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
