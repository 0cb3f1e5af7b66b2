//! A real server on an ephemeral loopback port over a temporary site, spoken to with plain
//! `TcpStream` HTTP/1.1.

use std::fs;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::*;

const SECRET: &str = "TOP-SECRET-不可外泄";
const TIMEOUT: Duration = Duration::from_secs(5);

/// A temporary directory holding `site/` (what the server serves) and, beside it, a secret the
/// server must never hand out.
struct Fixture {
    dir: tempfile::TempDir,
    hub: Arc<Hub>,
    server: Option<ServerHandle>,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let files: &[(&str, &[u8])] = &[
            ("index.html", "<h1>首页</h1>".as_bytes()),
            ("404.html", "<h1>页面未找到</h1>".as_bytes()),
            ("carbon/a/index.html", "<h1>碳排放</h1>".as_bytes()),
            ("北京/index.html", "<h1>北京</h1>".as_bytes()),
            ("css/style.css", b"body{color:red}"),
            ("js/search.js", b"console.log(1)"),
            ("atom.xml", b"<feed/>"),
            ("carbon/atom.xml", b"<feed/>"),
            ("sitemap.xml", b"<urlset/>"),
            ("search.json", b"{}"),
            ("favicon.svg", b"<svg/>"),
            ("img/a.png", b"\x89PNG"),
            ("img/b.jpg", b"\xff\xd8"),
            ("img/c.webp", b"RIFF"),
            ("fonts/f.woff2", b"wOF2"),
            ("robots.txt", b"User-agent: *"),
            ("empty/.keep", b""),
        ];
        for (name, body) in files {
            let path = site.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, body).unwrap();
        }
        fs::write(dir.path().join("secret.txt"), SECRET).unwrap();
        Fixture {
            dir,
            hub: Arc::new(Hub::new()),
            server: None,
        }
    }

    fn site(&self) -> std::path::PathBuf {
        self.dir.path().join("site")
    }

    /// Starts the server with `base_path`; `tune` may adjust it first (heartbeat).
    fn start_with(mut self, base_path: &str, tune: impl FnOnce(&mut Server)) -> Fixture {
        let mut server = Server::bind("127.0.0.1:0".parse().unwrap(), false).unwrap();
        tune(&mut server);
        let cfg = ServerConfig {
            site_dir: self.site(),
            base_path: base_path.into(),
            hub: Arc::clone(&self.hub),
        };
        self.server = Some(server.spawn(cfg));
        self
    }

    fn start(self, base_path: &str) -> Fixture {
        self.start_with(base_path, |_| {})
    }

    fn addr(&self) -> SocketAddr {
        self.server.as_ref().unwrap().local_addr()
    }

    fn get(&self, target: &str) -> Reply {
        request(self.addr(), "GET", target)
    }

    /// Stops the server, failing the test if that takes longer than [`TIMEOUT`].
    fn stop(&mut self) {
        let server = self.server.take().unwrap();
        let (done, stopped) = mpsc::channel();
        std::thread::spawn(move || {
            server.stop();
            let _ = done.send(());
        });
        stopped
            .recv_timeout(TIMEOUT)
            .expect("the server stops within the timeout");
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if self.server.is_some() && !std::thread::panicking() {
            self.stop();
        }
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Asserts that nothing of the secret (or of a system file) leaked.
    fn assert_no_leak(&self) {
        let body = self.text();
        assert!(!body.contains(SECRET), "secret leaked: {body}");
        assert!(!body.contains("root:"), "/etc/passwd leaked: {body}");
    }
}

/// One HTTP/1.1 request with `target` sent exactly as given, and the whole reply.
fn request(addr: SocketAddr, method: &str, target: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    parse(&raw, method == "HEAD")
}

