"""Self-test of check_links.py on tiny hand-made sites.

Run from the repository root with ``python3 -m unittest scripts/test_check_links.py``
or ``python3 -m unittest discover -s scripts``.
"""

import contextlib
import io
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import check_links  # noqa: E402

BASE = "https://example.github.io/xietong/"


def page(body: str, head: str = "") -> str:
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>测试</title>{head}</head><body>{body}</body></html>"
    )


# A small site that is correct: absolute, root-relative and relative links,
# fragments, srcset, a stylesheet, a feed, a meta-refresh stub and external links.
GOOD_SITE = {
    "index.html": page(
        '<nav><a href="/xietong/">首页</a> <a href="topics/">专题</a> '
        '<a href="https://example.github.io/xietong/about/">关于</a> '
        '<a href="industry/cangzhou/#sec-2">第二节</a> <a href="#main">正文</a> '
        '<a href="#">顶部</a> <a href="regions/%E6%B2%A7%E5%B7%9E/">沧州</a> '
        '<a href="regions/沧州/">沧州</a> <a href="topics">专题（无斜杠）</a> '
        '<a href="/xietong">首页（无斜杠）</a> <a href="atom.xml?v=1">订阅</a></nav>'
        '<main id="main"><img src="img/a.png" srcset="img/a.png 1x, img/a@2x.png 2x" alt="">'
        '<a href="mailto:editor@example.com">来信</a> <a href="tel:+861012345678">电话</a> '
        '<a href="javascript:void(0)">x</a> <img src="data:image/gif;base64,R0lGOD" alt="">'
        '<a href="https://www.gov.cn/">外链</a> <a href="https://www.gov.cn/a">外链</a> '
        '<a href="//cdn.example.org/x.js">CDN</a></main>',
        head='<link rel="stylesheet" href="/xietong/css/style.css">'
        '<link rel="alternate" type="application/atom+xml" href="https://example.github.io/xietong/atom.xml">',
    ),
    "about/index.html": page('<p><a href="../">返回</a> <a href="../industry/cangzhou/">文章</a></p>'),
    "topics/index.html": page('<p><a href="../index.html">首页</a> <a name="old-anchor"></a></p>'),
    "topics/carbon/page/1/index.html": (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>跳转</title>'
        '<meta http-equiv="refresh" content="0; url=/xietong/topics/#old-anchor"></head>'
        '<body><a href="/xietong/topics/">专题</a></body></html>'
    ),
    "industry/cangzhou/index.html": page(
        '<h2 id="sec-1">一</h2><h2 id="sec-2">二</h2><a href="#sec-1">一</a> '
        '<a href="/xietong/topics/#old-anchor">锚点</a> <a href="../../#top">顶部</a>'
    ),
    "regions/沧州/index.html": page('<h2 id="%E7%AE%80%E4%BB%8B">x</h2><h2 id="简介">简介</h2><a href="#简介">简介</a>'),
    "404.html": page('<a href="/xietong/">首页</a>'),
    "css/style.css": "body{}",
    "img/a.png": "",
    "img/a@2x.png": "",
    "atom.xml": "<feed/>",
}


def build(root: Path, files: dict) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


class CheckLinksTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = Path(self._tmp.name)

    def tearDown(self):
        self._tmp.cleanup()

    def site(self, **changes) -> Path:
        files = dict(GOOD_SITE)
        for rel, text in changes.items():
            files[rel.replace("__", "/")] = text
        return build(self.tmp / "public", files)

    def broken(self, site: Path, base: str = BASE):
        return check_links.check_site(site, base).broken

    # ------------------------------------------------------------------ good site

    def test_good_site_passes(self):
        report = check_links.check_site(self.site(), BASE)
        self.assertEqual(report.broken, [])
        self.assertEqual(report.pages, 7)
        self.assertEqual(report.external["www.gov.cn"], 2)
        self.assertEqual(report.external["cdn.example.org"], 1)
        self.assertEqual(report.skipped, 4)  # mailto, tel, javascript, data
        self.assertGreater(report.internal, 20)

    def test_good_site_passes_at_root_base_url(self):
        files = {
            "index.html": page('<a href="/about/">关于</a> <a href="about/#x">x</a> <a href="/">首页</a>'),
            "about/index.html": page('<p id="x"><a href="../">返回</a></p>'),
        }
        site = build(self.tmp / "root", files)
        self.assertEqual(self.broken(site, "https://example.org/"), [])
        # The base URL may be given without its trailing slash.
        self.assertEqual(self.broken(site, "https://example.org"), [])

    def test_command_line_success(self):
        site = self.site()
        result = subprocess.run(
            [sys.executable, str(HERE / "check_links.py"), str(site), BASE],
            capture_output=True, text=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        last = result.stdout.strip().splitlines()[-1]
        self.assertRegex(last, r"^links: 7 pages, \d+ internal links, 3 external, 0 broken$")

    # ------------------------------------------------------------------ broken sites

    def test_missing_target_fails(self):
        site = self.site(**{"about__index.html": page('<a href="../industry/tianjin/">不存在</a>')})
        broken = self.broken(site)
        self.assertEqual(len(broken), 1)
        self.assertEqual(broken[0][0], "about/index.html")
        self.assertEqual(broken[0][1], "../industry/tianjin/")
        self.assertIn("industry/tianjin/index.html", broken[0][2])

    def test_missing_file_without_slash_fails(self):
        site = self.site(**{"404.html": page('<a href="/xietong/css/missing.css">x</a>')})
        self.assertEqual([b[1] for b in self.broken(site)], ["/xietong/css/missing.css"])

    def test_missing_image_in_srcset_fails(self):
        site = self.site(**{"404.html": page('<img src="/xietong/img/a.png" srcset="/xietong/img/a@3x.png 3x" alt="">')})
        self.assertEqual([b[1] for b in self.broken(site)], ["/xietong/img/a@3x.png"])

    def test_directory_without_index_fails(self):
        site = self.site(**{"404.html": page('<a href="/xietong/img/">图片</a>')})
        self.assertEqual(len(self.broken(site)), 1)

    def test_link_escaping_base_path_fails(self):
        cases = [
            "/about/",  # root-relative link that forgot the base path
            "../",  # from the root page, one level above the base path
            "https://example.github.io/other/",
            "/xietong/../about/",
            "/xietong/%2e%2e/about/",
            "/xietongabout/",
        ]
        body = " ".join(f'<a href="{href}">x</a>' for href in cases)
        site = self.site(**{"index.html": page(body)})
        broken = self.broken(site)
        self.assertEqual([b[1] for b in broken], cases)
        for _, _, reason in broken:
            self.assertIn("outside the base path /xietong/", reason)

    def test_scheme_mismatch_and_double_slash_fail(self):
        body = '<a href="http://example.github.io/xietong/">http</a> <a href="/xietong//about/">双斜杠</a>'
        site = self.site(**{"index.html": page(body)})
        reasons = [b[2] for b in self.broken(site)]
        self.assertEqual(len(reasons), 2)
        self.assertIn("scheme", reasons[0])
        self.assertIn("//", reasons[1])

    def test_missing_fragment_fails(self):
        body = '<a href="#nope">本页</a> <a href="/xietong/industry/cangzhou/#sec-3">他页</a> <a href="#sec-1">x</a>'
        site = self.site(**{"about__index.html": page(body)})
        broken = self.broken(site)
        self.assertEqual([b[1] for b in broken], ["#nope", "/xietong/industry/cangzhou/#sec-3", "#sec-1"])
        self.assertIn("this page", broken[0][2])
        self.assertIn("industry/cangzhou/index.html", broken[1][2])

    def test_name_only_counts_on_a_elements(self):
        body = '<form><input name="q"></form><a href="#q">x</a>'
        site = self.site(**{"404.html": page(body)})
        self.assertEqual(len(self.broken(site)), 1)

    def test_broken_meta_refresh_fails(self):
        stub = page("", head='<meta http-equiv="refresh" content="0;URL=\'/xietong/topics/carbon/\'">')
        site = self.site(**{"topics__carbon__page__1__index.html": stub})
        self.assertEqual([b[1] for b in self.broken(site)], ["/xietong/topics/carbon/"])

    def test_base_element_is_honoured(self):
        body = '<a href="cangzhou/">x</a>'
        head = '<base href="/xietong/industry/">'
        site = self.site(**{"404.html": page(body, head=head)})
        self.assertEqual(self.broken(site), [])
        site = self.site(**{"404.html": page('<a href="cangzhou/">x</a>')})
        self.assertEqual(len(self.broken(site)), 1)

    def test_command_line_failure_lists_page_and_reason(self):
        site = self.site(**{"about__index.html": page('<a href="/xietong/nowhere/">x</a>')})
        result = subprocess.run(
            [sys.executable, str(HERE / "check_links.py"), str(site), BASE],
            capture_output=True, text=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        self.assertEqual(result.returncode, 1)
        self.assertIn("about/index.html → /xietong/nowhere/ (no file nowhere/index.html)", result.stdout)
        self.assertTrue(result.stdout.strip().endswith("1 broken"))

    def test_empty_site_fails(self):
        (self.tmp / "empty").mkdir()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            status = check_links.main(["check_links.py", str(self.tmp / "empty"), BASE])
        self.assertEqual(status, 1)


class SrcsetTest(unittest.TestCase):
    def test_parse_srcset(self):
        self.assertEqual(check_links.parse_srcset("a.png 1x, b.png 2x"), ["a.png", "b.png"])
        self.assertEqual(check_links.parse_srcset(" a.png,  b.png 2x "), ["a.png", "b.png"])
        # Without a space after it, a comma is part of the URL (as in browsers).
        self.assertEqual(check_links.parse_srcset("a.png,b.png 2x"), ["a.png,b.png"])
        self.assertEqual(check_links.parse_srcset("a,b.png 100w, c.png"), ["a,b.png", "c.png"])
        self.assertEqual(check_links.parse_srcset(""), [])

    def test_parse_refresh(self):
        self.assertEqual(check_links.parse_refresh("0; url=/x/"), "/x/")
        self.assertEqual(check_links.parse_refresh("0;URL='/x/'"), "/x/")
        self.assertEqual(check_links.parse_refresh("3, https://a.example/"), "https://a.example/")
        self.assertIsNone(check_links.parse_refresh("5"))


if __name__ == "__main__":
    unittest.main()
