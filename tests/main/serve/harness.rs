//! The `serve` test harness: a real `xietong serve` on an ephemeral loopback port ([`Preview`]),
//! plain HTTP/1.1 GETs over `TcpStream` ([`Preview::get`]) and a reader of the live-reload event
//! stream ([`Events`]).
//!
//! Everything waits with a deadline and panics with what it saw (and, through [`Preview`]'s
//! `Drop`, the server's log), so a hung server fails a test instead of hanging the suite. The
//! child process is killed, and its preview directory removed, when the [`Preview`] is dropped,
//! including during a panic.

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::util::{Json, SiteTest};

/// How long any single wait may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(10);

/// The line `serve` prints once it is serving: `预览地址：http://ADDR/BASE/（Ctrl+C 退出）`.
const ANNOUNCE: &str = "预览地址：";
/// Logged when a batch of changes starts a rebuild: `检测到 N 个文件变化，正在重新生成……`.
pub const REBUILD_START: &str = "检测到";
/// The lines that end a rebuild: pages written, nothing changed, or an error.
const REBUILD_ENDS: [&str; 3] = ["已更新", "没有页面变化", "构建失败"];

/// A running `xietong serve --root <site> --port 0`; killed when dropped.
pub struct Preview {
    child: Child,
    log: Arc<Mutex<Vec<String>>>,
    /// Where the server listens.
    pub addr: SocketAddr,
    /// The site's base path, `/xietong/`.
    pub base: String,
    /// `http://ADDR/xietong/`, as announced.
    pub url: String,
}

impl Preview {
    /// Starts `xietong serve --port 0` on `site`, waits until it announces its address, then
    /// until its watcher demonstrably sees changes (see [`Preview::wait_until_watching`]).
    pub fn start(site: &SiteTest) -> Preview {
        Preview::start_with(site, &["--port", "0"])
    }

