//! Parts of the app fetched from its server after the first screen (the rest of the page, the
//! workbook reader, an example's files) and what a person is told when one does not arrive:
//! why, in words, and when it will be tried again. The browser side (`ui`) only finds which
//! [`LoadFault`] it was.

use crate::app::i18n::{Lang, Msg, catalogue as m};

/// Why a part of the app did not arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadFault {
    /// The browser knows it has no network (`navigator.onLine` is false).
    Offline,
    /// The request failed without an answer: the network or the server is down, though the
    /// browser thinks it is online (a guest wifi's portal, a server stopped).
    Unreachable,
    /// The server answered with an error status.
    NotServed { status: u16 },
    /// No answer within the time allowed.
    TooSlow { seconds: u32 },
}

impl LoadFault {
    /// A request that failed without an answer, told apart by what the browser knows.
    pub fn of_network_error(online: bool) -> LoadFault {
        if online { LoadFault::Unreachable } else { LoadFault::Offline }
    }

    /// The fault as `assets/load-whole-page.js` reports it: `offline`, `unreachable`,
    /// `status:404`, or (the page's own time limit) `slow:90`; anything else is a request that
    /// failed without an answer.
    pub fn from_code(code: &str) -> LoadFault {
        let number = |prefix: &str| code.strip_prefix(prefix).and_then(|s| s.parse::<u32>().ok());
        match code {
            "offline" => LoadFault::Offline,
            _ => match (number("status:"), number("slow:")) {
                (Some(status), _) => LoadFault::NotServed { status: u16::try_from(status).unwrap_or(u16::MAX) },
                (_, Some(seconds)) => LoadFault::TooSlow { seconds },
                _ => LoadFault::Unreachable,
            },
        }
    }

    /// The fault as [`LoadFault::from_code`] reads it (the page's own failures are told to the
    /// same function `assets/load-whole-page.js` calls).
    pub fn code(self) -> String {
        match self {
            LoadFault::Offline => "offline".to_owned(),
            LoadFault::Unreachable => "unreachable".to_owned(),
            LoadFault::NotServed { status } => format!("status:{status}"),
            LoadFault::TooSlow { seconds } => format!("slow:{seconds}"),
        }
    }

    /// Whether the part is fetched again by itself when the browser is back online (else on
    /// the person's next try).
    pub fn retries_when_online(self) -> bool {
        self == LoadFault::Offline
    }

    /// Why, as a clause ("you seem to be offline").
    pub fn reason(self, lang: Lang) -> String {
        match self {
            LoadFault::Offline => lang.t(m::REASON_OFFLINE).to_owned(),
            LoadFault::Unreachable => lang.t(m::REASON_UNREACHABLE).to_owned(),
            LoadFault::NotServed { status } => lang.fill(m::REASON_NOT_SERVED, &[("status", &status)]),
            LoadFault::TooSlow { seconds } => lang.fill(m::REASON_TOO_SLOW, &[("seconds", &seconds)]),
        }
    }

    /// The whole message about a part of the app: what, why, and when it is tried again.
    pub fn message(self, lang: Lang, part: Part) -> String {
        let retry = match (part, self.retries_when_online()) {
            (Part::WorkbookReader, _) => m::RETRY_OPEN_AGAIN,
            (_, true) => m::RETRY_WHEN_ONLINE,
            (_, false) => m::RETRY_ON_CLICK,
        };
        lang.fill(m::LOAD_FAILED, &[("part", &lang.t(part.name())), ("reason", &self.reason(lang)), ("retry", &lang.t(retry))])
    }
}

/// A part of the app fetched after the first screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The page's second module: every section past the money, and presenter mode.
    RestOfPage,
    /// The worker that reads `.xlsx`, `.xls` and `.ods` files.
    WorkbookReader,
}

impl Part {
    fn name(self) -> Msg {
        match self {
            Part::RestOfPage => m::PART_REST_OF_PAGE,
            Part::WorkbookReader => m::PART_WORKBOOK_READER,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loaders_codes_are_read_back_as_faults() {
        assert_eq!(LoadFault::from_code("offline"), LoadFault::Offline);
        assert_eq!(LoadFault::from_code("status:404"), LoadFault::NotServed { status: 404 });
        assert_eq!(LoadFault::from_code("unreachable"), LoadFault::Unreachable);
        assert_eq!(LoadFault::from_code("slow:90"), LoadFault::TooSlow { seconds: 90 });
        for fault in [LoadFault::Offline, LoadFault::Unreachable, LoadFault::NotServed { status: 503 }, LoadFault::TooSlow { seconds: 60 }]
        {
            assert_eq!(LoadFault::from_code(&fault.code()), fault);
        }
        assert_eq!(LoadFault::from_code("TypeError: Failed to fetch"), LoadFault::Unreachable);
        assert_eq!(LoadFault::of_network_error(false), LoadFault::Offline);
        assert_eq!(LoadFault::of_network_error(true), LoadFault::Unreachable);
    }

    #[test]
    fn a_person_offline_is_told_so_and_when_it_is_tried_again_in_their_language() {
        assert_eq!(
            LoadFault::Offline.message(Lang::En, Part::RestOfPage),
            "The rest of the page could not be loaded: you seem to be offline. It will try again when you are back online."
        );
        assert_eq!(
            LoadFault::Offline.message(Lang::Es, Part::RestOfPage),
            "El resto de la página no se pudo cargar: parece que no hay conexión. Se intentará de nuevo cuando vuelva la conexión."
        );
        let not_served = LoadFault::NotServed { status: 404 }.message(Lang::En, Part::RestOfPage);
        assert!(not_served.contains("did not send it (error 404)") && not_served.ends_with("on your next click."), "{not_served}");
        let slow = LoadFault::TooSlow { seconds: 60 }.message(Lang::Es, Part::WorkbookReader);
        assert_eq!(
            slow,
            "El lector de libros de cálculo no se pudo cargar: tardó más de 60 segundos. Abra el archivo otra vez para intentarlo de nuevo."
        );
    }
}
