//! Integration tests: the real `xietong` binary building real sites in temporary directories.
//!
//! One test binary (`cargo test --test main`), one module per behaviour; the harness is in `util`,
//! shared sample sites in `tests/fixtures/`. See `tests/README.md` for how to add a test.

mod util;

// Front matter: TOML and YAML headers show every field; unknown keys are kept.
mod frontmatter;
// Every error path: exit code 1, file, line, column and help in the message.
mod errors;
// Writing output: failed builds keep the old site, `--out` never replaces the site itself.
mod output;
// List pages: empty, single, full and overflowing pages, prev/next links, page/1 stubs.
mod pagination;
// Region pages: county → city → province roll-up, breadcrumbs, the tree, topic filters.
mod regions;
// Article URLs: numbered slugs on collisions, explicit slug conflicts.
mod slugs;
// Reproducible builds: byte-identical output across runs, threads and folders.
mod determinism;
// `xietong check`: writes nothing, finds broken internal links.
mod check;
// Links under a base path: `--base-url` and the 404 page.
mod links;
// `draft = true` and `--drafts`.
mod drafts;
// Atom feeds, sitemap.xml, robots.txt.
mod feeds;
// Site `templates/` and `static/` overriding the theme.
mod theme;
// Markdown extensions and class-based code highlighting.
mod markdown;
// `xietong import`: dry-run JSON, writing, re-import, clashes, encodings, folders, a 20 MB input.
mod import;
// `xietong serve`: the real server on a loopback port, file edits, live-reload events, traversal.
mod serve;
// GitHub Pages: the built site crawled over loopback HTTP under /xietong/ and at a root domain,
// `check --links` on broken and escaping links, CNAME.
mod pages;
// Search: the page, the box, the index files and their sizes; `search = false`.
mod search;
