//! Watching the site's sources: notify plus notify-debouncer-mini, turned into one [`Batch`] of
//! changed files (relative to the site root) per settled burst of edits.
//!
//! It watches `site.toml` and the `content/`, `themes/`, `templates/`, `static/` and `data/`
//! folders, ignores editor junk, dot-files and the caller's ignored paths (the output folder),
//! and falls back to polling when the native watcher cannot cover the tree (the inotify watch
//! limit). It does not decide what to rebuild; [`Batch`] and [`Source`] help the caller do that.
//!
//! Start the watcher before the first build, so that an edit made while that build runs is in
//! the first batch rather than lost.

mod backend;
mod filter;
mod tree;

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use notify_debouncer_mini::DebounceEventResult;

use backend::{Backend, Tap};
pub use filter::is_junk;
use filter::{Filter, CONFIG_FILE};
use tree::Tree;

/// What changed in one settled burst.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Batch {
    /// Files created, modified, deleted or renamed (old and new name), relative to the site root,
    /// sorted and deduplicated. A renamed or deleted folder is listed as the files it held; a new
    /// folder as the files it holds. Whether a path still exists is for the caller to look up.
    pub paths: Vec<PathBuf>,
}

impl Batch {
    /// True when nothing changed (the watcher never delivers such a batch).
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// True when `site.toml` changed: rebuild everything.
    pub fn touches_config(&self) -> bool {
        self.touches(Source::Config)
    }

    /// True when some path is of kind `source`.
    pub fn touches(&self, source: Source) -> bool {
        self.paths.iter().any(|p| Source::of(p) == source)
    }

    /// True when every change is a stylesheet among the static files (the site's or a theme's),
    /// which are copied as they are: no page needs rendering again.
    pub fn only_css(&self) -> bool {
        !self.is_empty()
            && self.paths.iter().all(|p| {
                Source::of(p) == Source::Static
                    && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("css"))
            })
    }

    /// True when every change is a static file (the site's or a theme's): copy, do not render.
    pub fn only_static(&self) -> bool {
        !self.is_empty() && self.paths.iter().all(|p| Source::of(p) == Source::Static)
    }

    /// True when every change is under `content/`: the case incremental rebuilds serve.
    pub fn only_content(&self) -> bool {
        !self.is_empty() && self.paths.iter().all(|p| Source::of(p) == Source::Content)
    }

    /// The changed paths under `content/`.
    pub fn content(&self) -> impl Iterator<Item = &Path> {
        self.paths
            .iter()
            .filter(|p| Source::of(p) == Source::Content)
            .map(PathBuf::as_path)
    }

    /// Adds `other`'s paths, for a caller that drains several queued batches into one rebuild.
    pub fn merge(&mut self, other: Batch) {
        self.paths.extend(other.paths);
        self.paths.sort();
        self.paths.dedup();
    }
}

/// Which part of the site a source path (relative to the root) belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// `site.toml`.
    Config,
    /// An article or page under `content/`.
    Content,
    /// A template: under `templates/` or a theme's `templates/`.
    Template,
    /// A file copied as it is: under `static/` or a theme's `static/`.
    Static,
    /// Under `data/`.
    Data,
    /// Anything else, such as a file at the top of a theme's folder.
    Other,
}

impl Source {
    /// Classifies `rel`, a path relative to the site root.
    pub fn of(rel: &Path) -> Source {
        let names: Vec<&OsStr> = rel
            .components()
            .map_while(|c| match c {
                Component::Normal(n) => Some(n),
                _ => None,
            })
            .take(3)
            .collect();
        let is = |i: usize, name: &str| names.get(i).is_some_and(|n| *n == OsStr::new(name));
        let deeper = |i: usize| names.len() > i;
        if names.len() == 1 && is(0, CONFIG_FILE) {
            Source::Config
        } else if is(0, "content") && deeper(1) {
            Source::Content
        } else if (is(0, "templates") && deeper(1)) || (is(0, "themes") && is(2, "templates")) {
            Source::Template
        } else if (is(0, "static") && deeper(1)) || (is(0, "themes") && is(2, "static")) {
            Source::Static
        } else if is(0, "data") && deeper(1) {
            Source::Data
        } else {
            Source::Other
        }
    }
}

