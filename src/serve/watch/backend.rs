//! The notify side of the watcher: a native or polling watcher behind notify-debouncer-mini, which
//! folders it watches, and a tap on the raw events before the debouncer flattens them.
//!
//! The tap exists for two reasons. notify's inotify backend reports opening and reading files
//! (`IN_OPEN`, `IN_CLOSE_NOWRITE`), and the debouncer turns every event into a bare path, so
//! without it each rebuild's reading of the sources would look like an edit and trigger the next
//! rebuild. And the debouncer hands over a burst in slices, so the worker needs to know when the
//! last raw event happened to tell "settled" from "more to come".

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventHandler, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{new_debouncer_opt, Config, DebounceEventResult, Debouncer};

use super::filter::SOURCE_DIRS;

/// When raw events last arrived, shared by the tap (writer) and the worker (reader).
#[derive(Debug)]
pub(crate) struct Tap {
    epoch: Instant,
    /// Microseconds after `epoch` of the last kept raw event, 0 for none yet.
    last: AtomicU64,
    /// Set when the platform lost events (inotify queue overflow) and everything must be rescanned.
    rescan: AtomicBool,
    /// The path given to a rescan event, which has none.
    root: PathBuf,
}

impl Tap {
    pub(crate) fn new(root: &Path) -> Tap {
        Tap {
            epoch: Instant::now(),
            last: AtomicU64::new(0),
            rescan: AtomicBool::new(false),
            root: root.to_path_buf(),
        }
    }

    fn touch(&self) {
        let us = self.epoch.elapsed().as_micros().max(1) as u64;
        self.last.fetch_max(us, Ordering::Relaxed);
    }

    /// True, once, after the platform asked for a rescan.
    pub(crate) fn take_rescan(&self) -> bool {
        self.rescan.swap(false, Ordering::Relaxed)
    }

    /// When the last kept raw event arrived (the epoch if none has).
    pub(crate) fn last(&self) -> Instant {
        self.epoch + Duration::from_micros(self.last.load(Ordering::Relaxed))
    }
}

thread_local! {
    /// Hands the tap to [`Tapped::new`]. The debouncer constructs its watcher itself (with
    /// `T::new(handler, config)`, on the calling thread), so there is no argument to pass it in.
    static NEXT_TAP: RefCell<Option<Arc<Tap>>> = const { RefCell::new(None) };
}

/// A notify watcher whose events pass through the tap first.
struct Tapped<W>(W);

struct TapHandler<F> {
    inner: F,
    tap: Option<Arc<Tap>>,
}

impl<F: EventHandler> EventHandler for TapHandler<F> {
    fn handle_event(&mut self, event: notify::Result<Event>) {
        let event = match event {
            // Reads, not writes; see the module comment.
            Ok(e)
                if e.kind.is_access()
                    && e.kind != EventKind::Access(AccessKind::Close(AccessMode::Write)) =>
            {
                return
            }
            Ok(mut e) => {
                if let Some(tap) = &self.tap {
                    tap.touch();
                    if e.need_rescan() {
                        tap.rescan.store(true, Ordering::Relaxed);
                        // The debouncer drops events without paths; give it one so the worker wakes.
                        if e.paths.is_empty() {
                            e.paths.push(tap.root.clone());
                        }
                    }
                }
                Ok(e)
            }
            Err(e) => Err(e),
        };
        self.inner.handle_event(event);
    }
}

impl<W: notify::Watcher> notify::Watcher for Tapped<W> {
    fn new<F: EventHandler>(event_handler: F, config: notify::Config) -> notify::Result<Self> {
        let tap = NEXT_TAP.with(|t| t.borrow_mut().take());
        W::new(
            TapHandler {
                inner: event_handler,
                tap,
            },
            config,
        )
        .map(Tapped)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }

    fn configure(&mut self, option: notify::Config) -> notify::Result<bool> {
        self.0.configure(option)
    }

    fn kind() -> notify::WatcherKind {
        W::kind()
    }
}

enum Kind {
    Native(Debouncer<Tapped<RecommendedWatcher>>),
    Poll(Debouncer<Tapped<PollWatcher>>),
}

/// A running debounced watcher plus the source folders it watches, each with the identity it had
/// when its watch was set up.
pub(crate) struct Backend {
    kind: Kind,
    watched: BTreeMap<&'static str, Identity>,
}

/// Which folder a path named when it was watched: a folder renamed away and replaced by a new
/// one of the same name must be watched again (inotify watches follow the old folder).
type Identity = (u64, u64);

impl Backend {
    /// Starts the platform's native watcher.
    pub(crate) fn native(
        tx: Sender<DebounceEventResult>,
        tap: Arc<Tap>,
        debounce: Duration,
    ) -> notify::Result<Backend> {
        NEXT_TAP.with(|t| *t.borrow_mut() = Some(tap));
        let d = new_debouncer_opt(
            Config::default()
                .with_timeout(debounce)
                .with_batch_mode(true),
            tx,
        );
        NEXT_TAP.with(|t| t.borrow_mut().take());
        Ok(Backend {
            kind: Kind::Native(d?),
            watched: BTreeMap::new(),
        })
    }

    /// Starts a polling watcher that looks every `interval`.
    pub(crate) fn poll(
        tx: Sender<DebounceEventResult>,
        tap: Arc<Tap>,
        debounce: Duration,
        interval: Duration,
    ) -> notify::Result<Backend> {
        let config = Config::default()
            .with_timeout(debounce)
            .with_batch_mode(true)
            .with_notify_config(notify::Config::default().with_poll_interval(interval));
        NEXT_TAP.with(|t| *t.borrow_mut() = Some(tap));
        let d = new_debouncer_opt(config, tx);
        NEXT_TAP.with(|t| t.borrow_mut().take());
        Ok(Backend {
            kind: Kind::Poll(d?),
            watched: BTreeMap::new(),
        })
    }

