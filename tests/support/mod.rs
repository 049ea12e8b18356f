//! Shared harness for the real-browser tests: a static file server for the built app that logs
//! every request, a WebDriver server on a free port, a browser session, and screenshots saved
//! under `test-artifacts/`.
//!
//! The browser is Chromium (chromedriver), or the engine `SES_BROWSER` names: `firefox`
//! (Firefox ESR through geckodriver) or `webkit` (WebKitGTK's MiniBrowser through
//! WebKitWebDriver, the engine of Safari, on a virtual display of its own). What only Chromium
//! offers (its DevTools: screen emulation below a window's least width, the console log, the
//! browser's own counters) is used there; a test that needs it says so and stops early in the
//! other engines ([`Engine::lacks`]).
//!
//! The tests need `dist/` (from `trunk build --release`) and the engine's driver. Without them
//! they print SKIPPED and pass, unless `SES_REQUIRE_E2E=1` (set by `scripts/test.sh`), when they
//! fail.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use ses_explorer::engine::error::Purpose;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Browser tests in one test binary take turns: two browsers at once on a two-core machine
/// would slow each other and blur the timings they record. Hold the guard for the test.
pub async fn one_browser_at_a_time() -> tokio::sync::MutexGuard<'static, ()> {
    static TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    TURN.lock().await
}

/// The built app the tests serve: `dist/`, or `SES_DIST`, another build, for timing two builds
/// side by side (BENCHMARKS.md).
pub fn dist() -> PathBuf {
    std::env::var_os("SES_DIST").map(PathBuf::from).unwrap_or_else(|| root().join("dist"))
}

/// What a browser test starts with: its turn, the app's server, chromedriver and a browser.
pub struct Session {
    pub turn: tokio::sync::MutexGuard<'static, ()>,
    pub server: StaticServer,
    pub driver: Driver,
    pub client: Client,
}

/// Starts a browser test: `None` (after saying why) when browser tests cannot run here.
/// Downloads go to `downloads` when given.
pub async fn session(width: u32, height: u32, downloads: Option<&Path>) -> Option<Session> {
    session_under("/", width, height, downloads).await
}

/// [`session`] with the app served from a sub-folder (`/schools/ses-explorer/`), as a school web
/// server or a GitHub Pages project site serves it: anything asked for outside it is a 404.
pub async fn session_under(prefix: &str, width: u32, height: u32, downloads: Option<&Path>) -> Option<Session> {
    if !e2e_ready() {
        return None;
    }
    let turn = one_browser_at_a_time().await;
    let server = StaticServer::start_under(prefix);
    let driver = Driver::start();
    let client = driver.browser_with(width, height, downloads).await;
    Some(Session { turn, server, driver, client })
}

/// A browser engine the tests drive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
    WebKit,
}

/// What only some engines' drivers offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capability {
    /// A screen of any size, narrower than a window can be (Chromium's DevTools).
    ScreenEmulation,
    /// The browser's console log (chromedriver's log endpoint).
    ConsoleLog,
    /// The browser's own counters of script, style and layout time.
    Counters,
    /// The languages the browser asks for, set per session.
    PreferredLanguages,
    /// Downloads saved into a folder the test names.
    Downloads,
}

impl Engine {
    /// The engine `SES_BROWSER` names (`chromium`, `firefox`, `webkit`); Chromium by default.
    pub fn current() -> Engine {
        match std::env::var("SES_BROWSER").unwrap_or_default().to_lowercase().as_str() {
            "firefox" | "gecko" => Engine::Firefox,
            "webkit" | "safari" | "minibrowser" => Engine::WebKit,
            _ => Engine::Chromium,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::WebKit => "webkit",
        }
    }

    /// The WebDriver server's program.
    fn driver_program(self) -> &'static str {
        match self {
            Engine::Chromium => "chromedriver",
            Engine::Firefox => "geckodriver",
            Engine::WebKit => "WebKitWebDriver",
        }
    }

    /// Whether this engine lacks `what`; when it does, says so for `test` (which then stops).
    pub fn lacks(self, what: Capability, test: &str) -> bool {
        let has = match what {
            Capability::ScreenEmulation | Capability::ConsoleLog | Capability::Counters => self == Engine::Chromium,
            Capability::PreferredLanguages | Capability::Downloads => self != Engine::WebKit,
        };
        if !has {
            eprintln!("NOT IN {}: {test} needs {what:?}, which only other engines' drivers offer", self.name());
        }
        !has
    }

    /// The narrowest window this engine makes (its viewport can be no narrower without
    /// emulation).
    pub fn least_window_width(self) -> u32 {
        match self {
            Engine::Chromium => 500,
            Engine::Firefox => 500,
            Engine::WebKit => 447,
        }
    }
}

/// Whether the browser tests can run here; prints why not, or fails when they are required.
pub fn e2e_ready() -> bool {
    let dist = root().join("dist/index.html");
    let engine = Engine::current();
    let program = engine.driver_program();
    // (WebKitWebDriver has no --version; its --help answers.)
    let probe = if engine == Engine::WebKit { "--help" } else { "--version" };
    let driver = Command::new(program).arg(probe).output().is_ok_and(|o| o.status.success());
    let no_driver = format!("{program} is not installed (scripts/install-tools.sh)");
    let missing = match (dist.exists(), driver) {
        (true, true) => return true,
        (false, _) => "dist/ has no built app (run trunk build --release)",
        (_, false) => no_driver.as_str(),
    };
    if std::env::var("SES_REQUIRE_E2E").is_ok_and(|v| v == "1") {
        panic!("browser tests required but {missing}");
    }
    eprintln!("SKIPPED: browser test: {missing}");
    false
}

