// DirectDesk browser-mode shim: defines window.go and window.runtime the way
// the Wails desktop runtime does, over HTTP to the local directdesk server.
// Served by app/web and injected into index.html; absent on the desktop.
(function () {
  if (window.go && window.runtime) return;
  var params = new URLSearchParams(location.search);
  var token = params.get("token");
  if (token) {
    sessionStorage.setItem("directdesk-token", token);
    params.delete("token");
    var rest = params.toString();
    history.replaceState(null, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
  } else {
    token = sessionStorage.getItem("directdesk-token") || "";
  }

  function post(path, body, headers) {
    var h = Object.assign({ "X-DirectDesk-Token": token }, headers || {});
    return fetch(path, { method: "POST", headers: h, body: body });
  }

  function call(name, args) {
    return post("/bridge/call", JSON.stringify({ name: name, args: args }), { "Content-Type": "application/json" })
      .then(function (r) {
        return r.json().catch(function () {
          throw JSON.stringify({ code: "internal", message: "The DirectDesk server answered " + r.status + "." });
        });
      }, function () {
        throw JSON.stringify({ code: "internal", message: "DirectDesk is not running any more. Start it again and reload this page." });
      })
      .then(function (body) {
        if (body.error !== undefined) throw body.error;
        return body.result;
      });
  }

  // A file "dialog" in the browser: pick a file, upload it to a temp file
  // on the server, and hand its path to the same bound methods.
  function pickAndUpload(title, filters) {
    return new Promise(function (resolve, reject) {
      var input = document.createElement("input");
      input.type = "file";
      input.setAttribute("data-testid", "browser-file-input");
      var exts = [];
      (filters || []).forEach(function (f) {
        String(f.pattern || "").split(";").forEach(function (p) {
          p = p.trim();
          if (p.indexOf("*.") === 0) exts.push(p.slice(1));
        });
      });
      if (exts.length) input.accept = exts.join(",");
      input.style.display = "none";
      document.body.appendChild(input);
      var done = false;
      input.addEventListener("cancel", function () { done = true; input.remove(); resolve(""); });
      input.addEventListener("change", function () {
        done = true;
        var file = input.files && input.files[0];
        input.remove();
        if (!file) return resolve("");
        post("/bridge/upload", file, { "X-File-Name": encodeURIComponent(file.name) })
          .then(function (r) { return r.json(); })
          .then(function (body) { if (body.error !== undefined) reject(body.error); else resolve(body.result); }, reject);
      });
      input.click();
    });
  }

  var overrides = { "app.Files.Open": pickAndUpload };

  function methodProxy(pkg, struct) {
    return new Proxy({}, {
      get: function (_, method) {
        var name = pkg + "." + struct + "." + String(method);
        return overrides[name] || function () { return call(name, Array.prototype.slice.call(arguments)); };
      },
    });
  }
  window.go = new Proxy({}, {
    get: function (_, pkg) {
      return new Proxy({}, { get: function (_, struct) { return methodProxy(String(pkg), String(struct)); } });
    },
  });

  var listeners = {};
  function dispatch(name, data) {
    (listeners[name] || []).slice().forEach(function (l) {
      l.cb.apply(null, data);
      if (l.max > 0 && --l.max === 0) off(name, l);
    });
  }
  function off(name, l) {
    listeners[name] = (listeners[name] || []).filter(function (x) { return x !== l; });
  }
  function connect() {
    var es = new EventSource("/bridge/events?token=" + encodeURIComponent(token));
    es.onmessage = function (m) {
      try { var ev = JSON.parse(m.data); dispatch(ev.name, [ev.data]); } catch (e) { console.error(e); }
    };
  }
  connect();

  var noop = function () {};
  window.runtime = {
    EventsOnMultiple: function (name, cb, max) {
      var l = { cb: cb, max: max };
      (listeners[name] = listeners[name] || []).push(l);
      return function () { off(name, l); };
    },
    EventsOff: function (name) {
      Array.prototype.slice.call(arguments).forEach(function (n) { delete listeners[n]; });
    },
    EventsOffAll: function () { listeners = {}; },
    EventsEmit: function (name) { dispatch(name, Array.prototype.slice.call(arguments, 1)); },
    LogPrint: function (m) { console.log(m); }, LogTrace: noop, LogDebug: noop,
    LogInfo: function (m) { console.info(m); }, LogWarning: function (m) { console.warn(m); },
    LogError: function (m) { console.error(m); }, LogFatal: function (m) { console.error(m); },
    WindowSetTitle: function (t) { document.title = t; },
    WindowReload: function () { location.reload(); }, WindowReloadApp: function () { location.reload(); },
    WindowSetDarkTheme: noop, WindowSetLightTheme: noop, WindowSetSystemDefaultTheme: noop,
    WindowCenter: noop, WindowFullscreen: noop, WindowUnfullscreen: noop, WindowMaximise: noop,
    WindowUnmaximise: noop, WindowToggleMaximise: noop, WindowMinimise: noop, WindowUnminimise: noop,
    WindowShow: noop, WindowHide: noop, WindowSetSize: noop, WindowSetMinSize: noop, WindowSetMaxSize: noop,
    WindowSetPosition: noop, WindowSetAlwaysOnTop: noop, WindowSetBackgroundColour: noop,
    WindowGetSize: function () { return Promise.resolve({ w: window.innerWidth, h: window.innerHeight }); },
    WindowGetPosition: function () { return Promise.resolve({ x: 0, y: 0 }); },
    WindowIsFullscreen: function () { return Promise.resolve(false); },
    WindowIsMaximised: function () { return Promise.resolve(false); },
    WindowIsMinimised: function () { return Promise.resolve(false); },
    WindowIsNormal: function () { return Promise.resolve(true); },
    ScreenGetAll: function () { return Promise.resolve([]); },
    BrowserOpenURL: function (url) { window.open(url, "_blank", "noopener"); },
    Environment: function () { return Promise.resolve({ buildType: "browser", platform: "browser", arch: "" }); },
    Quit: function () { window.close(); }, Hide: noop, Show: noop,
    ClipboardGetText: function () { return navigator.clipboard.readText(); },
    ClipboardSetText: function (t) { return navigator.clipboard.writeText(t).then(function () { return true; }); },
    OnFileDrop: noop, OnFileDropOff: noop, CanResolveFilePaths: function () { return false; },
    ResolveFilePaths: noop,
  };
  window.directdeskBrowserMode = true;
  // Fetches a file the app made (an export, refused import rows).
  window.directdeskDownload = function (name) {
    var a = document.createElement("a");
    a.href = "/bridge/download/" + encodeURIComponent(name) + "?token=" + encodeURIComponent(token);
    a.download = name;
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    a.remove();
  };
})();