    pub(crate) fn is_polling(&self) -> bool {
        matches!(self.kind, Kind::Poll(_))
    }

    fn watcher(&mut self) -> &mut dyn notify::Watcher {
        match &mut self.kind {
            Kind::Native(d) => d.watcher(),
            Kind::Poll(d) => d.watcher(),
        }
    }

    /// Watches `root` itself (not recursively: that is enough for `site.toml` and for source
    /// folders appearing or going) and each source folder under it that exists.
    pub(crate) fn attach(&mut self, root: &Path) -> notify::Result<()> {
        self.watcher().watch(root, RecursiveMode::NonRecursive)?;
        match self.sync(root) {
            (_, Some(e)) => Err(e),
            (_, None) => Ok(()),
        }
    }

    /// Brings the source folders' watches in line with the disk: watches folders that appeared
    /// (or were replaced), drops those that went. Returns the folders whose watch is new, whose
    /// contents must be rescanned since events there before the watch were missed, and the last
    /// error met (that folder stays unwatched until the next call).
    pub(crate) fn sync(&mut self, root: &Path) -> (Vec<&'static str>, Option<notify::Error>) {
        let mut fresh = Vec::new();
        let mut error = None;
        for name in SOURCE_DIRS {
            let path = root.join(name);
            let now = identity(&path);
            let before = self.watched.get(name).copied();
            if now == before {
                continue;
            }
            if before.is_some() {
                // Already gone with the folder, or a watch on a replaced one: either way unwanted.
                let _ = self.watcher().unwatch(&path);
                self.watched.remove(name);
            }
            if let Some(id) = now {
                match self.watcher().watch(&path, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(name, id);
                        fresh.push(name);
                    }
                    // Deleted between the look and the watch: its deletion event follows.
                    Err(e) if matches!(e.kind, notify::ErrorKind::PathNotFound) => {}
                    Err(e) => error = Some(e.add_path(path)),
                }
            }
        }
        (fresh, error)
    }
}

/// The folder at `path`, if there is one.
fn identity(path: &Path) -> Option<Identity> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        // Windows does not let a watched folder be renamed, so existence is identity enough.
        let _ = meta;
        Some((0, 0))
    }
}

/// True for errors that say the native watcher cannot cover the tree (the inotify watch or
/// instance limit), for which polling is the way out.
pub(crate) fn is_limit(e: &notify::Error) -> bool {
    match &e.kind {
        notify::ErrorKind::MaxFilesWatch => true,
        #[cfg(unix)]
        notify::ErrorKind::Io(io) => io
            .raw_os_error()
            .is_some_and(|c| c == ENOSPC || c == EMFILE),
        _ => false,
    }
}

/// Linux's "no space left on device" (inotify_add_watch past `max_user_watches`) and "too many
/// open files" (inotify_init past `max_user_instances`).
#[cfg(unix)]
const ENOSPC: i32 = 28;
#[cfg(unix)]
const EMFILE: i32 = 24;

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, Flag};
    use std::sync::Mutex;

    fn handler(tap: &Arc<Tap>) -> (TapHandler<impl EventHandler>, Arc<Mutex<Vec<Event>>>) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = seen.clone();
        let inner = move |e: notify::Result<Event>| sink.lock().unwrap().push(e.unwrap());
        (
            TapHandler {
                inner,
                tap: Some(tap.clone()),
            },
            seen,
        )
    }

    #[test]
    fn reads_are_dropped_and_writes_kept() {
        let tap = Arc::new(Tap::new(Path::new("/site")));
        let (mut h, seen) = handler(&tap);
        let read = |kind| Event::new(EventKind::Access(kind)).add_path("/site/content/a.md".into());
        h.handle_event(Ok(read(AccessKind::Open(AccessMode::Any))));
        h.handle_event(Ok(read(AccessKind::Close(AccessMode::Read))));
        assert!(seen.lock().unwrap().is_empty());
        assert_eq!(tap.last(), tap.epoch, "reads are not activity");
        h.handle_event(Ok(read(AccessKind::Close(AccessMode::Write))));
        h.handle_event(Ok(
            Event::new(EventKind::Create(CreateKind::File)).add_path("/site/content/b.md".into())
        ));
        assert_eq!(seen.lock().unwrap().len(), 2);
        assert!(tap.last() > tap.epoch);
    }

    #[test]
    fn a_rescan_notice_reaches_the_worker() {
        let tap = Arc::new(Tap::new(Path::new("/site")));
        let (mut h, seen) = handler(&tap);
        h.handle_event(Ok(Event::new(EventKind::Other).set_flag(Flag::Rescan)));
        assert_eq!(seen.lock().unwrap()[0].paths, [PathBuf::from("/site")]);
        assert!(tap.take_rescan());
        assert!(!tap.take_rescan());
    }

    #[test]
    fn limits_are_told_apart_from_other_errors() {
        assert!(is_limit(&notify::Error::new(
            notify::ErrorKind::MaxFilesWatch
        )));
        #[cfg(unix)]
        assert!(is_limit(&notify::Error::io(
            std::io::Error::from_raw_os_error(ENOSPC)
        )));
        assert!(!is_limit(&notify::Error::path_not_found()));
        assert!(!is_limit(&notify::Error::generic("something else")));
    }
}
