//! Real-browser tests of the app in a room: a workshop's codes rounded up without a server.
//! Screenshots go to `test-artifacts/e2e-room/`.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use rand::{Rng, SeedableRng};
use ses_explorer::app::state::{AppState, LoadedData};
use ses_explorer::app::workshop::{RoundUp, weight_code};
use support::*;

const GROUP: &str = "e2e-room";

#[tokio::test]
async fn thirty_workshop_codes_and_a_share_link_round_up_as_the_engine_computes() {
    let Some(Session { turn: _turn, server, driver, client }) = session(1600, 1000, None).await else { return };
    client.goto(&server.base).await.unwrap();
    until(&client, "the demo", "return !!document.querySelector('[data-testid=workshop-code]');").await;

    // The app's code for its formula is the library's.
    let state = AppState::new(LoadedData::demo().unwrap(), None).unwrap();
    let formula = &state.current.formula;
    assert_eq!(by_testid(&client, "workshop-code").await.text().await.unwrap(), weight_code(formula));

    // Thirty participants' codes, one share link, a typo and a code for another formula.
    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    let mut lines: Vec<String> = (0..30)
        .map(|_| {
            let mut f = formula.clone();
            for ind in &mut f.indicators {
                ind.weight = f64::from(rng.random_range(0..=50u32));
            }
            f.indicators[0].weight += 10.0; // never all zero
            weight_code(&f)
        })
        .collect();
    let mut linked = state.clone();
    linked.current.formula.indicators[1].weight = 80.0;
    lines.push(format!("{}{}", server.base, linked.to_scenario().to_fragment()));
    let mut typo: Vec<char> = lines[0].chars().collect();
    typo[2] = if typo[2] == '9' { '8' } else { '9' };
    lines.push(typo.into_iter().collect());
    let mut other = formula.clone();
    other.indicators[0].column = "income".into();
    lines.push(weight_code(&other));
    let text = lines.join("\n");
    let expected = RoundUp::new(&text, formula, &state.data.dataset, &state.current.prepared, state.rank_by).unwrap();
    assert_eq!((expected.submissions.len(), expected.rejected.len()), (31, 2));

    js(&client, "const d = document.querySelector('[data-testid=workshop-panel] details'); d.open = true; d.scrollIntoView(); return true;").await;
    client
        .execute("document.querySelector('[data-testid=roundup-input]').value = arguments[0]; return true;", vec![serde_json::json!(text)])
        .await
        .unwrap();
    by_testid(&client, "roundup-run").await.click().await.unwrap();
    until(&client, "the round-up", "return !!document.querySelector('[data-testid=roundup-result]');").await;
    let count = by_testid(&client, "roundup-count").await.text().await.unwrap();
    assert_eq!(count, "31 submissions; 2 could not be used (listed below)");
    let rejected: Vec<String> = serde_json::from_value(js(&client, "return Array.from(document.querySelectorAll('[data-testid=roundup-rejected] li')).map(l => l.textContent);").await).unwrap();
    assert_eq!(rejected.len(), 2);
    assert!(rejected.iter().all(|r| r.contains("the check character does not match")), "{rejected:?}");
    let consensus: Vec<usize> = serde_json::from_value(js(&client, "return Array.from(document.querySelectorAll('[data-testid=roundup-consensus] li')).map(l => Number(l.dataset.index));").await).unwrap();
    assert_eq!(consensus, expected.consensus.iter().map(|a| a.index).collect::<Vec<_>>(), "the same consensus as the engine");
    let first = js(&client, "return document.querySelector('[data-testid=roundup-median-ranking] li').textContent;").await;
    let schools = state.data.schools().unwrap();
    assert_eq!(first.as_str().unwrap(), schools.names[expected.median_ranking[0].0]);
    assert_eq!(js(&client, "return document.querySelectorAll('[data-testid=roundup-spread]').length;").await, 5);
    js(&client, "document.querySelector('[data-testid=roundup-result]').scrollIntoView(); return true;").await;
    screenshot(&client, GROUP, "01-round-up").await;
    assert_accessible(&client, "the workshop round-up").await;

    // The median weights become the formula with one click.
    by_testid(&client, "roundup-use-median").await.click().await.unwrap();
    let medians: Vec<String> = expected.median_formula.indicators.iter().map(|i| format!("{}", i.weight)).collect();
    until(
        &client,
        "the median weights applied",
        &format!("return [0,1,2,3,4].map(i => document.querySelector(`[data-testid=weight-slider-${{i}}]`).value).join(',') === '{}';", medians.join(",")),
    )
    .await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}
