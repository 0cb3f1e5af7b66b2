//! Live-reload events: what `serve` tells the browsers watching the site, and the hub that fans
//! each event out to every connected `/__livereload` stream.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Mutex;

use serde::Serialize;

/// One thing a browser should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Pages changed: reload if the current page is among `paths` (or always, if unsure).
    Reload {
        /// Changed URL paths (with the base path), e.g. `/xietong/carbon/a/`.
        paths: Vec<String>,
        /// How long the rebuild took.
        ms: u64,
    },
    /// Only stylesheets changed: swap them without a reload.
    Css {
        /// Changed stylesheet URL paths.
        paths: Vec<String>,
        /// How long the rebuild took.
        ms: u64,
    },
    /// The rebuild failed: show an overlay; the last good pages stay served.
    Error {
        /// The file at fault, relative to the site root.
        file: String,
        /// Its line, 0 when unknown.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

#[derive(Serialize)]
struct Changed<'a> {
    paths: &'a [String],
    ms: u64,
}

#[derive(Serialize)]
struct Problem<'a> {
    file: &'a str,
    line: usize,
    message: &'a str,
}

impl Event {
    /// The event as a Server-Sent Events frame: `event: …\ndata: {json}\n\n`.
    pub fn to_sse(&self) -> String {
        let (name, data) = match self {
            Event::Reload { paths, ms } => {
                ("reload", serde_json::to_string(&Changed { paths, ms: *ms }))
            }
            Event::Css { paths, ms } => ("css", serde_json::to_string(&Changed { paths, ms: *ms })),
            Event::Error {
                file,
                line,
                message,
            } => (
                "error",
                serde_json::to_string(&Problem {
                    file,
                    line: *line,
                    message,
                }),
            ),
        };
        format!(
            "event: {name}\ndata: {}\n\n",
            data.expect("events serialize")
        )
    }
}

/// Fans events out to every subscriber; a subscriber that has gone away is dropped. While the
/// last rebuild has failed, a new subscriber gets its error first, so a page opened or reloaded
/// during a broken build shows the overlay too.
#[derive(Debug, Default)]
pub struct Hub {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    subscribers: Vec<Sender<Event>>,
    failing: Option<Event>,
}

impl Hub {
    /// A hub with no subscribers.
    pub fn new() -> Hub {
        Hub::default()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new stream of events: the current error if the last rebuild failed, then every event
    /// sent from now on.
    pub fn subscribe(&self) -> Receiver<Event> {
        let (tx, rx) = channel();
        let mut state = self.state();
        if let Some(e) = &state.failing {
            let _ = tx.send(e.clone());
        }
        state.subscribers.push(tx);
        rx
    }

    /// Sends `event` to every live subscriber.
    pub fn send(&self, event: &Event) {
        let mut state = self.state();
        state.failing = matches!(event, Event::Error { .. }).then(|| event.clone());
        state.subscribers.retain(|s| s.send(event.clone()).is_ok());
    }

    /// How many streams are connected.
    pub fn len(&self) -> usize {
        self.state().subscribers.len()
    }

    /// True when nobody listens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reload_frame_has_event_name_and_json() {
        let e = Event::Reload {
            paths: vec!["/x/a/".into()],
            ms: 12,
        };
        assert_eq!(
            e.to_sse(),
            "event: reload\ndata: {\"paths\":[\"/x/a/\"],\"ms\":12}\n\n"
        );
    }

    #[test]
    fn error_frame_escapes_the_message() {
        let e = Event::Error {
            file: "content/a.md".into(),
            line: 3,
            message: "bad \"date\"".into(),
        };
        assert_eq!(
            e.to_sse(),
            "event: error\ndata: {\"file\":\"content/a.md\",\"line\":3,\"message\":\"bad \\\"date\\\"\"}\n\n"
        );
    }

    #[test]
    fn hub_fans_out_and_forgets_closed_streams() {
        let hub = Hub::new();
        let a = hub.subscribe();
        let b = hub.subscribe();
        drop(b);
        hub.send(&Event::Css {
            paths: vec![],
            ms: 1,
        });
        assert!(matches!(a.try_recv(), Ok(Event::Css { .. })));
        assert_eq!(hub.len(), 1);
    }

    #[test]
    fn a_late_subscriber_gets_the_current_error_until_a_good_build() {
        let hub = Hub::new();
        let error = Event::Error {
            file: "content/carbon/a.md".into(),
            line: 3,
            message: "bad date".into(),
        };
        hub.send(&error);
        assert_eq!(hub.subscribe().try_recv().ok(), Some(error));
        hub.send(&Event::Reload {
            paths: vec![],
            ms: 1,
        });
        assert!(
            hub.subscribe().try_recv().is_err(),
            "no error after a good build"
        );
    }
}
