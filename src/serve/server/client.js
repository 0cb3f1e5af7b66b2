// xietong serve 实时预览：页面改了就刷新，样式改了就替换，构建失败就显示提示。
// The live-preview client of `xietong serve`. Only serve hands it out; `build` output never
// mentions it. The server fills in the stream URL below.
(function () {
  "use strict";

  var STREAM = __XIETONG_STREAM__;
  var OVERLAY_ID = "xietong-error-overlay";

  if (!window.EventSource || window.__xietongLiveReload) {
    return;
  }
  window.__xietongLiveReload = true;

  // A URL path in the one form both sides agree on: decoded, `index.html` dropped.
  function key(path) {
    var p = String(path);
    try {
      p = new URL(p, location.href).pathname;
    } catch (e) {}
    try {
      p = decodeURI(p);
    } catch (e) {}
    return p.replace(/\/index\.html$/, "/");
  }

  // Whether `path` is among `paths`; an empty or missing list means "everything".
  function listed(paths, path) {
    if (!paths || !paths.length) {
      return true;
    }
    var k = key(path);
    for (var i = 0; i < paths.length; i++) {
      if (key(paths[i]) === k) {
        return true;
      }
    }
    return false;
  }

  function data(ev) {
    try {
      return JSON.parse(ev.data) || {};
    } catch (e) {
      return {};
    }
  }

  function hideError() {
    var old = document.getElementById(OVERLAY_ID);
    if (old && old.parentNode) {
      old.parentNode.removeChild(old);
    }
  }

  function showError(d) {
    hideError();
    var box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.setAttribute("lang", "zh-CN");
    box.style.cssText =
      "position:fixed;top:0;right:0;bottom:0;left:0;z-index:2147483647;overflow:auto;" +
      "box-sizing:border-box;padding:2rem;background:rgba(24,24,28,.94);color:#f4f4f4;" +
      "font:16px/1.6 system-ui,-apple-system,'PingFang SC','Noto Sans CJK SC',sans-serif;text-align:left";

    var title = document.createElement("h2");
    title.textContent = "构建失败";
    title.style.cssText = "margin:0 0 .75rem;font-size:1.5rem;color:#ff8a80";

    var where = document.createElement("p");
    where.style.cssText = "margin:0 0 .5rem";
    var place = "文件：" + (d.file || "（未知）");
    if (d.line) {
      place += "，第 " + d.line + " 行";
    }
    where.textContent = place;

    var message = document.createElement("pre");
    message.textContent = d.message || "（没有详细信息）";
    message.style.cssText =
      "margin:0 0 1rem;padding:1rem;white-space:pre-wrap;word-break:break-word;" +
      "background:rgba(255,255,255,.08);border-radius:4px;font:14px/1.5 ui-monospace,monospace";

    var hint = document.createElement("p");
    hint.textContent = "修正后页面会自动更新。此刻显示的是上一次成功构建的内容。";
    hint.style.cssText = "margin:0 0 1rem;color:#bbb";

    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "关闭";
    close.style.cssText = "font:inherit;padding:.25rem 1rem;cursor:pointer";
    close.addEventListener("click", hideError);

    box.appendChild(title);
    box.appendChild(where);
    box.appendChild(message);
    box.appendChild(hint);
    box.appendChild(close);
    (document.body || document.documentElement).appendChild(box);
  }

  // Loads a cache-busted copy next to the old stylesheet and drops the old one once the new one
  // has loaded, so the page never shows unstyled.
  function replaceStylesheet(link, href) {
    var fresh = link.cloneNode(false);
    var done = false;
    function drop() {
      if (!done && link.parentNode) {
        done = true;
        link.parentNode.removeChild(link);
      }
    }
    fresh.addEventListener("load", drop);
    fresh.addEventListener("error", drop);
    fresh.href = href;
    link.parentNode.insertBefore(fresh, link.nextSibling);
  }

  function swapStylesheets(paths) {
    var links = document.querySelectorAll('link[rel~="stylesheet" i]');
    var stamp = String(Date.now());
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      if (!link.href || !link.parentNode) {
        continue;
      }
      var url;
      try {
        url = new URL(link.href, location.href);
      } catch (e) {
        continue;
      }
      if (url.origin !== location.origin || !listed(paths, url.pathname)) {
        continue;
      }
      url.searchParams.set("v", stamp);
      replaceStylesheet(link, url.href);
    }
  }

  var server = null; // the id of the server we first talked to
  var reloading = false;

  function reload() {
    if (!reloading) {
      reloading = true;
      location.reload();
    }
  }

  function connect() {
    var source = new EventSource(STREAM);

    // Sent first on every connection. A different id after a reconnect means the server was
    // restarted and the site rebuilt while we were away: reload once to catch up.
    source.addEventListener("hello", function (ev) {
      var id = data(ev).server;
      // Lets tests (and the curious) see that the page is listening.
      document.documentElement.setAttribute("data-xietong-live", "connected");
      if (server === null) {
        server = id;
      } else if (id !== server) {
        reload();
      }
    });

    source.addEventListener("reload", function (ev) {
      var d = data(ev);
      hideError();
      if (listed(d.paths, location.pathname)) {
        reload();
      }
    });

    source.addEventListener("css", function (ev) {
      hideError();
      swapStylesheets(data(ev).paths);
    });

    // The server is stopping; it cannot close the connection itself, so close it here and try
    // again until a server answers (whose new id then reloads the page).
    source.addEventListener("bye", function () {
      source.close();
      setTimeout(connect, 1000);
    });

    // The server's `event: error` and EventSource's own connection errors share this name; only
    // the former carries data.
    source.addEventListener("error", function (ev) {
      if (typeof ev.data === "string") {
        showError(data(ev));
      } else if (source.readyState === EventSource.CLOSED) {
        // The browser gave up (it retries by itself otherwise): start over a little later.
        setTimeout(connect, 2000);
      }
    });
  }

  connect();
})();