/// How to watch.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// How long a path must stay quiet before its change is delivered. Default 100 ms.
    pub debounce: Duration,
    /// Poll instead of using the platform's notifications (for network or container file
    /// systems where those do not arrive). Default false.
    pub poll: bool,
    /// How often to look when polling. Default 500 ms.
    pub poll_interval: Duration,
    /// Paths whose changes are ignored with everything under them, relative to the root or
    /// absolute; e.g. the output folder when it is inside the root.
    pub ignore: Vec<PathBuf>,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            debounce: Duration::from_millis(100),
            poll: false,
            poll_interval: Duration::from_millis(500),
            ignore: Vec::new(),
        }
    }
}

/// Why watching could not start.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The site root is missing or not a folder.
    #[error("cannot watch `{}`: {source} (expected the site's root folder)", path.display())]
    Root {
        /// The root as given.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// Neither the native watcher nor polling could watch the sources.
    #[error("cannot watch `{}`: {source}", path.display())]
    Watch {
        /// The path being watched when it failed.
        path: PathBuf,
        /// notify's error.
        source: notify::Error,
    },
    /// The thread that turns events into batches could not start.
    #[error("cannot start the file watcher thread: {0}")]
    Thread(#[source] std::io::Error),
}

/// Watches a site's sources; dropping it stops watching (and ends the batch channel).
pub struct Watcher {
    shared: Arc<Shared>,
}

/// What the [`Watcher`] handle and the worker thread share.
struct Shared {
    root: PathBuf,
    opts: WatchOptions,
    tap: Arc<Tap>,
    state: Mutex<State>,
    polling: AtomicBool,
}

struct State {
    /// `None` once the [`Watcher`] is dropped.
    backend: Option<Backend>,
    /// The sending end of the raw channel, for a polling backend started later; `None` once the
    /// [`Watcher`] is dropped, so that the worker sees the channel close.
    raw_tx: Option<Sender<DebounceEventResult>>,
    /// Why the native watcher is not in use, when it failed.
    fallback: Option<String>,
}

type NativeStart = fn(Sender<DebounceEventResult>, Arc<Tap>, Duration) -> notify::Result<Backend>;

impl Watcher {
    /// Watches `root`'s `content/`, `themes/`, `templates/`, `static/`, `data/` and `site.toml`
    /// (whichever exist; a folder created later is picked up too) and delivers batches on the
    /// returned channel until the watcher is dropped.
    pub fn start(
        root: &Path,
        opts: WatchOptions,
    ) -> Result<(Watcher, Receiver<Batch>), WatchError> {
        Watcher::start_with(root, opts, Backend::native)
    }

    fn start_with(
        root: &Path,
        opts: WatchOptions,
        native: NativeStart,
    ) -> Result<(Watcher, Receiver<Batch>), WatchError> {
        let given = root;
        let root = given
            .canonicalize()
            .and_then(|r| match r.is_dir() {
                true => Ok(r),
                false => Err(std::io::Error::new(
                    std::io::ErrorKind::NotADirectory,
                    "not a folder",
                )),
            })
            .map_err(|source| WatchError::Root {
                path: given.to_path_buf(),
                source,
            })?;
        let tap = Arc::new(Tap::new(&root));
        let (raw_tx, raw_rx) = channel();

        let mut fallback = None;
        let mut backend = None;
        if !opts.poll {
            let started = native(raw_tx.clone(), tap.clone(), opts.debounce).and_then(|mut b| {
                b.attach(&root)?;
                Ok(b)
            });
            match started {
                Ok(b) => backend = Some(b),
                Err(e) => fallback = Some(fallback_message(&e)),
            }
        }
        let backend = match backend {
            Some(b) => b,
            None => {
                let mut b = Backend::poll(
                    raw_tx.clone(),
                    tap.clone(),
                    opts.debounce,
                    opts.poll_interval,
                )
                .map_err(|source| WatchError::Watch {
                    path: root.clone(),
                    source,
                })?;
                b.attach(&root).map_err(|source| WatchError::Watch {
                    path: root.clone(),
                    source,
                })?;
                b
            }
        };
        // Indexed after the watches are set, so that nothing changes unseen in between.
        let tree = Tree::scan(&root, Filter::new(&root, &opts.ignore));

        let shared = Arc::new(Shared {
            polling: AtomicBool::new(backend.is_polling()),
            state: Mutex::new(State {
                backend: Some(backend),
                raw_tx: Some(raw_tx),
                fallback,
            }),
            root,
            opts,
            tap,
        });
        let (tx, rx) = channel();
        let worker = Worker {
            shared: shared.clone(),
            raw: raw_rx,
            tree,
            out: tx,
        };
        std::thread::Builder::new()
            .name("xietong-watch".into())
            .spawn(move || worker.run())
            .map_err(WatchError::Thread)?;
        Ok((Watcher { shared }, rx))
    }

    /// True when watching by polling, because it was asked for or because the native watcher
    /// failed (at start or later, e.g. at the inotify watch limit when a folder was added).
    pub fn is_polling(&self) -> bool {
        self.shared.polling.load(Ordering::Relaxed)
    }

    /// Why the native watcher failed, when it did: a message for the terminal.
    pub fn fallback_reason(&self) -> Option<String> {
        self.shared.lock().fallback.clone()
    }

    /// The canonical site root that batch paths are relative to.
    pub fn root(&self) -> &Path {
        &self.shared.root
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let (backend, raw_tx) = {
            let mut state = self.shared.lock();
            (state.backend.take(), state.raw_tx.take())
        };
        drop(backend);
        drop(raw_tx);
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere while holding the lock leaves the state usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Replaces the native watcher with a polling one; false if that is not possible (already
    /// polling, stopped, or polling fails too, in which case the native watcher goes on covering
    /// what it can).
    fn fall_back(&self, why: &notify::Error) -> bool {
        let mut state = self.lock();
        let (Some(current), Some(tx)) = (&state.backend, &state.raw_tx) else {
            return false;
        };
        if current.is_polling() {
            return false;
        }
        let o = &self.opts;
        let Ok(mut poll) = Backend::poll(tx.clone(), self.tap.clone(), o.debounce, o.poll_interval)
        else {
            return false;
        };
        if poll.attach(&self.root).is_err() {
            return false;
        }
        state.backend = Some(poll);
        state.fallback = Some(fallback_message(why));
        self.polling.store(true, Ordering::Relaxed);
        true
    }

    /// See [`Backend::sync`].
    fn sync_watches(&self) -> (Vec<&'static str>, Option<notify::Error>) {
        let mut state = self.lock();
        match state.backend.as_mut() {
            Some(b) => b.sync(&self.root),
            None => (Vec::new(), None),
        }
    }
}

fn fallback_message(e: &notify::Error) -> String {
    if backend::is_limit(e) {
        format!(
            "the native file watcher hit a system limit ({e}); raise fs.inotify.max_user_watches \
             (sysctl) to stop polling"
        )
    } else {
        format!("the native file watcher failed ({e})")
    }
}

/// How long after the last raw event the worker waits past the debounce for the debouncer's
/// final slice of a burst: scheduling slack, not a second debounce.
const SETTLE_MARGIN: Duration = Duration::from_millis(5);

/// The longest a batch is held back by a burst that does not settle (a file written
/// continuously), in debounce periods and at least.
const MAX_HOLD_DEBOUNCES: u32 = 10;
const MAX_HOLD_AT_LEAST: Duration = Duration::from_secs(1);

/// How recent a file's mtime must be for the polling worker to look at it again; see
/// [`Tree::recheck_recent`]. Two seconds: whole-second mtimes, plus rounding.
const RECENT: Duration = Duration::from_secs(2);

/// Turns the debouncer's output into batches.
struct Worker {
    shared: Arc<Shared>,
    raw: Receiver<DebounceEventResult>,
    tree: Tree,
    out: Sender<Batch>,
}

/// Raw paths (absolute) and the errors gathered for one batch.
#[derive(Default)]
struct Gathered {
    paths: Vec<PathBuf>,
    limit: Option<notify::Error>,
}

impl Gathered {
    fn add(&mut self, result: DebounceEventResult) {
        match result {
            Ok(events) => self.paths.extend(events.into_iter().map(|e| e.path)),
            Err(e) if backend::is_limit(&e) => self.limit = Some(e),
            // Other errors (a path vanishing mid-poll, say) need no action: the paths involved
            // show up in events, or in the next rescan of their folder.
            Err(_) => {}
        }
    }
}

impl Worker {
    fn run(mut self) {
        let debounce = self.shared.opts.debounce;
        let max_hold = (debounce * MAX_HOLD_DEBOUNCES).max(MAX_HOLD_AT_LEAST);
        loop {
            let first = if self.shared.polling.load(Ordering::Relaxed) {
                match self.raw.recv_timeout(self.shared.opts.poll_interval) {
                    Ok(r) => r,
                    Err(RecvTimeoutError::Timeout) => {
                        let changed = self.tree.recheck_recent(RECENT);
                        if !self.send(changed) {
                            return;
                        }
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            } else {
                let Ok(r) = self.raw.recv() else { return };
                r
            };
            let mut got = Gathered::default();
            got.add(first);
            // The debouncer delivers a burst in slices as each path's quiet period ends. Wait
            // until the last raw event is a full debounce old: by then every slice is here.
            let held = Instant::now();
            let mut open = true;
            loop {
                let wake = self.shared.tap.last() + debounce + SETTLE_MARGIN;
                let now = Instant::now();
                if now >= wake || now - held >= max_hold {
                    break;
                }
                match self.raw.recv_timeout(wake - now) {
                    Ok(r) => got.add(r),
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => {
                        open = false;
                        break;
                    }
                }
            }
            for r in self.raw.try_iter() {
                got.add(r);
            }
            if !self.deliver(got) || !open {
                return;
            }
        }
    }

    /// Resolves and sends one batch; false when nobody is listening any more.
    fn deliver(&mut self, got: Gathered) -> bool {
        let root = &self.shared.root;
        let mut rescan_all = self.shared.tap.take_rescan();
        // A source folder that appeared needs a watch; the watch may be the one past the limit.
        let (fresh, error) = self.shared.sync_watches();
        if let Some(e) = got.limit.or(error.filter(backend::is_limit)) {
            // Polling covers everything at once; what the native watcher missed is found by
            // comparing the whole tree with the index.
            rescan_all |= self.shared.fall_back(&e);
        }
        let mut rel: Vec<PathBuf> = got
            .paths
            .iter()
            .filter_map(|p| p.strip_prefix(root).ok())
            // The root itself (a change to the folder's own metadata) says nothing by itself.
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .collect();
        rel.extend(fresh.into_iter().map(PathBuf::from));
        if rescan_all {
            rel.push(PathBuf::new());
        }
        let polling = self.shared.polling.load(Ordering::Relaxed);
        let changed = self.tree.resolve(rel, polling);
        self.send(changed)
    }

    /// Sends a batch of `changed` unless it is empty; false when nobody is listening any more.
    fn send(&self, changed: BTreeSet<PathBuf>) -> bool {
        changed.is_empty()
            || self
                .out
                .send(Batch {
                    paths: changed.into_iter().collect(),
                })
                .is_ok()
    }
}
