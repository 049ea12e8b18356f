//! Shared harness for the real-browser tests: a static file server for the built app that logs
//! every request, chromedriver on a free port, a headless Chromium session, and screenshots
//! saved under `test-artifacts/`.
//!
//! The tests need `dist/` (from `trunk build --release`) and chromedriver. Without them they
//! print SKIPPED and pass, unless `SES_REQUIRE_E2E=1` (set by `scripts/test.sh`), when they fail.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether the browser tests can run here; prints why not, or fails when they are required.
pub fn e2e_ready() -> bool {
    let dist = root().join("dist/index.html");
    let chromedriver = Command::new("chromedriver").arg("--version").output().is_ok_and(|o| o.status.success());
    let missing = match (dist.exists(), chromedriver) {
        (true, true) => return true,
        (false, _) => "dist/ has no built app (run trunk build --release)",
        (_, false) => "chromedriver is not installed (scripts/install-tools.sh)",
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

/// Serves `dist/` on 127.0.0.1 (a free port) and logs every request.
pub struct StaticServer {
    pub base: String,
    pub log: Arc<Mutex<Vec<LoggedRequest>>>,
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
        _ => "application/octet-stream",
    }
}

fn serve(mut stream: TcpStream, dist: &Path, log: &Mutex<Vec<LoggedRequest>>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
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
    let relative = if path == "/" { "index.html".to_string() } else { path.trim_start_matches('/').to_string() };
    let file = dist.join(&relative);
    let inside = !relative.contains("..");
    let body = (method == "GET" && inside).then(|| std::fs::read(&file).ok()).flatten();
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
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let log = Arc::new(Mutex::new(Vec::new()));
        let dist = root().join("dist");
        let thread_log = Arc::clone(&log);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (dist, log) = (dist.clone(), Arc::clone(&thread_log));
                std::thread::spawn(move || serve(stream, &dist, &log));
            }
        });
        StaticServer { base, log }
    }

    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.log.lock().unwrap().clone()
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// chromedriver on a free port, stopped when dropped.
pub struct Driver {
    child: Child,
    pub url: String,
    profile: PathBuf,
}

impl Driver {
    pub fn start() -> Driver {
        let port = free_port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start listening");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = std::env::temp_dir().join(format!("ses-e2e-profile-{}-{port}", std::process::id()));
        Driver { child, url: format!("http://127.0.0.1:{port}"), profile }
    }

    /// A fresh headless Chromium session (new profile) with the given window size.
    pub async fn browser(&self, width: u32, height: u32) -> Client {
        let _ = std::fs::remove_dir_all(&self.profile);
        let args = [
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
        let caps = json!({ "goog:chromeOptions": { "binary": "/usr/bin/chromium", "args": args } });
        let caps = match caps {
            Value::Object(map) => map,
            _ => unreachable!(),
        };
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&self.url)
            .await
            .expect("a WebDriver session")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Saves a screenshot as `test-artifacts/<group>/<name>.png`.
pub async fn screenshot(client: &Client, group: &str, name: &str) {
    let dir = root().join("test-artifacts").join(group);
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
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if js(client, script).await == Value::Bool(true) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting for: {what}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// The school ids of the ranking table, in the order shown, read as a person would: the table
/// shows only the rows in view, so scroll through it and collect them.
pub async fn school_order(client: &Client) -> Vec<String> {
    let total: usize = js(client, "return Number(document.querySelector('[data-testid=ranking-table]').getAttribute('aria-rowcount')) - 1;")
        .await
        .as_u64()
        .unwrap() as usize;
    let mut ids: Vec<Option<String>> = vec![None; total];
    let mut scroll_to = 0usize;
    loop {
        let rows = js(client, "return Array.from(document.querySelectorAll('[data-testid=school-row]')).map(r => [Number(r.dataset.position), r.dataset.schoolId]);").await;
        let rows: Vec<(usize, String)> = serde_json::from_value(rows).unwrap();
        let last = rows.iter().map(|r| r.0).max().unwrap_or(0);
        for (position, id) in rows {
            ids[position] = Some(id);
        }
        if ids.iter().all(Option::is_some) {
            break;
        }
        assert!(last + 1 > scroll_to, "scrolling the ranking table shows no new rows");
        scroll_to = last + 1;
        js(client, &format!("const w = document.querySelector('[data-testid=ranking-scroll]'); w.scrollTop = {} * 36; w.dispatchEvent(new Event('scroll')); return true;", scroll_to.saturating_sub(5))).await;
        until(
            client,
            "the next rows to render",
            &format!("return !!document.querySelector('[data-testid=school-row][data-position=\"{}\"]');", scroll_to.min(total - 1)),
        )
        .await;
    }
    js(client, "const w = document.querySelector('[data-testid=ranking-scroll]'); w.scrollTop = 0; return true;").await;
    ids.into_iter().map(Option::unwrap).collect()
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

/// All `performance.measure` entries with this name, in milliseconds.
pub async fn measures(client: &Client, name: &str) -> Vec<f64> {
    let v = js(client, &format!("return performance.getEntriesByName('{name}', 'measure').map(e => e.duration);")).await;
    serde_json::from_value(v).unwrap()
}