/// A request the static server saw.
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedRequest {
    pub method: String,
    pub path: String,
    pub served: bool,
}

/// Serves `dist/` on 127.0.0.1 (a free port) under a path prefix, and logs every request.
pub struct StaticServer {
    /// The app's address, ending in its folder (`http://127.0.0.1:PORT/` or
    /// `http://127.0.0.1:PORT/schools/ses-explorer/`).
    pub base: String,
    /// The folder the app is served from, `/` or `/some/folder/`.
    pub prefix: String,
    pub log: Arc<Mutex<Vec<LoggedRequest>>>,
    /// Files answered with 404 for now, as an unreachable server would (see [`StaticServer::withhold`]).
    withheld: Arc<Mutex<Vec<String>>>,
    /// While set, every connection is closed unanswered, as when the network is gone (see
    /// [`StaticServer::go_dark`]).
    dark: Arc<std::sync::atomic::AtomicBool>,
    /// Files answered with other bytes, as a new build on the server (see [`StaticServer::serve_instead`]).
    replaced: Arc<Replaced>,
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// `__frame-390x844.html`: a page holding the app in a frame of that size, for engines whose
/// windows cannot be so narrow (the app inside sees a screen of the frame's size).
fn framed_page(relative: &str) -> Option<Vec<u8>> {
    let size = relative.strip_prefix("__frame-")?.strip_suffix(".html")?;
    let (width, height) = size.split_once('x')?;
    let (width, height): (u32, u32) = (width.parse().ok()?, height.parse().ok()?);
    Some(
        format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>frame</title></head>\
             <body style=\"margin:0\"><iframe src=\"./\" width=\"{width}\" height=\"{height}\" style=\"border:0;display:block\"></iframe></body></html>"
        )
        .into_bytes(),
    )
}

type Replaced = Mutex<Vec<(String, Vec<u8>)>>;

fn serve(
    mut stream: TcpStream,
    dist: &Path,
    prefix: &str,
    log: &Mutex<Vec<LoggedRequest>>,
    withheld: &Mutex<Vec<String>>,
    replaced: &Replaced,
    dark: bool,
) {
    if dark {
        // No answer at all: the browser sees a network error, as with no network.
        let _ = stream.shutdown(std::net::Shutdown::Both);
        return;
    }
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    let mut request_line = String::new();
    // A connection opened ahead and closed unused (browsers preconnect) carries no request.
    if reader.read_line(&mut request_line).is_err() || request_line.trim().is_empty() {
        return;
    }
    // Drain the headers.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("/").to_string();
    let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
    let in_folder = path.strip_prefix(prefix).or_else(|| (format!("{path}/") == prefix).then_some(""));
    let relative = match in_folder {
        Some("") => "index.html".to_string(),
        Some(rest) => rest.to_string(),
        None => String::new(),
    };
    let file = dist.join(&relative);
    let inside = in_folder.is_some() && !relative.contains("..") && !withheld.lock().unwrap().contains(&relative);
    let instead = replaced.lock().unwrap().iter().find(|(name, _)| *name == relative).map(|(_, bytes)| bytes.clone());
    let body =
        (method == "GET" && inside).then(|| instead.or_else(|| framed_page(&relative)).or_else(|| std::fs::read(&file).ok())).flatten();
    log.lock().unwrap().push(LoggedRequest { method: method.clone(), path: target.clone(), served: body.is_some() });
    let response = match body {
        Some(bytes) => {
            let mut head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
                content_type(&file),
                bytes.len()
            )
            .into_bytes();
            head.extend(bytes);
            head
        }
        None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
    };
    let _ = stream.write_all(&response);
}

impl StaticServer {
    pub fn start() -> StaticServer {
        StaticServer::start_under("/")
    }

