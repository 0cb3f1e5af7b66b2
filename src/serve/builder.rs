//! Rebuilding for `serve`: the same pipeline as `xietong build`, into the preview directory,
//! doing only the work an edit calls for and reporting which URLs changed.
//!
//! Three things make a rebuild incremental, each falling back to the full pipeline when it
//! cannot be sure:
//!
//! - loading: the [`content::Cache`] re-reads only the changed files;
//! - the site graph: an edit that keeps an article's URL, date, topics, places and position is
//!   patched into the previous graph ([`Site::patch`]) instead of building a new one;
//! - rendering: each output's [`Fingerprints`] entry is compared with the one its file was written
//!   with, and only outputs whose inputs changed are rendered; of those, only files whose bytes
//!   changed are written.
//!
//! The result is always what a full build would write (the serve tests compare the two).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::content;
use crate::error::{Error, Result};
use crate::render::fingerprint::Fingerprints;
use crate::render::{Renderer, Shared, Templates};
use crate::{BuildOptions, Site, Timings};

/// The outcome of one successful rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Output files (relative to the preview directory) written or removed.
    pub files: Vec<String>,
    /// How many outputs were rendered (the rest were known to be unchanged).
    pub rendered: usize,
    /// How long the rebuild took, in milliseconds.
    pub ms: u64,
}

impl Changes {
    /// True when every changed file is a stylesheet.
    pub fn only_css(&self) -> bool {
        !self.files.is_empty() && self.files.iter().all(|f| f.ends_with(".css"))
    }

    /// The URL paths of the changed files under `base_path` (`carbon/a/index.html` → `/x/carbon/a/`).
    pub fn urls(&self, base_path: &str) -> Vec<String> {
        self.files
            .iter()
            .map(|f| format!("{base_path}{}", f.strip_suffix("index.html").unwrap_or(f)))
            .collect()
    }
}

/// A site that built without error, with what rendering it needs.
struct Built {
    site: Site,
    shared: Shared,
    files: Vec<String>,
    /// Articles were patched in, and the search index has not caught up yet.
    search_behind: bool,
}

/// What a file in the preview directory was written from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Written {
    fingerprint: u64,
    hash: u64,
}

/// Keeps the preview directory in step with the sources.
pub struct Builder {
    opts: BuildOptions,
    live_reload: String,
    cache: content::Cache,
    /// The last site that built; `None` after a failed rebuild, so the next one starts afresh.
    built: Option<Built>,
    templates: Option<Templates>,
    written: HashMap<String, Written>,
}

impl Builder {
    /// A builder for `opts` (whose `out` is the preview directory) that injects the reload script
    /// at `live_reload` into every page.
    pub fn new(opts: BuildOptions, live_reload: String) -> Builder {
        Builder {
            cache: content::Cache::new(opts.drafts, "/"),
            opts,
            live_reload,
            built: None,
            templates: None,
            written: HashMap::new(),
        }
    }

    /// The preview directory.
    pub fn out(&self) -> &Path {
        &self.opts.out
    }

    /// Rebuilds after `changed` (paths relative to the site root, as the watcher reports them;
    /// `None` when unknown). On error nothing in the preview directory changes.
    pub fn rebuild(&mut self, changed: Option<&[PathBuf]>) -> Result<Changes> {
        let start = Instant::now();
        let result = self.try_rebuild(changed);
        if result.is_err() {
            self.built = None;
        }
        let (files, rendered) = result?;
        Ok(Changes {
            files,
            rendered,
            ms: start.elapsed().as_millis() as u64,
        })
    }

    fn try_rebuild(&mut self, changed: Option<&[PathBuf]>) -> Result<(Vec<String>, usize)> {
        let built = self.update(changed)?;
        self.publish(built)
    }