fn parse(raw: &[u8], head: bool) -> Reply {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head");
    let head_text = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head_text.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .map(|l| {
            let (n, v) = l.split_once(':').unwrap();
            (n.trim().to_owned(), v.trim().to_owned())
        })
        .collect();
    let body = raw[split + 4..].to_vec();
    let reply = Reply {
        status,
        headers,
        body,
    };
    if !head {
        if let Some(len) = reply.header("Content-Length") {
            assert_eq!(
                reply.body.len(),
                len.parse::<usize>().unwrap(),
                "body matches its length"
            );
        }
    }
    reply
}

/// Reads from `stream` until what arrived contains `needle`, or fails after [`TIMEOUT`].
fn read_until(stream: &mut TcpStream, seen: &mut String, needle: &str) {
    let deadline = Instant::now() + TIMEOUT;
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let mut buf = [0; 4096];
    while !seen.contains(needle) {
        assert!(
            Instant::now() < deadline,
            "no {needle:?} within {TIMEOUT:?}; got {seen:?}"
        );
        match stream.read(&mut buf) {
            Ok(0) => panic!("stream closed before {needle:?}; got {seen:?}"),
            Ok(n) => seen.push_str(&String::from_utf8_lossy(&buf[..n])),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(e) => panic!("read failed: {e}"),
        }
    }
}

