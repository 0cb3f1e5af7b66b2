//! The preview HTTP server: the built site under its base path, plus the live-reload event
//! stream (`__livereload`) and the script that listens to it (`__livereload.js`).
//!
//! It serves what is on disk and never builds: [`super`] rebuilds and tells the [`Hub`], which
//! this server relays to every open page. Requests are handled by a few worker threads on top of
//! `tiny_http`; each event stream gets a thread of its own, since it stays open as long as its
//! page does.

mod mime;
mod paths;
#[cfg(test)]
mod tests;

use std::fs::File;
use std::io::{self, ErrorKind, Write};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::thread::{self, JoinHandle, Scope};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tiny_http::{Header, Method, Request, Response, StatusCode};

use self::paths::{Resolved, Route};
use super::reload::{Event, Hub};

/// How many ports after a busy one [`Server::bind`] tries when asked to.
const NEXT_PORTS: u16 = 20;
/// Worker threads answering ordinary requests.
const WORKERS: usize = 4;
/// How often idle workers and streams look whether the server is stopping.
const POLL: Duration = Duration::from_millis(100);
/// How long a stream may stay silent before it sends a comment, so a dead client is noticed.
const HEARTBEAT: Duration = Duration::from_secs(15);
/// More open streams than this is a runaway page, not an editor.
const MAX_STREAMS: usize = 256;
/// Log each request to stderr when this is set.
const LOG_VAR: &str = "XIETONG_SERVE_LOG";
const CLIENT_JS: &str = include_str!("server/client.js");

/// What [`Server::run`] serves.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The built output directory.
    pub site_dir: PathBuf,
    /// The URL path the site lives under: `/`, or `/xietong/` for a project page.
    pub base_path: String,
    /// Where the builder announces rebuilds.
    pub hub: Arc<Hub>,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The port is taken and no other was to be tried.
    #[error("port {port} on {ip} is in use; pass --port to choose another")]
    PortInUse {
        /// The address asked for.
        ip: IpAddr,
        /// The port asked for.
        port: u16,
    },
    /// The port and the ones after it are all taken.
    #[error("ports {first}–{last} on {ip} are all in use; pass --port to choose another")]
    NoFreePort {
        /// The address asked for.
        ip: IpAddr,
        /// The port asked for.
        first: u16,
        /// The last port tried.
        last: u16,
    },
    /// Binding failed for another reason (address not on this machine, port needs privileges …).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address tried.
        addr: SocketAddr,
        /// What the system said.
        #[source]
        source: io::Error,
    },
}

/// The URL of the live-reload script, for `live_reload` in templates: `{base_path}__livereload.js`.
pub fn script_url(base_path: &str) -> String {
    let base = base_path.trim_end_matches('/');
    format!("{base}/{}", paths::SCRIPT)
}

/// A bound, not yet (or no longer) serving HTTP server.
pub struct Server {
    http: tiny_http::Server,
    addr: SocketAddr,
    requested: SocketAddr,
    stopping: AtomicBool,
    streams: AtomicUsize,
    /// Sent to each page on connect; a page that sees it change knows the server restarted.
    instance: String,
    heartbeat: Duration,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// Binds `addr`; if the port is busy and `next_free` is set, tries the next ports (up to 20).
    /// [`Server::local_addr`] says which it took and [`Server::moved_from`] whether it moved.
    pub fn bind(addr: SocketAddr, next_free: bool) -> Result<Server, ServeError> {
        let first = addr.port();
        // Port 0 lets the system choose, so there is nothing to move away from.
        let tries = if next_free && first != 0 {
            NEXT_PORTS + 1
        } else {
            1
        };
        let mut last = first;
        for port in (first..=u16::MAX).take(usize::from(tries)) {
            last = port;
            let at = SocketAddr::new(addr.ip(), port);
            match TcpListener::bind(at) {
                Ok(listener) => return Server::listen(listener, addr),
                Err(e) if e.kind() == ErrorKind::AddrInUse => {}
                Err(source) => return Err(ServeError::Bind { addr: at, source }),
            }
        }
        Err(if last == first {
            ServeError::PortInUse {
                ip: addr.ip(),
                port: first,
            }
        } else {
            ServeError::NoFreePort {
                ip: addr.ip(),
                first,
                last,
            }
        })
    }