    /// Brings the search index up to date after a rebuild that patched articles into the site
    /// graph, and writes the index files that changed. `None` when it is up to date. Kept apart
    /// from [`Builder::rebuild`] so that the edited pages reach the browser first: indexing reads
    /// every article.
    pub fn catch_up(&mut self) -> Option<Result<Changes>> {
        if !self.built.as_ref()?.search_behind {
            return None;
        }
        let start = Instant::now();
        let mut built = self.built.take()?;
        built.site.reindex();
        built.files = built.site.files();
        built.search_behind = false;
        Some(self.publish(built).map(|(files, rendered)| Changes {
            files,
            rendered,
            ms: start.elapsed().as_millis() as u64,
        }))
    }

    /// Renders what changed in `built` and writes it to the preview directory; keeps `built` as
    /// the last good site.
    fn publish(&mut self, built: Built) -> Result<(Vec<String>, usize)> {
        let sources = built.site.template_sources()?;
        if self.templates.as_ref().map(Templates::sources) != Some(&sources) {
            self.templates = Some(Templates::compile(sources)?);
        }
        let templates = self
            .templates
            .as_ref()
            .expect("templates were just compiled");
        let renderer = Renderer::new(
            &built.site,
            templates,
            &built.shared,
            Some(&self.live_reload),
        );
        // Changed files are staged next to their targets as they are rendered, and put in place
        // only once everything rendered: a failed rebuild changes nothing that is served.
        let (mut staged, rendered, mut next) = self.render(&renderer, &built.files)?;
        if let Err(e) = self.stage_statics(&built.site, &mut staged, &mut next) {
            discard(&self.opts.out, &staged);
            return Err(e);
        }
        commit(&self.opts.out, &staged)?;
        let mut changed = staged;
        changed.extend(self.remove_stale(&next)?);
        changed.sort();
        self.written = next;
        self.built = Some(built);
        Ok((changed, rendered))
    }

    /// The site after `changed`: the previous one patched when the edit allows, else loaded anew
    /// (through the cache).
    fn update(&mut self, changed: Option<&[PathBuf]>) -> Result<Built> {
        let root = self.opts.root.clone();
        if let Some(paths) = changed {
            let previous = self.built.take();
            let plain = |b: &Built| {
                paths
                    .iter()
                    .all(|p| content::is_source(p) || is_theme_file(&b.site, &root, p))
            };
            // Files the watcher names are read again even if their size and time look the same.
            let refresh = self.cache.refresh(&root, paths);
            if let Some(mut built) = previous.filter(|b| plain(b) && !refresh.structural) {
                if let Some(patched) = built.site.patch(refresh.edited)? {
                    built.search_behind |= !patched.is_empty() && built.site.graph.search.is_some();
                    for i in patched {
                        built.shared.patch(&built.site.config, &built.site.graph, i);
                    }
                    return Ok(built);
                }
            }
        }
        let site = Site::load_cached(&self.opts, &mut self.cache, &mut Timings::default())?;
        let shared = site.shared();
        let files = site.files();
        Ok(Built {
            site,
            shared,
            files,
            search_behind: false,
        })
    }

