//! `xietong serve`: build the site, serve it on loopback, watch the sources and rebuild on change,
//! telling browsers to reload over Server-Sent Events.
//!
//! The watcher ([`watch`]), the builder (this module) and the HTTP server ([`server`]) share only
//! a channel, the [`reload::Hub`] and the output directory. Rebuilds run the same pipeline as
//! `xietong build`; serve never has its own copy of it.

pub mod builder;
pub mod reload;
pub mod server;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::error::{Error, Result};
use crate::BuildOptions;
use builder::Builder;
use reload::{Event, Hub};

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Site root.
    pub root: PathBuf,
    /// Address to listen on (loopback unless the user asked otherwise).
    pub bind: IpAddr,
    /// Port; the next free one is taken when it is busy.
    pub port: u16,
    /// Include drafts.
    pub drafts: bool,
    /// Poll for changes instead of using file-system notifications.
    pub poll: bool,
}

/// Builds, serves and rebuilds until the process is stopped. `log` receives one line per event
/// for the terminal. Build errors never stop the server: they are logged, shown in the browser, and
/// the last good pages stay served.
pub fn serve(opts: &ServeOptions, log: &(dyn Fn(&str) + Sync)) -> Result<()> {
    let config = crate::config::Config::load(&opts.root.join("site.toml"))?;
    let base_path = config.base_path().to_string();
    let server = server::Server::bind(SocketAddr::new(opts.bind, opts.port), true)
        .map_err(|e| Error::Serve(e.to_string()))?;
    let addr = server.local_addr();
    if let Some(asked) = server.moved_from() {
        log(&format!(
            "端口 {} 已被占用，改用 {}",
            asked.port(),
            addr.port()
        ));
    }
    let out = std::env::temp_dir().join(format!("xietong-serve-{}", std::process::id()));
    // A folder left by an earlier process with the same id would otherwise leak stale pages.
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| Error::io(&out, e))?;
    }
    let mut build = BuildOptions::new(&opts.root);
    build.out = out.clone();
    build.drafts = opts.drafts;
    build.base_url = Some(format!("http://{addr}{base_path}"));
    let mut builder = Builder::new(build, server::script_url(&base_path));
    let hub = Arc::new(Hub::new());
    // Watch before the first build, so an edit made while it runs is not lost.
    let watch_opts = watch::WatchOptions {
        poll: opts.poll,
        ..watch::WatchOptions::default()
    };
    let (watcher, batches) =
        watch::Watcher::start(&opts.root, watch_opts).map_err(|e| Error::Serve(e.to_string()))?;
    if watcher.is_polling() {
        let why = watcher.fallback_reason().unwrap_or_default();
        log(&format!("文件系统通知不可用，改为定时轮询文件变化 {why}"));
    }
    let mut failed = announce(&hub, builder.rebuild(None), &base_path, false, log);
    let running = server.spawn(server::ServerConfig {
        site_dir: out.clone(),
        base_path: base_path.clone(),
        hub: Arc::clone(&hub),
    });
    // Held while a rebuild writes to the preview folder, so that a signal never deletes the
    // folder under a rebuild's feet.
    let busy = Arc::new(Mutex::new(()));
    stop_on_signal(running.stopper(), out, Arc::clone(&busy));
    log(&format!(
        "预览地址：http://{addr}{base_path}（Ctrl+C 退出）"
    ));
    for batch in batches {
        log(&format!(
            "检测到 {} 个文件变化，正在重新生成……",
            batch.paths.len()
        ));
        let _writing = busy.lock().unwrap_or_else(|e| e.into_inner());
        failed = announce(
            &hub,
            builder.rebuild(Some(&batch.paths)),
            &base_path,
            failed,
            log,
        );
        // The pages are out; now the search index. Its files are not pages anyone is looking
        // at, so the browsers are not told (a failure is, like any other).
        match builder.catch_up() {
            Some(Ok(c)) => log(&format!(
                "搜索索引：重写 {} 个文件（{} ms）",
                c.files.len(),
                c.ms
            )),
            Some(Err(e)) => failed = announce(&hub, Err(e), &base_path, failed, log),
            None => {}
        }
    }
    Ok(())
}

/// On Ctrl+C or SIGTERM: let a running rebuild finish, tell the browsers, remove the preview
/// folder and exit. (Only the first call in a process installs the handler; serve runs once per
/// process.)
fn stop_on_signal(stopper: server::Stopper, out: PathBuf, busy: Arc<Mutex<()>>) {
    let _ = ctrlc::set_handler(move || {
        // Never released: the process ends below.
        let _quiet = busy.lock().unwrap_or_else(|e| e.into_inner());
        stopper.stop();
        let _ = std::fs::remove_dir_all(&out);
        eprintln!("预览已停止");
        std::process::exit(0);
    });
}

/// Tells the browsers and the terminal how a rebuild went; returns whether it failed. After a
/// failure, a good build is announced even when it changed nothing (an undone edit), so the
/// browsers drop their error overlay.
fn announce(
    hub: &Hub,
    result: Result<builder::Changes>,
    base_path: &str,
    failed_before: bool,
    log: &(dyn Fn(&str) + Sync),
) -> bool {
    let failed = result.is_err();
    let event = match result {
        Ok(c) if c.files.is_empty() && !failed_before => {
            log(&format!(
                "没有页面变化（渲染 {} 个，{} ms）",
                c.rendered, c.ms
            ));
            return false;
        }
        Ok(c) if c.only_css() => Event::Css {
            paths: c.urls(base_path),
            ms: c.ms,
        },
        Ok(c) => Event::Reload {
            paths: c.urls(base_path),
            ms: c.ms,
        },
        Err(e) => error_event(&e),
    };
    match &event {
        Event::Reload { paths, ms } | Event::Css { paths, ms } => {
            log(&format!("已更新 {} 个文件（{ms} ms）", paths.len()))
        }
        Event::Error {
            file,
            line,
            message,
        } => log(&format!("构建失败：{file}:{line}: {message}")),
    }
    hub.send(&event);
    failed
}

/// The browser overlay's view of a failed rebuild: the first problem, located.
pub fn error_event(e: &Error) -> Event {
    match e {
        Error::Content(ds) if !ds.is_empty() => {
            let d = &ds[0];
            let more = if ds.len() > 1 {
                format!("（另有 {} 处问题）", ds.len() - 1)
            } else {
                String::new()
            };
            Event::Error {
                file: d.path.display().to_string(),
                line: d.line,
                message: format!("{}{more}", d.message),
            }
        }
        Error::Template { name, msg } => Event::Error {
            file: name.clone(),
            line: 0,
            message: msg.clone(),
        },
        Error::Config { path, msg } => Event::Error {
            file: path.display().to_string(),
            line: 0,
            message: msg.clone(),
        },
        other => Event::Error {
            file: String::new(),
            line: 0,
            message: other.to_string(),
        },
    }
}