/// Opens the event stream at `target` and reads up to the server's greeting.
fn open_stream(addr: SocketAddr, target: &str) -> (TcpStream, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let mut seen = String::new();
    read_until(&mut stream, &mut seen, "event: hello\ndata: ");
    read_until(&mut stream, &mut seen, "}\n\n");
    (stream, seen)
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + TIMEOUT;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

// ------------------------------------------------------------------------------ files

#[test]
fn content_types_follow_the_file_name() {
    let site = Fixture::new().start("/");
    for (path, expected) in [
        ("/", "text/html; charset=utf-8"),
        ("/css/style.css", "text/css; charset=utf-8"),
        ("/js/search.js", "text/javascript; charset=utf-8"),
        ("/atom.xml", "application/atom+xml"),
        ("/carbon/atom.xml", "application/atom+xml"),
        ("/sitemap.xml", "application/xml"),
        ("/search.json", "application/json"),
        ("/favicon.svg", "image/svg+xml"),
        ("/img/a.png", "image/png"),
        ("/img/b.jpg", "image/jpeg"),
        ("/img/c.webp", "image/webp"),
        ("/fonts/f.woff2", "font/woff2"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ] {
        let reply = site.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("Content-Type"), Some(expected), "{path}");
        assert_eq!(reply.header("Cache-Control"), Some("no-store"), "{path}");
    }
    assert_eq!(site.get("/css/style.css").text(), "body{color:red}");
    assert_eq!(site.get("/img/a.png").body, b"\x89PNG");
}

#[test]
fn directories_serve_their_index() {
    let site = Fixture::new().start("/");
    assert_eq!(site.get("/").text(), "<h1>首页</h1>");
    let reply = site.get("/carbon/a/");
    assert_eq!(
        (reply.status, reply.text().as_str()),
        (200, "<h1>碳排放</h1>")
    );
    let reply = site.get("/carbon/a/index.html");
    assert_eq!(
        (reply.status, reply.text().as_str()),
        (200, "<h1>碳排放</h1>")
    );
}

#[test]
fn a_directory_without_its_slash_redirects_to_it() {
    let site = Fixture::new().start("/xietong/");
    let reply = site.get("/xietong/carbon/a");
    assert_eq!(reply.status, 301);
    assert_eq!(reply.header("Location"), Some("/xietong/carbon/a/"));
    let reply = site.get("/xietong/%E5%8C%97%E4%BA%AC?x=1");
    assert_eq!(reply.status, 301);
    assert_eq!(
        reply.header("Location"),
        Some("/xietong/%E5%8C%97%E4%BA%AC/")
    );
}

#[test]
fn chinese_paths_are_decoded_and_query_strings_ignored() {
    let site = Fixture::new().start("/");
    let reply = site.get("/%E5%8C%97%E4%BA%AC/");
    assert_eq!(
        (reply.status, reply.text().as_str()),
        (200, "<h1>北京</h1>")
    );
    let reply = site.get("/css/style.css?v=1712345678");
    assert_eq!(
        (reply.status, reply.text().as_str()),
        (200, "body{color:red}")
    );
}

#[test]
fn missing_paths_get_the_sites_404_page_with_status_404() {
    let site = Fixture::new().start("/");
    for path in ["/nope/", "/nope.css", "/carbon/a/index.html/", "/empty/"] {
        let reply = site.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(
            reply.header("Content-Type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(reply.text(), "<h1>页面未找到</h1>", "{path}");
    }
}

#[test]
fn without_a_404_page_missing_paths_get_plain_text() {
    let fixture = Fixture::new();
    fs::remove_file(fixture.site().join("404.html")).unwrap();
    let site = fixture.start("/");
    let reply = site.get("/nope/");
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.header("Content-Type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(reply.text(), "404 页面未找到\n");
}

#[test]
fn head_sends_the_length_without_the_body() {
    let site = Fixture::new().start("/");
    let reply = request(site.addr(), "HEAD", "/css/style.css");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("Content-Length"), Some("15"));
    assert!(reply.body.is_empty());
}

#[test]
fn other_methods_are_not_allowed() {
    let site = Fixture::new().start("/");
    let reply = request(site.addr(), "POST", "/");
    assert_eq!(reply.status, 405);
    assert_eq!(reply.header("Allow"), Some("GET, HEAD"));
}

// ------------------------------------------------------------------------------ base path

#[test]
fn the_base_path_maps_onto_the_site_directory() {
    let site = Fixture::new().start("/xietong/");
    let reply = site.get("/xietong/carbon/a/");
    assert_eq!(
        (reply.status, reply.text().as_str()),
        (200, "<h1>碳排放</h1>")
    );
    assert_eq!(site.get("/xietong/").text(), "<h1>首页</h1>");
    assert_eq!(site.get("/xietong/css/style.css").text(), "body{color:red}");
    // The same files are not also served at the root.
    let reply = site.get("/carbon/a/");
    assert_eq!(
        (reply.status, reply.text().as_str()),
        (404, "<h1>页面未找到</h1>")
    );
}

#[test]
fn the_root_and_the_bare_base_redirect_to_the_base() {
    let site = Fixture::new().start("/xietong/");
    let reply = site.get("/");
    assert_eq!(reply.status, 302);
    assert_eq!(reply.header("Location"), Some("/xietong/"));
    let reply = site.get("/xietong");
    assert_eq!(reply.status, 301);
    assert_eq!(reply.header("Location"), Some("/xietong/"));
}

// ------------------------------------------------------------------------------ traversal

#[test]
fn traversal_attempts_are_refused() {
    let site = Fixture::new().start("/");
    for target in [
        "/../etc/passwd",
        "/../secret.txt",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/secret.txt",
        "/css/..%2f..%2fsecret.txt",
        "/a%2f..%2f..%2fsecret.txt",
        "/a\\..\\b",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "//etc/passwd",
        "/%2fetc/passwd",
        "/index.html%00.css",
    ] {
        let reply = site.get(target);
        assert_eq!(reply.status, 400, "{target}");
        reply.assert_no_leak();
    }
}

#[test]
fn traversal_under_a_base_path_is_refused() {
    let site = Fixture::new().start("/xietong/");
    for target in [
        "/xietong/../secret.txt",
        "/xietong/%2e%2e/secret.txt",
        "/../../etc/passwd",
    ] {
        let reply = site.get(target);
        assert_eq!(reply.status, 400, "{target}");
        reply.assert_no_leak();
    }
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_not_followed() {
    let fixture = Fixture::new();
    let outside = fixture.dir.path();
    std::os::unix::fs::symlink(outside.join("secret.txt"), fixture.site().join("leak.txt"))
        .unwrap();
    std::os::unix::fs::symlink(outside, fixture.site().join("up")).unwrap();
    std::os::unix::fs::symlink(Path::new("/etc"), fixture.site().join("etc")).unwrap();
    // A link that stays inside is fine.
    std::os::unix::fs::symlink("index.html", fixture.site().join("alias.html")).unwrap();
    let site = fixture.start("/");
    for target in [
        "/leak.txt",
        "/up/secret.txt",
        "/etc/passwd",
        "/etc/",
        "/up/",
    ] {
        let reply = site.get(target);
        assert_eq!(reply.status, 404, "{target}");
        assert_eq!(reply.text(), "<h1>页面未找到</h1>", "{target}");
        reply.assert_no_leak();
    }
    assert_eq!(site.get("/alias.html").text(), "<h1>首页</h1>");
    // Out and back in again ends inside the site, so it is served.
    assert_eq!(site.get("/up/site/index.html").text(), "<h1>首页</h1>");
}

#[cfg(unix)]
#[test]
fn a_symlinked_404_page_out_of_the_site_is_not_served() {
    let fixture = Fixture::new();
    fs::remove_file(fixture.site().join("404.html")).unwrap();
    std::os::unix::fs::symlink(
        fixture.dir.path().join("secret.txt"),
        fixture.site().join("404.html"),
    )
    .unwrap();
    let site = fixture.start("/");
    let reply = site.get("/nope/");
    assert_eq!(reply.status, 404);
    assert_eq!(reply.text(), "404 页面未找到\n");
}

// ------------------------------------------------------------------------------ live reload

#[test]
fn the_stream_relays_hub_events_as_they_arrive() {
    let site = Fixture::new().start("/xietong/");
    let (mut stream, mut seen) = open_stream(site.addr(), "/xietong/__livereload");
    assert!(seen.starts_with("HTTP/1.1 200 OK\r\n"), "{seen}");
    assert!(
        seen.contains("Content-Type: text/event-stream\r\n"),
        "{seen}"
    );
    assert!(seen.contains("Cache-Control: no-store\r\n"), "{seen}");
    assert_eq!(site.hub.len(), 1);

    let event = Event::Reload {
        paths: vec!["/xietong/carbon/a/".into()],
        ms: 7,
    };
    site.hub.send(&event);
    read_until(&mut stream, &mut seen, &event.to_sse());
    assert!(
        seen.ends_with("event: reload\ndata: {\"paths\":[\"/xietong/carbon/a/\"],\"ms\":7}\n\n")
    );

    let error = Event::Error {
        file: "content/a.md".into(),
        line: 3,
        message: "日期无效".into(),
    };
    site.hub.send(&error);
    read_until(&mut stream, &mut seen, &error.to_sse());
}

#[test]
fn the_stream_is_also_at_the_root_and_greets_with_the_server_id() {
    let site = Fixture::new().start("/xietong/");
    let (_stream, seen) = open_stream(site.addr(), "/__livereload");
    let server = &site.server.as_ref().unwrap().server;
    assert!(seen.contains(&format!(
        "event: hello\ndata: {{\"server\":\"{}\"}}\n\n",
        server.instance
    )));
    assert!(seen.contains("retry: 1000\n"));
}

#[test]
fn the_stream_sends_a_heartbeat_when_idle() {
    let site = Fixture::new().start_with("/", |s| s.heartbeat = Duration::from_millis(50));
    let (mut stream, mut seen) = open_stream(site.addr(), "/__livereload");
    read_until(&mut stream, &mut seen, ": ping\n\n");
}

#[test]
fn a_stream_ends_when_its_client_goes_away() {
    let site = Fixture::new().start_with("/", |s| s.heartbeat = Duration::from_millis(20));
    let (stream, _) = open_stream(site.addr(), "/__livereload");
    assert_eq!(site.hub.len(), 1);
    drop(stream);
    let server = &site.server.as_ref().unwrap().server;
    // The failed heartbeat ends the stream thread; the hub forgets it on its next send.
    wait_for("the stream to end", || {
        site.hub.send(&Event::Css {
            paths: vec![],
            ms: 1,
        });
        site.hub.is_empty() && server.streams.load(Ordering::SeqCst) == 0
    });
}

#[test]
fn stopping_ends_open_streams_with_a_bye() {
    let mut site = Fixture::new().start("/");
    let (mut stream, mut seen) = open_stream(site.addr(), "/__livereload");
    site.stop();
    read_until(&mut stream, &mut seen, "event: bye\ndata: {}\n\n");
    // Its thread has ended (stop waited for it), so the hub drops it on the next send.
    site.hub.send(&Event::Css {
        paths: vec![],
        ms: 0,
    });
    assert!(site.hub.is_empty());
}

#[test]
fn the_script_is_served_as_javascript_and_knows_its_stream() {
    let site = Fixture::new().start("/xietong/");
    let reply = site.get(&script_url("/xietong/"));
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.header("Content-Type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(reply.header("Cache-Control"), Some("no-store"));
    let js = reply.text();
    assert!(
        js.contains("var STREAM = \"/xietong/__livereload\";"),
        "{js}"
    );
    assert!(!js.contains("__XIETONG_STREAM__"));
    for needed in [
        "new EventSource(STREAM)",
        "xietong-error-overlay",
        "\"alert\"",
        "构建失败",
    ] {
        assert!(js.contains(needed), "{needed}");
    }
    assert_eq!(site.get("/__livereload.js").text(), js);
}

#[test]
fn script_url_sits_under_the_base_path() {
    assert_eq!(script_url("/"), "/__livereload.js");
    assert_eq!(script_url("/xietong/"), "/xietong/__livereload.js");
    assert_eq!(script_url("/xietong"), "/xietong/__livereload.js");
}

// ------------------------------------------------------------------------------ binding

#[test]
fn a_busy_port_is_a_clear_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap();
    let err = Server::bind(addr, false).unwrap_err();
    assert!(matches!(err, ServeError::PortInUse { port, .. } if port == addr.port()));
    assert_eq!(
        err.to_string(),
        format!(
            "port {} on 127.0.0.1 is in use; pass --port to choose another",
            addr.port()
        )
    );
}

#[test]
fn a_busy_port_moves_to_the_next_free_one_when_asked() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap();
    if addr.port() > u16::MAX - NEXT_PORTS {
        return; // no room above it to move to
    }
    let server = Server::bind(addr, true).unwrap();
    let port = server.local_addr().port();
    assert!(
        port > addr.port() && port <= addr.port() + NEXT_PORTS,
        "{port}"
    );
    assert_eq!(server.moved_from(), Some(addr));
    // And it serves there.
    let fixture = Fixture::new();
    let handle = server.spawn(ServerConfig {
        site_dir: fixture.site(),
        base_path: "/".into(),
        hub: Arc::clone(&fixture.hub),
    });
    assert_eq!(
        request(handle.local_addr(), "GET", "/").text(),
        "<h1>首页</h1>"
    );
    handle.stop();
}

#[test]
fn port_zero_is_never_moved_from() {
    let server = Server::bind("127.0.0.1:0".parse().unwrap(), true).unwrap();
    assert_ne!(server.local_addr().port(), 0);
    assert_eq!(server.moved_from(), None);
}

#[test]
fn stopping_releases_the_port() {
    let mut site = Fixture::new().start("/");
    let addr = site.addr();
    site.stop();
    // tiny_http closes its listener on its own thread, a moment after the server is dropped.
    let mut again = None;
    wait_for("the port to be free", || {
        again = Server::bind(addr, false).ok();
        again.is_some()
    });
    assert_eq!(again.unwrap().local_addr(), addr);
}

#[test]
fn stop_before_run_returns_at_once() {
    let server = Server::bind("127.0.0.1:0".parse().unwrap(), false).unwrap();
    server.stop();
    let started = Instant::now();
    server.run(ServerConfig {
        site_dir: "/nonexistent".into(),
        base_path: "/".into(),
        hub: Arc::new(Hub::new()),
    });
    assert!(started.elapsed() < Duration::from_secs(1));
}