    fn listen(listener: TcpListener, requested: SocketAddr) -> Result<Server, ServeError> {
        let addr = listener.local_addr().map_err(|source| ServeError::Bind {
            addr: requested,
            source,
        })?;
        let http =
            tiny_http::Server::from_listener(listener, None).map_err(|e| ServeError::Bind {
                addr,
                source: io::Error::other(e.to_string()),
            })?;
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Ok(Server {
            http,
            addr,
            requested,
            stopping: AtomicBool::new(false),
            streams: AtomicUsize::new(0),
            instance: format!("{:x}-{nanos:x}", std::process::id()),
            heartbeat: HEARTBEAT,
        })
    }

    /// The address actually listened on (the port is the system's choice when 0 was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The address asked for, when its port was busy and [`Server::bind`] took a later one.
    pub fn moved_from(&self) -> Option<SocketAddr> {
        (self.requested.port() != 0 && self.requested.port() != self.addr.port())
            .then_some(self.requested)
    }

    /// Serves until [`Server::stop`] is called, then closes the event streams and returns once
    /// every thread it started has finished. Blocks: run it on a thread of its own, or use
    /// [`Server::spawn`].
    pub fn run(&self, cfg: ServerConfig) {
        let cx = Context::new(cfg);
        thread::scope(|scope| {
            for _ in 1..WORKERS {
                scope.spawn(|| self.work(scope, &cx));
            }
            self.work(scope, &cx);
        });
    }

