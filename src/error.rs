//! Errors of the library: one typed enum, plus the per-file [`Diagnostic`] that content checks collect.
//!
//! Nothing here prints. The CLI (`main.rs`) renders an [`Error`] once, at the edge.

use std::fmt;
use std::path::{Path, PathBuf};

/// Result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// `site.toml` is missing or invalid.
    #[error("{}: {msg}", path.display())]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// What is wrong and what to do.
        msg: String,
    },
    /// One or more content files are invalid; all problems are collected.
    #[error("{} problem(s) in content", .0.len())]
    Content(Vec<Diagnostic>),
    /// A template failed to parse or render.
    #[error("template `{name}`: {msg}")]
    Template {
        /// The template file (relative to its templates directory).
        name: String,
        /// Tera's message, with line and column.
        msg: String,
    },
    /// A raw input for `import` cannot be used.
    #[error("{}: {msg}", path.display())]
    Input {
        /// The raw file.
        path: PathBuf,
        /// What is wrong and what to do.
        msg: String,
    },
    /// Imported articles would replace files they may not replace; nothing was written.
    #[error("{} article(s) would replace existing files; nothing was written:\n{}", .0.len(), .0.join("\n"))]
    Clash(Vec<String>),
    /// The preview server or the file watcher could not start.
    #[error("{0}")]
    Serve(String),
    /// The built pages link to something that does not exist.
    #[error("{} broken link(s) in the built site", .0.len())]
    Links(Vec<crate::linkcheck::BrokenLink>),
    /// `check --links` could not crawl the built site, or found broken links in it.
    #[error(transparent)]
    Crawl(#[from] crate::crawl::CrawlError),
    /// The built-in gazetteer or a site's additions to it are invalid.
    #[error(transparent)]
    Gazetteer(#[from] crate::gazetteer::GazetteerError),
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// One problem in one input file, located precisely enough for an editor to jump to it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line, 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
    /// What is wrong, lower-case, naming the offending value.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic about `path` at `line`:`column`.
    pub fn new(path: &Path, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
            help: None,
        }
    }

    /// Adds the advice on what to do.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}