    /// [`Preview::start`] with other arguments after `serve --root <root>`.
    pub fn start_with(site: &SiteTest, args: &[&str]) -> Preview {
        // The readiness probe writes under data/, which the watcher watches and builds ignore.
        std::fs::create_dir_all(site.root().join("data")).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_xietong"))
            .arg("serve")
            .arg("--root")
            .arg(site.root())
            .args(args)
            .current_dir(site.root())
            .env_remove("XIETONG_SERVE_LOG")
            .env_remove("RAYON_NUM_THREADS")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start `xietong serve`");
        let stderr = child.stderr.take().expect("piped stderr");
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            let mut reader = std::io::BufReader::new(stderr);
            let mut line = Vec::new();
            loop {
                line.clear();
                match std::io::BufRead::read_until(&mut reader, b'\n', &mut line) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {
                        let text = String::from_utf8_lossy(&line).trim_end().to_string();
                        sink.lock().unwrap().push(text);
                    }
                }
            }
        });
        // From here on the guard owns the child: any panic below kills it.
        let mut p = Preview {
            child,
            log,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            base: String::new(),
            url: String::new(),
        };
        let line = p.wait_log(0, |l| l.contains(ANNOUNCE), "the address line");
        let url = line
            .split(ANNOUNCE)
            .nth(1)
            .and_then(|rest| rest.split('（').next())
            .unwrap_or_else(|| panic!("cannot read the address from {line:?}"))
            .to_string();
        let rest = url
            .strip_prefix("http://")
            .unwrap_or_else(|| panic!("not an http:// URL: {url:?}"));
        let slash = rest
            .find('/')
            .unwrap_or_else(|| panic!("no path in {url:?}"));
        p.addr = rest[..slash]
            .parse()
            .unwrap_or_else(|e| panic!("bad address in {url:?}: {e}"));
        assert!(
            p.addr.ip().is_loopback(),
            "serve listens on {} by default",
            p.addr
        );
        assert_ne!(
            p.addr.port(),
            0,
            "the announced port is the one actually listened on"
        );
        p.base = rest[slash..].to_string();
        p.url = url;
        p.wait_until_watching(site);
        p
    }

    /// `serve` announces its address before it starts watching, so an edit made right after the
    /// announcement could go unseen. Write a file under `data/` (watched; not read by builds)
    /// until a rebuild starts, then wait for that rebuild to end.
    fn wait_until_watching(&self, site: &SiteTest) {
        let deadline = Instant::now() + WAIT;
        for i in 0.. {
            let from = self.log_len();
            site.write("data/serve-probe.txt", &format!("probe {i}\n"));
            let until = Instant::now() + Duration::from_millis(500);
            while Instant::now() < until {
                if self
                    .log_since(from)
                    .iter()
                    .any(|l| l.starts_with(REBUILD_START))
                {
                    self.wait_log(
                        from,
                        |l| REBUILD_ENDS.iter().any(|e| l.starts_with(e)),
                        "the probe's rebuild",
                    );
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            assert!(
                Instant::now() < deadline,
                "the watcher never saw data/serve-probe.txt change\n{}",
                self.log_text()
            );
        }
    }

    /// The preview directory `serve` builds into: `<temp>/xietong-serve-<pid>`.
    pub fn out_dir(&self) -> PathBuf {
        std::env::temp_dir().join(format!("xietong-serve-{}", self.child.id()))
    }

    /// Sends SIGTERM to the server (by its PID) and waits for it to exit.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let sent = std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -TERM {pid}");
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "serve did not stop on SIGTERM\n{}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// How many lines the server has logged so far.
    pub fn log_len(&self) -> usize {
        self.log.lock().unwrap().len()
    }

    /// The server's log lines from index `from` on.
    pub fn log_since(&self, from: usize) -> Vec<String> {
        let log = self.log.lock().unwrap();
        log.get(from..).map(<[String]>::to_vec).unwrap_or_default()
    }

    /// The whole log, for failure messages.
    pub fn log_text(&self) -> String {
        format!("--- serve log ---\n{}", self.log.lock().unwrap().join("\n"))
    }

    /// Waits for a log line from index `from` on that matches; returns it.
    #[track_caller]
    pub fn wait_log(&self, from: usize, matches: impl Fn(&str) -> bool, what: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(l) = self.log_since(from).into_iter().find(|l| matches(l)) {
                return l;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}\n{}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the log has been quiet for `quiet` (at most [`WAIT`] in all); returns the
    /// lines logged since `from`.
    pub fn settle(&self, from: usize, quiet: Duration) -> Vec<String> {
        let deadline = Instant::now() + WAIT;
        let mut len = self.log_len();
        let mut since = Instant::now();
        while since.elapsed() < quiet && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
            let now = self.log_len();
            if now != len {
                len = now;
                since = Instant::now();
            }
        }
        self.log_since(from)
    }

    /// GETs `target` (sent exactly as given: no normalisation, no encoding) over a fresh
    /// connection.
    #[track_caller]
    pub fn get(&self, target: &str) -> Resp {
        let mut s = self.connect();
        let rq = format!(
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        );
        s.write_all(rq.as_bytes()).unwrap();
        let mut raw = Vec::new();
        let head_end = loop {
            if let Some(i) = find(&raw, b"\r\n\r\n") {
                break i;
            }
            let mut chunk = [0u8; 8192];
            match s.read(&mut chunk) {
                Ok(0) => panic!(
                    "GET {target}: connection closed before the response head: {:?}",
                    String::from_utf8_lossy(&raw)
                ),
                Ok(n) => raw.extend_from_slice(&chunk[..n]),
                Err(e) => panic!("GET {target}: {e}\n{}", self.log_text()),
            }
        };
        let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap_or("");
        let status: u16 = status_line
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("GET {target}: bad status line {status_line:?}"));
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let mut body = raw[head_end + 4..].to_vec();
        let len = headers
            .iter()
            .find(|(k, _)| k == "content-length")
            .map(|(_, v)| v.parse::<usize>().unwrap());
        loop {
            if len.is_some_and(|n| body.len() >= n) {
                break;
            }
            let mut chunk = [0u8; 65536];
            match s.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => body.extend_from_slice(&chunk[..n]),
                Err(e) => panic!("GET {target}: reading the body: {e}\n{}", self.log_text()),
            }
        }
        if let Some(n) = len {
            assert_eq!(
                body.len(),
                n,
                "GET {target}: body shorter than its Content-Length"
            );
        }
        Resp {
            target: target.to_string(),
            status,
            headers,
            body,
        }
    }

    /// GETs a page under the base path (`rel` like `carbon/a/`) and asserts 200.
    #[track_caller]
    pub fn page(&self, rel: &str) -> String {
        let r = self.get(&format!("{}{rel}", self.base));
        assert_eq!(
            r.status,
            200,
            "GET {}{rel}: {}\n{}",
            self.base,
            r.text(),
            self.log_text()
        );
        r.text()
    }

    /// Opens the live-reload stream `{base}__livereload` and reads up to its `hello` event, so
    /// that every event sent from now on arrives.
    #[track_caller]
    pub fn events(&self) -> Events {
        let mut s = self.connect();
        let rq = format!(
            "GET {}__livereload HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.base, self.addr
        );
        s.write_all(rq.as_bytes()).unwrap();
        let mut ev = Events {
            stream: s,
            buf: Vec::new(),
            seen: Vec::new(),
        };
        let head_end = loop {
            if let Some(i) = find(&ev.buf, b"\r\n\r\n") {
                break i;
            }
            assert!(
                ev.fill(Instant::now() + WAIT),
                "no response head on the event stream: {:?}",
                String::from_utf8_lossy(&ev.buf)
            );
        };
        let head = String::from_utf8_lossy(&ev.buf[..head_end]).to_ascii_lowercase();
        assert!(
            head.starts_with("http/1.1 200"),
            "event stream answered {head:?}"
        );
        assert!(
            head.contains("content-type: text/event-stream"),
            "event stream head: {head:?}"
        );
        ev.buf.drain(..head_end + 4);
        let hello = ev.next(WAIT).expect("no hello event on the event stream");
        assert_eq!(hello.event, "hello", "the first event: {hello:?}");
        ev
    }

    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect_timeout(&self.addr, WAIT)
            .unwrap_or_else(|e| panic!("connect to {}: {e}", self.addr));
        s.set_read_timeout(Some(WAIT)).unwrap();
        s.set_write_timeout(Some(WAIT)).unwrap();
        s
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // serve leaves its preview directory behind when killed; it is this test's to remove.
        let _ = std::fs::remove_dir_all(self.out_dir());
        if std::thread::panicking() {
            eprintln!("{}", self.log_text());
        }
    }
}