    /// Asks [`Server::run`] to return. Safe to call from any thread, more than once, or before
    /// `run`. The port is released shortly after the `Server` is dropped.
    ///
    /// This is for shutting down. tiny_http keeps the keep-alive connections it has accepted
    /// (and will not let a response say `Connection: close`) until the client or the process
    /// ends them, so a browser reusing one after an in-process restart on the same port waits;
    /// a new process is seen at once.
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        for _ in 0..WORKERS {
            self.http.unblock();
        }
    }

    /// Runs the server on a new thread; the handle stops it (and waits) when stopped or dropped.
    pub fn spawn(self, cfg: ServerConfig) -> ServerHandle {
        let server = Arc::new(self);
        let runner = Arc::clone(&server);
        let thread = thread::Builder::new()
            .name("xietong-serve".into())
            .spawn(move || runner.run(cfg))
            .expect("the system can start a thread");
        ServerHandle {
            server,
            thread: Some(thread),
        }
    }

    fn work<'scope>(&'scope self, scope: &'scope Scope<'scope, '_>, cx: &'scope Context) {
        while !self.stopping.load(Ordering::SeqCst) {
            match self.http.recv_timeout(POLL) {
                Ok(Some(request)) => self.handle(scope, cx, request),
                Ok(None) => {}
                Err(e) => {
                    // tiny_http's accept loop ends after an error: nothing more will arrive.
                    eprintln!("xietong serve: stopped accepting connections: {e}");
                    self.stop();
                }
            }
        }
    }

    fn handle<'scope>(
        &'scope self,
        scope: &'scope Scope<'scope, '_>,
        cx: &'scope Context,
        rq: Request,
    ) {
        let started = Instant::now();
        let log = cx.log.then(|| {
            let path = rq.url().split('?').next().unwrap_or("");
            format!("{} {}", rq.method(), path.escape_debug())
        });
        let status = match (rq.method(), paths::route(rq.url(), &cx.base)) {
            (Method::Get | Method::Head, route) => match route {
                Route::Stream => self.open_stream(scope, cx, rq),
                Route::Script => reply(rq, text(200, "text/javascript; charset=utf-8", &cx.script)),
                Route::Redirect { status, location } => redirect(rq, status, &location),
                Route::Site { rel, slash, url } => serve_site(rq, cx, &rel, slash, &url),
                Route::Outside => not_found(rq, cx),
                Route::Bad => reply(
                    rq,
                    text(400, "text/plain; charset=utf-8", "400 请求的路径无效\n"),
                ),
            },
            _ => {
                let body = text(405, "text/plain; charset=utf-8", "405 只支持 GET 和 HEAD\n");
                reply(rq, body.with_header(header("Allow", "GET, HEAD")))
            }
        };
        if let Some(line) = log {
            eprintln!(
                "{line} {status} {:.1} ms",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
    }

    fn open_stream<'scope>(
        &'scope self,
        scope: &'scope Scope<'scope, '_>,
        cx: &'scope Context,
        rq: Request,
    ) -> u16 {
        if *rq.method() == Method::Head {
            return reply(rq, text(200, "text/event-stream", ""));
        }
        if self.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
            self.streams.fetch_sub(1, Ordering::SeqCst);
            return reply(
                rq,
                text(503, "text/plain; charset=utf-8", "503 实时预览连接过多\n"),
            );
        }
        // Subscribe before answering so no event sent after the page connects is lost.
        let events = cx.hub.subscribe();
        let out = rq.into_writer();
        scope.spawn(move || {
            self.stream(out, events);
            self.streams.fetch_sub(1, Ordering::SeqCst);
        });
        200
    }

    /// Writes the response head, then each event as it arrives, until the client goes away, the
    /// hub is dropped or the server stops (then a last `bye` event). Written by hand rather than
    /// through a `Response` because tiny_http buffers response bodies, and an event must leave at
    /// once.
    fn stream(&self, mut out: Box<dyn Write + Send>, events: Receiver<Event>) {
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
             Connection: close\r\nX-Accel-Buffering: no\r\n\r\n\
             retry: 1000\nevent: hello\ndata: {{\"server\":\"{}\"}}\n\n",
            self.instance
        );
        if send(&mut out, &head).is_err() {
            return;
        }
        let mut last_write = Instant::now();
        while !self.stopping.load(Ordering::SeqCst) {
            let quiet_for = last_write.elapsed();
            let frame = if quiet_for >= self.heartbeat {
                ": ping\n\n".to_owned()
            } else {
                match events.recv_timeout(POLL.min(self.heartbeat - quiet_for)) {
                    Ok(event) => event.to_sse(),
                    Err(RecvTimeoutError::Timeout) => continue,
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            };
            if send(&mut out, &frame).is_err() {
                return;
            }
            last_write = Instant::now();
        }
        if self.stopping.load(Ordering::SeqCst) {
            // tiny_http keeps a keep-alive connection open after the response is dropped, waiting
            // for the client's next request, so the page would never notice the server has gone.
            // Tell it; it closes the stream and reconnects when a server is back.
            let _ = send(&mut out, "event: bye\ndata: {}\n\n");
        }
    }
}

/// A server running on its own thread, from [`Server::spawn`].
#[derive(Debug)]
pub struct ServerHandle {
    server: Arc<Server>,
    thread: Option<JoinHandle<()>>,
}

impl ServerHandle {
    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.server.local_addr()
    }

    /// The address asked for, when [`Server::bind`] moved to a later port.
    pub fn moved_from(&self) -> Option<SocketAddr> {
        self.server.moved_from()
    }

    /// Stops the server and waits until its threads have finished and the port is free.
    pub fn stop(self) {}

    /// A handle that can stop the server from another thread.
    pub fn stopper(&self) -> Stopper {
        Stopper(Arc::clone(&self.server))
    }
}

/// Stops a running server from another thread (a signal handler).
#[derive(Debug, Clone)]
pub struct Stopper(Arc<Server>);