    /// Renders the outputs whose fingerprint changed and stages the files whose bytes changed;
    /// returns those files, how many outputs were rendered, and what every output file is now
    /// written from. On error nothing stays staged.
    #[allow(clippy::type_complexity)]
    fn render(
        &self,
        renderer: &Renderer<'_>,
        files: &[String],
    ) -> Result<(Vec<String>, usize, HashMap<String, Written>)> {
        let fps = Fingerprints::new(renderer, files);
        let outputs = &renderer.graph().outputs;
        let prints: Vec<u64> = outputs.par_iter().map(|o| fps.of(renderer, o)).collect();
        let stale: Vec<usize> = (0..outputs.len())
            .filter(|&k| self.written.get(&files[k]).map(|w| w.fingerprint) != Some(prints[k]))
            .collect();
        let out = &self.opts.out;
        let rendered: Vec<Result<(u64, bool)>> = stale
            .par_iter()
            .map(|&k| {
                let bytes = renderer.render(&outputs[k])?;
                let h = hash(&bytes);
                let changed = self.written.get(&files[k]).map(|w| w.hash) != Some(h);
                if changed {
                    stage(out, &files[k], &bytes)?;
                }
                Ok((h, changed))
            })
            .collect();
        let staged: Vec<String> = stale
            .iter()
            .zip(&rendered)
            .filter(|(_, r)| matches!(r, Ok((_, true))))
            .map(|(&k, _)| files[k].clone())
            .collect();
        let mut next: HashMap<String, Written> = files
            .iter()
            .zip(&prints)
            .filter_map(|(f, &fingerprint)| {
                let w = self.written.get(f)?;
                Some((
                    f.clone(),
                    Written {
                        fingerprint,
                        hash: w.hash,
                    },
                ))
            })
            .collect();
        for (&k, r) in stale.iter().zip(rendered) {
            match r {
                Ok((hash, _)) => {
                    let fingerprint = prints[k];
                    next.insert(files[k].clone(), Written { fingerprint, hash });
                }
                Err(e) => {
                    discard(out, &staged);
                    return Err(e);
                }
            }
        }
        Ok((staged, stale.len(), next))
    }

    /// Stages the static files whose bytes changed, adding them to `staged`.
    fn stage_statics(
        &self,
        site: &Site,
        staged: &mut Vec<String>,
        next: &mut HashMap<String, Written>,
    ) -> Result<()> {
        for (name, path) in &site.theme.statics {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let h = hash(&bytes);
            if self.written.get(name).map(|w| w.hash) != Some(h) {
                stage(&self.opts.out, name, &bytes)?;
                staged.push(name.clone());
            }
            next.insert(
                name.clone(),
                Written {
                    fingerprint: h,
                    hash: h,
                },
            );
        }
        Ok(())
    }

    /// Deletes outputs the new build no longer has; returns them.
    fn remove_stale(&self, next: &HashMap<String, Written>) -> Result<Vec<String>> {
        let gone: Vec<String> = self
            .written
            .keys()
            .filter(|f| !next.contains_key(*f))
            .cloned()
            .collect();
        for f in &gone {
            let p = self.opts.out.join(f);
            match std::fs::remove_file(&p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(p, e)),
            }
        }
        Ok(gone)
    }
}

/// Whether `rel` is one of the template or static files `site` already uses, still present: an
/// edit to it needs no new theme resolution.
fn is_theme_file(site: &Site, root: &Path, rel: &Path) -> bool {
    let path = root.join(rel);
    let theme = &site.theme;
    path.is_file()
        && theme
            .templates
            .iter()
            .chain(&theme.statics)
            .any(|(_, p)| *p == path)
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Where `file` is staged: a hidden name beside it, which no link points at.
fn staging_path(out: &Path, file: &str) -> PathBuf {
    let p = out.join(file);
    let name = p.file_name().unwrap_or_default().to_string_lossy();
    p.with_file_name(format!(".{name}.tmp"))
}

/// Writes `bytes` for `file` under its staging name.
fn stage(out: &Path, file: &str, bytes: &[u8]) -> Result<()> {
    let tmp = staging_path(out, file);
    if let Some(dir) = tmp.parent().filter(|d| !d.is_dir()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))
}

/// Puts staged files in place, each by a rename, so the server never sends half a page.
fn commit(out: &Path, files: &[String]) -> Result<()> {
    files.par_iter().try_for_each(|f| {
        let p = out.join(f);
        std::fs::rename(staging_path(out, f), &p).map_err(|e| Error::io(&p, e))
    })
}

/// Removes staged files after a failure.
fn discard(out: &Path, files: &[String]) {
    files.par_iter().for_each(|f| {
        let _ = std::fs::remove_file(staging_path(out, f));
    });
}

#[cfg(test)]
mod tests;