/// One HTTP response.
#[derive(Debug)]
#[allow(dead_code)]
pub struct Resp {
    /// The request target, for messages.
    pub target: String,
    /// Status code.
    pub status: u16,
    /// Headers, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Resp {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One Server-Sent Events frame.
#[derive(Debug, Clone)]
pub struct Frame {
    /// The `event:` name (`message` when absent).
    pub event: String,
    /// The `data:` lines joined with `\n`.
    pub data: String,
}

impl Frame {
    /// The data parsed as JSON.
    #[track_caller]
    pub fn json(&self) -> Json {
        Json::parse(&self.data)
            .unwrap_or_else(|e| panic!("{} data is not JSON ({e}): {:?}", self.event, self.data))
    }

    /// The `paths` of a `reload` or `css` event.
    #[track_caller]
    pub fn paths(&self) -> Vec<String> {
        self.json()
            .get("paths")
            .arr()
            .iter()
            .map(|p| p.str().to_string())
            .collect()
    }
}

/// The live-reload event stream, read with deadlines.
pub struct Events {
    stream: TcpStream,
    buf: Vec<u8>,
    /// Every frame read so far, for failure messages.
    pub seen: Vec<Frame>,
}

impl Events {
    /// Reads more bytes; false at the deadline or when the server closed the stream.
    fn fill(&mut self, deadline: Instant) -> bool {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return false;
        }
        self.stream
            .set_read_timeout(Some(left.min(Duration::from_millis(200))))
            .unwrap();
        let mut chunk = [0u8; 8192];
        match self.stream.read(&mut chunk) {
            Ok(0) => false,
            Ok(n) => {
                self.buf.extend_from_slice(&chunk[..n]);
                true
            }
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
                ) =>
            {
                Instant::now() < deadline
            }
            Err(e) => panic!("reading the event stream: {e}"),
        }
    }

    /// The next event (comments and bare `retry:` frames skipped), or `None` after `timeout`.
    pub fn next(&mut self, timeout: Duration) -> Option<Frame> {
        let deadline = Instant::now() + timeout;
        loop {
            while let Some(i) = find(&self.buf, b"\n\n") {
                let raw: Vec<u8> = self.buf.drain(..i + 2).collect();
                let text = String::from_utf8_lossy(&raw).into_owned();
                let (mut event, mut data) = (None, Vec::new());
                for line in text.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        event = Some(v.trim_start().to_string());
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push(v.strip_prefix(' ').unwrap_or(v).to_string());
                    }
                }
                if event.is_none() && data.is_empty() {
                    continue;
                }
                let f = Frame {
                    event: event.unwrap_or_else(|| "message".into()),
                    data: data.join("\n"),
                };
                self.seen.push(f.clone());
                return Some(f);
            }
            if !self.fill(deadline) {
                return None;
            }
        }
    }

    /// The next event, which must arrive within [`WAIT`].
    #[track_caller]
    pub fn expect_next(&mut self, what: &str) -> Frame {
        self.next(WAIT).unwrap_or_else(|| {
            panic!(
                "no event within {WAIT:?} after {what}; seen: {:?}",
                self.seen
            )
        })
    }

    /// Every event that arrives until none has for `quiet` (at most [`WAIT`] in all).
    pub fn drain(&mut self, quiet: Duration) -> Vec<Frame> {
        let deadline = Instant::now() + WAIT;
        let mut out = Vec::new();
        while Instant::now() < deadline {
            match self.next(quiet) {
                Some(f) => out.push(f),
                None => break,
            }
        }
        out
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
