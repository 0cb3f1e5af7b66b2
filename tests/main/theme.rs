//! A site's own `templates/` and `static/` files replace the theme's files of the same name, and
//! only those.

use crate::util::{assert_has, assert_lacks, SiteTest};

#[test]
fn site_template_replaces_the_theme_template() {
    let site = SiteTest::from_fixture("basic");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<article class=\"mine\">本站页面模板：{{ page.title }}</article>{% endblock content %}",
    );
    site.build_ok();
    let about = site.read("about/index.html");
    assert_has(
        "about",
        &about,
        "<article class=\"mine\">本站页面模板：关于本刊</article>",
    );
    // The theme's base.html still wraps it; other pages still use the theme's own templates.
    assert_has(
        "about",
        &about,
        "<link rel=\"stylesheet\" href=\"/xietong/css/style.css\">",
    );
    assert_lacks(
        "article",
        &site.read("industry/cangzhou-gangkou/index.html"),
        "本站页面模板",
    );
}

#[test]
fn site_partial_replaces_the_theme_partial() {
    let site = SiteTest::from_fixture("basic");
    site.write(
        "templates/partials/sidebar.html",
        "<aside class=\"mine\">本站侧栏</aside>",
    );
    site.build_ok();
    assert_has(
        "topic page",
        &site.read("topics/industry/index.html"),
        "<aside class=\"mine\">本站侧栏</aside>",
    );
}

#[test]
fn site_static_file_replaces_the_theme_file() {
    let site = SiteTest::from_fixture("basic");
    site.write(
        "static/css/style.css",
        "/* 本站样式 */\nbody { color: #222; }\n",
    );
    site.write(
        "static/img/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.build_ok();
    assert_eq!(
        site.read("css/style.css"),
        "/* 本站样式 */\nbody { color: #222; }\n"
    );
    assert_eq!(
        site.read("img/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
    );
    let theme_icon = std::fs::read(site.root().join("themes/digest/static/favicon.svg")).unwrap();
    assert_eq!(
        std::fs::read(site.public().join("favicon.svg")).unwrap(),
        theme_icon,
        "favicon.svg should still be the theme's"
    );
}

#[test]
fn theme_static_files_are_copied_unchanged() {
    let site = SiteTest::from_fixture("basic");
    site.build_ok();
    let theme_css = std::fs::read(site.root().join("themes/digest/static/css/style.css")).unwrap();
    assert_eq!(
        std::fs::read(site.public().join("css/style.css")).unwrap(),
        theme_css
    );
}