impl Stopper {
    /// Asks the server to stop and waits until its event streams have said `bye`.
    pub fn stop(&self) {
        self.0.stop();
        thread::sleep(POLL * 2);
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.server.stop();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// What every request needs, worked out once per [`Server::run`].
struct Context {
    site_dir: PathBuf,
    base: String,
    hub: Arc<Hub>,
    script: String,
    log: bool,
}

impl Context {
    fn new(cfg: ServerConfig) -> Context {
        let base = paths::normalize_base(&cfg.base_path);
        let stream_url = format!("{base}{}", paths::STREAM);
        let stream_url = serde_json::to_string(&stream_url).expect("strings serialize");
        Context {
            site_dir: cfg.site_dir,
            script: CLIENT_JS.replace("__XIETONG_STREAM__", &stream_url),
            base,
            hub: cfg.hub,
            log: std::env::var_os(LOG_VAR).is_some(),
        }
    }

    /// The site directory with symlinks resolved, looked up per request because a build may
    /// swap the directory in after the server started.
    fn root(&self) -> Option<PathBuf> {
        std::fs::canonicalize(&self.site_dir).ok()
    }
}

fn serve_site(rq: Request, cx: &Context, rel: &str, slash: bool, url: &str) -> u16 {
    let Some(root) = cx.root() else {
        return not_found(rq, cx);
    };
    match paths::resolve(&root, rel, slash) {
        Resolved::File { path, name } => match file(200, &path, mime::content_type(&name)) {
            Ok(response) => reply(rq, response),
            Err(_) => not_found(rq, cx),
        },
        Resolved::AddSlash => redirect(rq, 301, &paths::encode(&format!("{url}/"))),
        Resolved::Missing => not_found(rq, cx),
    }
}

/// The site's `404.html` with status 404, or a line of text when it has none.
fn not_found(rq: Request, cx: &Context) -> u16 {
    let page = cx.root().and_then(|root| paths::not_found_page(&root));
    match page.map(|p| file(404, &p, "text/html; charset=utf-8")) {
        Some(Ok(response)) => reply(rq, response),
        _ => reply(
            rq,
            text(404, "text/plain; charset=utf-8", "404 页面未找到\n"),
        ),
    }
}

fn redirect(rq: Request, status: u16, location: &str) -> u16 {
    let body = text(
        status,
        "text/plain; charset=utf-8",
        &format!("→ {location}\n"),
    );
    reply(rq, body.with_header(header("Location", location)))
}

fn file(status: u16, path: &Path, content_type: &str) -> io::Result<Response<File>> {
    let f = File::open(path)?;
    let len = usize::try_from(f.metadata()?.len()).map_err(io::Error::other)?;
    Ok(Response::new(
        StatusCode(status),
        preview_headers(content_type),
        f,
        Some(len),
        None,
    )
    // Send a length, never chunks: simpler for every client.
    .with_chunked_threshold(usize::MAX))
}

fn text(status: u16, content_type: &str, body: &str) -> Response<io::Cursor<Vec<u8>>> {
    let bytes = body.as_bytes().to_vec();
    let len = bytes.len();
    Response::new(
        StatusCode(status),
        preview_headers(content_type),
        io::Cursor::new(bytes),
        Some(len),
        None,
    )
}

fn preview_headers(content_type: &str) -> Vec<Header> {
    vec![
        header("Content-Type", content_type),
        // A preview must never show a stale page.
        header("Cache-Control", "no-store"),
        header("X-Content-Type-Options", "nosniff"),
    ]
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name, value).expect("header names and values here are ASCII")
}

/// Sends `response`, shrugging off a client that has gone; returns its status for the log.
fn reply<R: io::Read>(rq: Request, response: Response<R>) -> u16 {
    let status = response.status_code().0;
    let _ = rq.respond(response);
    status
}

fn send(out: &mut Box<dyn Write + Send>, frame: &str) -> io::Result<()> {
    out.write_all(frame.as_bytes())?;
    out.flush()
}
