//! The one place the app's state lives: [`Explorer`] wraps [`AppState`] as a Yew reducer,
//! provided to every component by context. Components dispatch [`Action`]s; nothing else
//! changes state.

use std::rc::Rc;

use yew::prelude::*;

use super::perf;
use crate::app_state::{Action, AppState, LoadedData};

/// The reducer's state: the app, or why it could not start.
#[derive(Debug, PartialEq)]
pub struct Explorer {
    pub app: Result<AppState, String>,
}

impl Explorer {
    /// Opens on the synthetic demo district.
    pub fn demo() -> Explorer {
        let app = LoadedData::demo().and_then(|d| AppState::new(d, None)).map_err(|e| e.to_string());
        Explorer { app }
    }
}

impl Reducible for Explorer {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let Ok(app) = &self.app else { return self };
        perf::mark("ses:recompute-start");
        let next = app.apply(action);
        perf::measure("ses:recompute", "ses:recompute-start");
        perf::clear_mark("ses:recompute-start");
        Rc::new(Explorer { app: Ok(next) })
    }
}

/// What components take from context.
pub type ExplorerHandle = UseReducerHandle<Explorer>;

/// The app state and a dispatcher, for components below the provider.
#[hook]
pub fn use_explorer() -> (ExplorerHandle, Callback<Action>) {
    let handle = use_context::<ExplorerHandle>().expect("components are rendered inside the ExplorerHandle provider");
    let dispatch = {
        let handle = handle.clone();
        Callback::from(move |a: Action| {
            perf::input_started();
            handle.dispatch(a)
        })
    };
    (handle, dispatch)
}