    /// Serves the app from `prefix` (`/` or `/some/folder/`).
    pub fn start_under(prefix: &str) -> StaticServer {
        assert!(prefix.starts_with('/') && prefix.ends_with('/'), "a folder: {prefix}");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let base = format!("http://{}{prefix}", listener.local_addr().unwrap());
        let prefix = prefix.to_string();
        let log = Arc::new(Mutex::new(Vec::new()));
        let dist = dist();
        let withheld: Arc<Mutex<Vec<String>>> = Arc::default();
        let dark: Arc<std::sync::atomic::AtomicBool> = Arc::default();
        let replaced: Arc<Replaced> = Arc::default();
        let (thread_log, thread_prefix, thread_withheld, thread_dark, thread_replaced) =
            (Arc::clone(&log), prefix.clone(), Arc::clone(&withheld), Arc::clone(&dark), Arc::clone(&replaced));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (dist, log, prefix, withheld, replaced) = (
                    dist.clone(),
                    Arc::clone(&thread_log),
                    thread_prefix.clone(),
                    Arc::clone(&thread_withheld),
                    Arc::clone(&thread_replaced),
                );
                let dark = thread_dark.load(std::sync::atomic::Ordering::SeqCst);
                std::thread::spawn(move || serve(stream, &dist, &prefix, &log, &withheld, &replaced, dark));
            }
        });
        StaticServer { base, prefix, log, withheld, dark, replaced }
    }

    /// Answers `file` (a path inside the app's folder) with `bytes` from now on, as a new build
    /// deployed on the server would.
    pub fn serve_instead(&self, file: &str, bytes: Vec<u8>) {
        self.replaced.lock().unwrap().push((file.to_owned(), bytes));
    }

    /// Answers nothing from now on, as a network that has gone: every request fails unanswered.
    pub fn go_dark(&self) {
        self.dark.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// Answers again, as a network that is back.
    pub fn come_back(&self) {
        self.dark.store(false, std::sync::atomic::Ordering::SeqCst);
    }

    /// Answers 404 for these files (paths inside the app's folder) until [`StaticServer::release`].
    pub fn withhold(&self, files: &[&str]) {
        self.withheld.lock().unwrap().extend(files.iter().map(|f| f.to_string()));
    }

    pub fn release(&self) {
        self.withheld.lock().unwrap().clear();
    }

    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.log.lock().unwrap().clone()
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The engine's WebDriver server on a free port (and, for WebKit, a virtual display of its
/// own), stopped when dropped.
pub struct Driver {
    child: Child,
    /// Xvfb, where the engine needs a display and none is set.
    display: Option<Child>,
    pub url: String,
    profile: PathBuf,
    pub engine: Engine,
}

/// Headless Firefox ESR, a window of this size, with the languages and the download folder
/// asked for.
fn firefox_capabilities(width: u32, height: u32, downloads: Option<&Path>, languages: Option<&str>) -> Value {
    let mut prefs = json!({
        // No requests of Firefox's own on a machine without a network.
        "app.update.enabled": false,
        "browser.shell.checkDefaultBrowser": false,
        "datareporting.policy.dataSubmissionEnabled": false,
        "network.captive-portal-service.enabled": false,
        "browser.safebrowsing.malware.enabled": false,
        "browser.safebrowsing.phishing.enabled": false,
    });
    if let Some(languages) = languages {
        prefs["intl.accept_languages"] = json!(languages);
    }
    if let Some(dir) = downloads {
        prefs["browser.download.folderList"] = json!(2);
        prefs["browser.download.dir"] = json!(dir.display().to_string());
        prefs["browser.download.useDownloadDir"] = json!(true);
        prefs["browser.helperApps.neverAsk.saveToDisk"] =
            json!("text/csv,application/json,image/png,image/svg+xml,text/html,application/octet-stream");
    }
    json!({
        "browserName": "firefox",
        "moz:firefoxOptions": {
            "binary": "/usr/bin/firefox-esr",
            "args": ["-headless", "--width", width.to_string(), "--height", height.to_string()],
            "prefs": prefs,
        },
    })
}

/// A virtual display (Xvfb) on a display number it finds free itself (`-displayfd`):
/// WebKitGTK's MiniBrowser needs a display even when nobody looks at it.
fn virtual_display() -> (Child, String) {
    let mut child = Command::new("Xvfb")
        .args(["-displayfd", "1", "-screen", "0", "2600x1600x24", "-nolisten", "tcp"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start Xvfb (Debian's xvfb, scripts/install-tools.sh)");
    let mut number = String::new();
    BufReader::new(child.stdout.take().expect("Xvfb's output")).read_line(&mut number).expect("Xvfb's display number");
    let number = number.trim();
    assert!(!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()), "Xvfb gave no display number: {number:?}");
    (child, format!(":{number}"))
}

/// Stops a program as a terminal would (SIGTERM), so that it cleans up after itself (Xvfb
/// removes its lock and socket), then waits for it.
fn terminate(child: &mut Child) {
    let stopped = Command::new("kill").arg(child.id().to_string()).status().is_ok_and(|s| s.success());
    if !stopped {
        let _ = child.kill();
    }
    let _ = child.wait();
}

impl Driver {
    pub fn start() -> Driver {
        let engine = Engine::current();
        let port = free_port();
        let mut command = Command::new(engine.driver_program());
        match engine {
            Engine::Chromium => command.arg(format!("--port={port}")),
            Engine::Firefox => command.args(["--port", &port.to_string(), "--host", "127.0.0.1"]),
            Engine::WebKit => command.arg(format!("--port={port}")),
        };
        let display = (engine == Engine::WebKit && std::env::var_os("DISPLAY").is_none()).then(virtual_display);
        if let Some((_, name)) = &display {
            command.env("DISPLAY", name);
        }
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", engine.driver_program()));
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "{} did not start listening", engine.driver_program());
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = std::env::temp_dir().join(format!("ses-e2e-profile-{}-{port}", std::process::id()));
        Driver { child, display: display.map(|(child, _)| child), url: format!("http://127.0.0.1:{port}"), profile, engine }
    }

    /// A fresh headless Chromium session (new profile) with the given window size.
    pub async fn browser(&self, width: u32, height: u32) -> Client {
        self.browser_with(width, height, None).await
    }

    /// A fresh session that saves downloads into `downloads` (when given).
    pub async fn browser_with(&self, width: u32, height: u32, downloads: Option<&Path>) -> Client {
        self.open(width, height, downloads, None).await
    }

    /// A fresh session whose browser prefers these languages (`es-MX,es`), as a person's
    /// browser set to Spanish does.
    pub async fn browser_speaking(&self, width: u32, height: u32, languages: &str) -> Client {
        self.open(width, height, None, Some(languages)).await
    }

    async fn open(&self, width: u32, height: u32, downloads: Option<&Path>, languages: Option<&str>) -> Client {
        let _ = std::fs::remove_dir_all(&self.profile);
        let caps = match self.engine {
            Engine::Chromium => self.chromium_capabilities(width, height, downloads, languages),
            Engine::Firefox => firefox_capabilities(width, height, downloads, languages),
            Engine::WebKit => json!({
                "browserName": "MiniBrowser",
                "webkitgtk:browserOptions": { "binary": "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser", "args": ["--automation"] },
            }),
        };
        let caps = match caps {
            Value::Object(map) => map,
            _ => unreachable!(),
        };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&self.url)
            .await
            .expect("a WebDriver session");
        if self.engine != Engine::Chromium {
            // The window as asked (Chromium's is set by its arguments).
            client.set_window_size(width, height).await.expect("the window's size");
        }
        client
    }

    fn chromium_capabilities(&self, width: u32, height: u32, downloads: Option<&Path>, languages: Option<&str>) -> Value {
        let mut args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--no-first-run".into(),
            "--disable-quic".into(),
            "--hide-scrollbars".into(),
            format!("--window-size={width},{height}"),
            format!("--user-data-dir={}", self.profile.display()),
        ];
        if let Some(languages) = languages {
            args.push(format!("--accept-lang={languages}"));
            args.push(format!("--lang={}", languages.split(',').next().unwrap_or(languages)));
        }
        let mut options = json!({ "binary": "/usr/bin/chromium", "args": args });
        if let Some(languages) = languages {
            options["prefs"] = json!({ "intl.accept_languages": languages });
        }
        if let Some(dir) = downloads {
            options["prefs"] = json!({
                "download.default_directory": dir.display().to_string(),
                "download.prompt_for_download": false,
                "download.directory_upgrade": true,
            });
        }
        json!({ "goog:chromeOptions": options, "goog:loggingPrefs": { "browser": "ALL" } })
    }

    /// POSTs a JSON body to one of chromedriver's own endpoints and returns its answer's
    /// `value`. Read the head, then exactly Content-Length bytes (chromedriver keeps the
    /// connection open).
    fn post(&self, path: &str, body: &str) -> Value {
        let port = self.url.rsplit(':').next().unwrap();
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let mut stream = TcpStream::connect(format!("127.0.0.1:{port}")).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut reader = BufReader::new(stream);
        let mut length = 0usize;
        let mut line = String::new();
        while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
            line.clear();
        }
        let mut body = vec![0u8; length];
        std::io::Read::read_exact(&mut reader, &mut body).expect("chromedriver's answer");
        serde_json::from_slice::<Value>(&body).unwrap_or(Value::Null)["value"].take()
    }

    /// Runs a Chrome DevTools Protocol command through chromedriver (`goog/cdp/execute`) and
    /// returns its result: the tests read the browser's own counters of script, style and
    /// layout time this way.
    pub fn cdp(&self, session: &str, command: &str, params: Value) -> Value {
        self.post(&format!("/session/{session}/goog/cdp/execute"), &json!({ "cmd": command, "params": params }).to_string())
    }

    /// The browser's own counters (`Performance.getMetrics`: seconds of script, style and
    /// layout so far, and more), by name.
    pub fn counters(&self, session: &str) -> std::collections::BTreeMap<String, f64> {
        self.cdp(session, "Performance.enable", json!({}));
        self.cdp(session, "Performance.getMetrics", json!({}))["metrics"]
            .as_array()
            .map(|m| m.iter().map(|m| (m["name"].as_str().unwrap_or("").to_string(), m["value"].as_f64().unwrap_or(0.0))).collect())
            .unwrap_or_default()
    }

    /// Makes the page see a screen of `width` × `height` CSS pixels, as a phone held upright
    /// (a desktop window is never made narrower than 500 px).
    pub async fn emulate_screen(&self, client: &Client, width: u32, height: u32) {
        let session = client.session_id().await.unwrap().expect("a session id");
        let params = json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": true });
        self.cdp(&session, "Emulation.setDeviceMetricsOverride", params);
    }

    /// Sets the page's viewport to `width` × `height`: in Chromium to any size, below a
    /// window's least width too, as a phone or tablet (`touch`: mobile emulation, touch and
    /// overlay scroll bars) or a desktop; in the other engines by sizing the window so that its
    /// viewport is that size, which they can only down to their least window width. Returns
    /// whether the viewport is that size.
    pub async fn emulate_viewport(&self, client: &Client, width: u32, height: u32, touch: bool) -> bool {
        if self.engine != Engine::Chromium {
            if width < self.engine.least_window_width() {
                return false;
            }
            // A window's bars take some of its size, and a window settles its size a moment
            // after being asked: ask again, for the bars as they are, until the viewport is right.
            let deadline = Instant::now() + Duration::from_secs(10);
            let (mut asked, mut polls) = ((0, 0), 0u32);
            loop {
                polls += 1;
                let now: (i64, i64, i64, i64) = serde_json::from_value(
                    js(client, "return [window.innerWidth, window.innerHeight, window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight];").await,
                )
                .unwrap();
                if (now.0, now.1) == (i64::from(width), i64::from(height)) {
                    return true;
                }
                if Instant::now() > deadline {
                    return false;
                }
                let want = ((i64::from(width) + now.2.max(0)) as u32, (i64::from(height) + now.3.max(0)) as u32);
                if want != asked || polls.is_multiple_of(10) {
                    client.set_window_size(want.0, want.1).await.unwrap();
                    asked = want;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        let session = client.session_id().await.unwrap().expect("a session id");
        let params = json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": touch });
        self.cdp(&session, "Emulation.setDeviceMetricsOverride", params);
        self.cdp(&session, "Emulation.setTouchEmulationEnabled", json!({ "enabled": touch, "maxTouchPoints": if touch { 5 } else { 1 } }));
        true
    }

    /// The browser's console log since the last call (chromedriver's log endpoint), as text
    /// lines: Content-Security-Policy violations and errors (a WebAssembly panic) show here.
    pub async fn browser_log(&self, client: &Client) -> Vec<String> {
        let session = client.session_id().await.unwrap().expect("a session id");
        self.post(&format!("/session/{session}/se/log"), r#"{"type":"browser"}"#)
            .as_array()
            .map(|entries| {
                entries.iter().map(|e| format!("{} {}", e["level"].as_str().unwrap_or(""), e["message"].as_str().unwrap_or(""))).collect()
            })
            .unwrap_or_default()
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        terminate(&mut self.child);
        // A test that stopped early never closed its browser: stop the ones a driver started
        // (Firefox under Marionette, MiniBrowser under automation), never a person's own.
        match self.engine {
            Engine::Firefox => drop(Command::new("pkill").args(["-f", "firefox-esr --marionette"]).status()),
            Engine::WebKit => drop(Command::new("pkill").args(["-f", "MiniBrowser --automation"]).status()),
            Engine::Chromium => {}
        }
        if let Some(display) = &mut self.display {
            terminate(display);
        }
        // A test that failed never closed its browser: stop whatever still uses this profile.
        let _ = Command::new("pkill").arg("-f").arg(&self.profile).status();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Saves a screenshot as `test-artifacts/<group>/<name>.png` (Chromium), or under
/// `test-artifacts/<engine>/<group>/` for Firefox and WebKit.
pub async fn screenshot(client: &Client, group: &str, name: &str) {
    let engine = Engine::current();
    let base = root().join("test-artifacts");
    let dir = if engine == Engine::Chromium { base.join(group) } else { base.join(engine.name()).join(group) };
    std::fs::create_dir_all(&dir).unwrap();
    let png = client.screenshot().await.expect("screenshot");
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

/// Runs a script and returns its value.
pub async fn js(client: &Client, script: &str) -> Value {
    client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// Polls `script` until it returns `true` (rendering is asynchronous); fails after 20 s with
/// `what`. This waits for an event; it asserts nothing about speed.
pub async fn until(client: &Client, what: &str, script: &str) {
    until_every(client, what, script, Duration::from_millis(25)).await
}

/// [`until`], polling every `interval`: a longer interval keeps the test's own scripts out of
/// the page's way while it is being timed.
pub async fn until_every(client: &Client, what: &str, script: &str, interval: Duration) {
    until_within(client, what, script, interval, Duration::from_secs(20)).await
}

/// Waits until the page has drawn two frames and run a task after them: what a resize or a
/// re-render started (a resize observer, a render it asks for) has then been painted.
pub async fn frames_drawn(client: &Client) {
    client
        .execute_async(
            "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(true), 0)));",
            vec![],
        )
        .await
        .expect("frames drawn");
}

/// Waits until the page's layout stops changing: what `signature` returns (a script's JSON
/// value) is the same after two frames as before them.
pub async fn layout_settled(client: &Client, signature: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut before = js(client, signature).await;
    loop {
        frames_drawn(client).await;
        let now = js(client, signature).await;
        if now == before {
            return;
        }
        assert!(Instant::now() < deadline, "the layout never settled: {before} then {now}");
        before = now;
    }
}

/// In the page: `window.textsCut(selector)` lists the elements matching `selector` whose text
/// is cut by any ancestor that clips (an ellipsis, a hidden overflow, a scroll box), each line
/// of the text measured against each such ancestor's inner box; `window.sidewaysScroll()`
/// lists what scrolls or reaches past the screen sideways: the page, any box that scrolls
/// (a column as well as the page: where the page itself cannot scroll, a column still can),
/// and anything past the screen's right edge that no ancestor clips.
pub const LAYOUT_PROBES: &str = r#"
const describe = e => e.tagName.toLowerCase() + (e.dataset && e.dataset.testid ? '[' + e.dataset.testid + ']' : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + (e.id ? '#' + e.id : '');
window.textsCut = selector => {
  const cut = [];
  for (const e of document.querySelectorAll(selector)) {
    if (!e.getClientRects().length || e.closest('.visually-hidden')) continue;
    const range = document.createRange(); range.selectNodeContents(e);
    const lines = Array.from(range.getClientRects()).filter(r => r.width > 0);
    for (let a = e; a && a !== document.documentElement; a = a.parentElement) {
      if (getComputedStyle(a).overflowX === 'visible') continue;
      const box = a.getBoundingClientRect(), left = box.left + a.clientLeft, right = left + a.clientWidth;
      for (const l of lines) if (l.left < left - 0.5 || l.right > right + 0.5) { cut.push(e.textContent.trim() + ' (by ' + describe(a) + ': ' + Math.round(l.left) + '–' + Math.round(l.right) + ' in ' + Math.round(left) + '–' + Math.round(right) + ')'); break; }
    }
  }
  return cut;
};
window.sidewaysScroll = () => {
  const d = document.documentElement, vw = d.clientWidth, out = [];
  if (d.scrollWidth > d.clientWidth + 1) out.push('the page: ' + d.scrollWidth + ' px in ' + d.clientWidth);
  for (const e of document.querySelectorAll('body *')) {
    if ((e.closest('svg') && e.tagName.toLowerCase() !== 'svg') || e.closest('.visually-hidden') || !e.getClientRects().length) continue;
    const s = getComputedStyle(e);
    if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && e.scrollWidth > e.clientWidth + 1) out.push(describe(e) + ' scrolls sideways ' + (e.scrollWidth - e.clientWidth) + ' px');
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 1 && s.position !== 'fixed') {
      let clipped = false;
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') { clipped = true; break; }
      if (!clipped) out.push(describe(e) + ' reaches ' + Math.round(r.right) + ' px of ' + vw);
    }
  }
  return out.slice(0, 12);
};
return true;
"#;

/// Opens the whole page (every panel) as a person does, by scrolling to the end of the page,
/// waits for it to take over, and scrolls back to the top, where the test found the page (the
/// keyboard focus is untouched). Does nothing when the whole page is already there.
pub async fn open_whole_page(client: &Client) {
    until(client, "the page", "return !!document.querySelector('[data-testid=app] [data-testid=ranking-table]');").await;
    js(
        client,
        "if (document.querySelector('[data-module=first]')) {
           window.scrollTo(0, document.body.scrollHeight);
           document.querySelectorAll('.results').forEach(c => c.scrollTop = c.scrollHeight);
         }
         return true;",
    )
    .await;
    until(
        client,
        "the whole page",
        "return !!document.querySelector('main[data-module=whole]') && !document.querySelector('[data-module=first]');",
    )
    .await;
    js(client, "window.scrollTo(0, 0); document.querySelectorAll('.controls, .results').forEach(c => c.scrollTop = 0); return true;").await;
}

/// Waits for the app whole: the demo's ranking and the examples' buttons.
pub async fn until_demo_with_examples(client: &Client) {
    open_whole_page(client).await;
    until(
        client,
        "the demo",
        "return !!document.querySelector('[data-testid=example-chicago]') && !!document.querySelector('[data-testid=school-row]');",
    )
    .await;
}

/// [`until_every`] with a longer patience, for work that takes long on a busy machine (a
/// large example fetched and read while other builds run).
pub async fn until_within(client: &Client, what: &str, script: &str, interval: Duration, patience: Duration) {
    let deadline = Instant::now() + patience;
    loop {
        if js(client, script).await == Value::Bool(true) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting for: {what}");
        tokio::time::sleep(interval).await;
    }
}

/// Attributes of every row of the ranking table, in the order shown, read as a person would:
/// the table shows only the rows in view, so scroll through it and collect them.
/// `row` is the rows' test id; `attributes` are `data-*` names in camelCase (`schoolId`).
pub async fn table_rows(client: &Client, row: &str, attributes: &[&str]) -> Vec<Vec<String>> {
    let total: usize = js(client, "return Number(document.querySelector('[data-testid=ranking-table]').getAttribute('aria-rowcount')) - 1;")
        .await
        .as_u64()
        .unwrap() as usize;
    let fields = attributes.iter().map(|a| format!("r.dataset.{a}")).collect::<Vec<_>>().join(", ");
    let read =
        format!("return Array.from(document.querySelectorAll('[data-testid={row}]')).map(r => [Number(r.dataset.position), [{fields}]]);");
    let mut rows: Vec<Option<Vec<String>>> = vec![None; total];
    let mut scroll_to = 0usize;
    loop {
        let seen: Vec<(usize, Vec<String>)> = serde_json::from_value(js(client, &read).await).unwrap();
        let last = seen.iter().map(|r| r.0).max().unwrap_or(0);
        for (position, values) in seen {
            rows[position] = Some(values);
        }
        if rows.iter().all(Option::is_some) {
            break;
        }
        assert!(last + 1 > scroll_to, "scrolling the ranking table shows no new rows");
        scroll_to = last + 1;
        js(client, &format!("const w = document.querySelector('[data-testid=ranking-scroll]'); w.scrollTop = {} * 36; w.dispatchEvent(new Event('scroll')); return true;", scroll_to.saturating_sub(5))).await;
        until(
            client,
            "the next rows to render",
            &format!("return !!document.querySelector('[data-testid={row}][data-position=\"{}\"]');", scroll_to.min(total - 1)),
        )
        .await;
    }
    js(client, "const w = document.querySelector('[data-testid=ranking-scroll]'); w.scrollTop = 0; w.dispatchEvent(new Event('scroll')); return true;").await;
    rows.into_iter().map(Option::unwrap).collect()
}

/// The school ids of the ranking table, in the order shown.
pub async fn school_order(client: &Client) -> Vec<String> {
    table_rows(client, "school-row", &["schoolId"]).await.into_iter().map(|mut r| r.remove(0)).collect()
}

/// Waits for a file whose name contains `part` to finish downloading into `dir`.
pub async fn downloaded(dir: &Path, part: &str) -> PathBuf {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let found = std::fs::read_dir(dir).ok().and_then(|d| {
            d.flatten().map(|e| e.path()).find(|p| {
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                name.contains(part) && !name.ends_with(".crdownload") && !name.ends_with(".tmp")
            })
        });
        // Chrome may show the final name before the bytes are in it: a download is
        // done when it is non-empty and its size held still between two looks.
        if let Some(path) = found {
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            if size > 0 {
                tokio::time::sleep(Duration::from_millis(100)).await;
                if std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) == size {
                    return path;
                }
            }
        }
        assert!(Instant::now() < deadline, "no finished download named like {part} in {}", dir.display());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Chooses local files in a file input (several paths at once).
pub async fn choose_files(client: &Client, testid: &str, paths: &[&Path]) {
    let input = by_testid(client, testid).await;
    let list = paths.iter().map(|p| p.canonicalize().unwrap().display().to_string()).collect::<Vec<_>>().join("\n");
    input.send_keys(&list).await.unwrap();
}

/// The text of the element with `data-testid` `testid` (empty when there is none).
pub async fn text_of(client: &Client, testid: &str) -> String {
    let script = format!("const e = document.querySelector('[data-testid={testid}]'); return e ? e.textContent : '';");
    js(client, &script).await.as_str().unwrap_or("").to_string()
}

pub async fn by_testid(client: &Client, id: &str) -> fantoccini::elements::Element {
    client.find(Locator::Css(&format!("[data-testid=\"{id}\"]"))).await.unwrap_or_else(|e| panic!("no element {id}: {e}"))
}

/// Runs the `ses` CLI.
pub fn ses(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_ses")).args(args).output().expect("run ses");
    assert!(out.status.success(), "ses {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// A scratch folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ses-e2e-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Count, median, 95th percentile and largest of some timings.
pub fn stats(values: &[f64]) -> Value {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v.get(((v.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or(0.0);
    serde_json::json!({ "count": v.len(), "median": at(0.5), "p95": at(0.95), "max": at(1.0) })
}

/// All `performance.measure` entries with this name, in milliseconds.
pub async fn measures(client: &Client, name: &str) -> Vec<f64> {
    let v = js(client, &format!("return performance.getEntriesByName('{name}', 'measure').map(e => e.duration);")).await;
    serde_json::from_value(v).unwrap()
}

/// Drags the slider `testid` with the mouse from near its left end to near its right, in
/// `moves` moves about a frame apart, as a person drags, and reports what each step the app
/// took cost: its `ses:render` and `ses:frame` (median and p95, from the app's dispatch), the
/// time from the browser's pointer move to the frame that painted it (the browser holds a move
/// until the next frame begins, on any page), and how many frames began between dispatch and
/// paint (0: painted in the frame under way, which a move handed over at a frame's start can
/// be; 1: in the first to begin after). Measures are cleared first.
pub async fn drag_timings(client: &Client, testid: &str, moves: u32) -> Value {
    use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
    js(
        client,
        &format!(
            "performance.clearMeasures(); window.frameStarts = []; (function frame(t) {{ window.frameStarts.push(t); requestAnimationFrame(frame); }})(performance.now()); \
             window.pointerMoves = []; document.querySelector('[data-testid={testid}]').addEventListener('pointermove', e => window.pointerMoves.push(e.timeStamp)); \
             return true;"
        ),
    )
    .await;
    let slider = by_testid(client, testid).await;
    let width = js(client, &format!("return document.querySelector('[data-testid={testid}]').getBoundingClientRect().width;"))
        .await
        .as_f64()
        .unwrap();
    let step = (width - 16.0) / f64::from(moves);
    let mut drag = MouseActions::new("drag".into())
        .then(PointerAction::MoveToElement { element: slider, duration: None, x: -(width / 2.0) + 8.0, y: 0.0 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT });
    for _ in 0..moves {
        drag = drag.then(PointerAction::MoveBy { duration: Some(Duration::from_millis(17)), x: step, y: 0.0 });
    }
    client.perform_actions(drag.then(PointerAction::Up { button: MOUSE_BUTTON_LEFT })).await.unwrap();
    client.release_actions().await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let steps: Vec<(f64, f64)> = serde_json::from_value(
        js(client, "return performance.getEntriesByName('ses:frame', 'measure').map(m => [m.startTime, m.duration]);").await,
    )
    .unwrap();
    let (frame_starts, pointer_moves): (Vec<f64>, Vec<f64>) = (
        serde_json::from_value(js(client, "return window.frameStarts;").await).unwrap(),
        serde_json::from_value(js(client, "return window.pointerMoves;").await).unwrap(),
    );
    let frames_to_paint: Vec<usize> =
        steps.iter().map(|&(start, duration)| frame_starts.iter().filter(|&&t| t > start && t <= start + duration).count()).collect();
    // Each step from the last pointer move before its dispatch.
    let from_move: Vec<f64> = steps
        .iter()
        .filter_map(|&(start, duration)| pointer_moves.iter().rev().find(|&&m| m <= start).map(|m| start + duration - m))
        .collect();
    serde_json::json!({
        "moves": moves,
        "steps": steps.len(),
        "render_ms": stats(&measures(client, "ses:render").await),
        "frame_ms": stats(&steps.iter().map(|s| s.1).collect::<Vec<_>>()),
        "pointer_move_to_frame_ms": stats(&from_move),
        "painted_in_the_first_frame": frames_to_paint.iter().filter(|&&n| n <= 1).count(),
        "frames_to_paint": frames_to_paint,
    })
}

/// The cells of presenter mode's table whose text does not fit them (the names excepted,
/// which end in an ellipsis when too long): each as its text.
pub async fn presenter_cells_cut(client: &Client) -> Vec<String> {
    serde_json::from_value(
        js(
            client,
            // Where the cell's visible text lies (an ellipsis only paints over it; text for
            // screen readers alone is left out) against the cell's room inside its padding.
            "return Array.from(document.querySelectorAll('[data-testid=presenter] table th, [data-testid=presenter] table td')) \
               .filter(c => !c.classList.contains('p-name') && !c.closest('tr.gap') && c.getClientRects().length > 0) \
               .filter(c => { \
                 const walk = document.createTreeWalker(c, NodeFilter.SHOW_TEXT); let left = Infinity, right = -Infinity; \
                 while (walk.nextNode()) { const n = walk.currentNode; if (n.parentElement.closest('.visually-hidden') || !n.textContent.trim()) continue; \
                   const r = document.createRange(); r.selectNodeContents(n); const b = r.getBoundingClientRect(); left = Math.min(left, b.left); right = Math.max(right, b.right); } \
                 const b = c.getBoundingClientRect(), s = getComputedStyle(c); \
                 return left < b.left + parseFloat(s.paddingLeft) - 0.01 || right > b.right - parseFloat(s.paddingRight) + 0.01; }) \
               .map(c => c.textContent.trim());",
        )
        .await,
    )
    .unwrap()
}

/// The browser log holds no policy violation and no error. A probe message written first
/// shows the log is really being read.
pub async fn assert_clean_log(driver: &Driver, client: &Client) {
    if driver.engine.lacks(Capability::ConsoleLog, "the check of the console log") {
        // What can be seen without the log: the page still answers, and shows no failure.
        let failed = js(
            client,
            "return Array.from(document.querySelectorAll('[role=alert]')).some(e => /could not start|no pudo arrancar|panicked/.test(e.textContent));",
        )
        .await;
        assert_eq!(failed, Value::Bool(false), "the page shows no failure to start");
        return;
    }
    js(client, "console.info('ses-e2e-log-probe'); return true;").await;
    let log = driver.browser_log(client).await;
    assert!(log.iter().any(|l| l.contains("ses-e2e-log-probe")), "the browser log is readable: {log:?}");
    let bad: Vec<&String> =
        log.iter().filter(|l| l.starts_with("SEVERE") || l.contains("Content Security Policy") || l.contains("panicked")).collect();
    assert!(bad.is_empty(), "browser log: {bad:#?}");
}

/// One rule that axe-core found broken: its id, impact, how many elements, and a few of them.
#[derive(Debug)]
pub struct AxeViolation {
    pub rule: String,
    pub impact: String,
    pub count: usize,
    pub help: String,
    pub examples: Vec<String>,
}

/// The axe-core script installed by `scripts/install-tools.sh`; `None` (after saying so) when
/// it is missing and the browser tests are not required.
fn axe_source() -> Option<String> {
    let dir = std::env::var_os("SES_TOOLS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache/ses-explorer/tools"));
    let path = dir.join("node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(_) if std::env::var_os("SES_REQUIRE_E2E").is_some() => panic!("{} is missing (scripts/install-tools.sh)", path.display()),
        Err(_) => {
            eprintln!("SKIPPED: the accessibility audit needs {} (scripts/install-tools.sh)", path.display());
            None
        }
    }
}

/// Runs axe-core on the page as it is now (WCAG 2.x A and AA rules and best practices) and
/// returns the violations; `None` when axe-core is not installed.
pub async fn axe_audit(client: &Client) -> Option<Vec<AxeViolation>> {
    let source = axe_source()?;
    // WebDriver's scripts are not subject to the page's Content-Security-Policy.
    client.execute(&format!("{source}\nreturn true;"), vec![]).await.expect("axe-core loads");
    let result = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then(r => done(r.violations.map(v => [v.id, v.impact || '', v.nodes.length, v.help, v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\\n').slice(0, 2).join(' '))])))
               .catch(e => done([['axe-error', 'critical', 1, String(e), []]]));",
            vec![],
        )
        .await
        .expect("axe-core runs");
    let rows: Vec<(String, String, usize, String, Vec<String>)> = serde_json::from_value(result).expect("axe's answer");
    Some(rows.into_iter().map(|(rule, impact, count, help, examples)| AxeViolation { rule, impact, count, help, examples }).collect())
}

/// Audits the page and fails on any serious or critical violation, naming each; lesser ones
/// are printed.
pub async fn assert_accessible(client: &Client, view: &str) {
    let Some(violations) = axe_audit(client).await else { return };
    for v in &violations {
        eprintln!("axe on {view}: {} ({}) ×{}: {} {:?}", v.rule, v.impact, v.count, v.help, v.examples);
    }
    let serious: Vec<&AxeViolation> = violations.iter().filter(|v| v.impact == "serious" || v.impact == "critical").collect();
    assert!(serious.is_empty(), "axe-core finds serious or critical violations on {view}: {serious:#?}");
}

/// Presses a key as the keyboard does, wherever the focus is (typing into an element would
/// treat a file input's keys as a file name). `key` is a character or a `Key` as a char.
pub async fn press(client: &Client, key: impl Into<char>) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let value: char = key.into();
    let actions = KeyActions::new("keyboard".into()).then(KeyAction::Down { value }).then(KeyAction::Up { value });
    client.perform_actions(actions).await.unwrap();
}

/// Width and height of a PNG file, from its header.
pub fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.len() >= 24, "a PNG of {} bytes is too short for its header", bytes.len());
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

/// Chicago's published tier of every tract, from the repository's copy of CPS's file:
/// `TRACT` → `6-Factor Socioeconomic Tier`.
pub fn chicago_published_tiers() -> std::collections::HashMap<String, String> {
    let path = root().join("examples/chicago/cps-tracts-fy2015.csv");
    let table = ses_explorer::engine::table::Table::parse("cps", &std::fs::read(&path).unwrap()).unwrap();
    table
        .text_column("TRACT", Purpose::Indicator)
        .unwrap()
        .into_iter()
        .zip(table.text_column("6-Factor Socioeconomic Tier", Purpose::Indicator).unwrap())
        .collect()
}

/// The map's paths (`[id, tier, fill]`) against each area's expected tier: every area with a
/// tier has it on the map, and the others are hatched with no tier. Returns the hatched ids.
pub fn hatched_and_tiered_as(paths: &[[String; 3]], tiers: &std::collections::HashMap<String, String>) -> Vec<String> {
    let mut hatched = Vec::new();
    for [id, tier, fill] in paths {
        match tiers.get(id) {
            Some(t) => assert_eq!(t, tier, "area {id}"),
            None => {
                assert_eq!((tier.as_str(), fill.as_str()), ("", "url(#map-no-data)"), "area {id}");
                hatched.push(id.clone());
            }
        }
    }
    hatched
}

/// Clicks a control further down a scrolling column once it has stopped moving. Panels above
/// it may still change height as they come into view (an off-screen panel is laid out when it
/// nears the screen, and catches up with the state after a pause), and a click aimed while they
/// do would land on whatever moved under it.
pub async fn click_settled(client: &Client, testid: &str) {
    let selector = format!("[data-testid={testid}]");
    js(client, &format!("document.querySelector('{selector}').scrollIntoView({{block: 'center'}}); return true;")).await;
    let mut last = f64::NAN;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        tokio::time::sleep(Duration::from_millis(120)).await;
        let top = js(client, &format!("return document.querySelector('{selector}').getBoundingClientRect().top;")).await.as_f64().unwrap();
        if top == last {
            break;
        }
        assert!(Instant::now() < deadline, "{testid} kept moving");
        last = top;
    }
    by_testid(client, testid).await.click().await.unwrap();
}
