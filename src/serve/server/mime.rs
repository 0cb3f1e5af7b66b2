//! Content types for the files a build writes, by file name.

/// The `Content-Type` for a file called `name`. Text types carry `charset=utf-8` because the
/// site is Chinese and a browser guessing otherwise shows mojibake.
pub(super) fn content_type(name: &str) -> &'static str {
    let lower = name.to_ascii_lowercase();
    if lower == "atom.xml" {
        return "application/atom+xml";
    }
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "atom" => "application/atom+xml",
        "xml" | "xsl" => "application/xml",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::content_type;

    #[test]
    fn pages_styles_and_scripts_are_utf8_text() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("search.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
    }

    #[test]
    fn feeds_are_atom_and_the_sitemap_is_xml() {
        assert_eq!(content_type("atom.xml"), "application/atom+xml");
        assert_eq!(content_type("ATOM.XML"), "application/atom+xml");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("sitemap-2.xml"), "application/xml");
    }

    #[test]
    fn images_fonts_and_data() {
        assert_eq!(content_type("favicon.svg"), "image/svg+xml");
        assert_eq!(content_type("a.png"), "image/png");
        assert_eq!(content_type("a.JPG"), "image/jpeg");
        assert_eq!(content_type("a.jpeg"), "image/jpeg");
        assert_eq!(content_type("a.webp"), "image/webp");
        assert_eq!(content_type("f.woff2"), "font/woff2");
        assert_eq!(content_type("search.json"), "application/json");
    }

    #[test]
    fn unknown_is_octet_stream() {
        assert_eq!(content_type("README"), "application/octet-stream");
        assert_eq!(content_type("a.bin"), "application/octet-stream");
    }
}
