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
