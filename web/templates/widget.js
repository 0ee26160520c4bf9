// shien widget: <script src="https://HOST/widget.js" async></script>, optional data-lang="en", data-position="left".
// Adds a launcher button in a shadow root (no styles leak either way) that opens /embed in an iframe.
// The iframe is created once and only hidden on close, so the conversation lasts as long as the host page.
// A template: GET /widget.js fills in the labels of both languages from web/i18n.json (widget_open, close_chat).
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src, window.location.href).origin;
  var lang = script.getAttribute("data-lang") === "en" ? "en" : "ja";
  var side = script.getAttribute("data-position") === "left" ? "left" : "right";
  var labels = {{ labels|tojson }}[lang];
  var label = labels.open;
  var closeLabel = labels.close;
  // On a phone a floating box leaves no room to read: the chat takes the whole screen.
  var phone = window.matchMedia("(max-width: 600px)");

  function mount() {
    var host = document.createElement("div");
    host.setAttribute("data-shien-widget", "");
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.setAttribute("aria-expanded", "false");
    var buttonStyle = {
      position: "fixed", bottom: "20px", zIndex: "2147483000", padding: "12px 18px", border: "0",
      borderRadius: "999px", background: "#0b5cad", color: "#fff", font: "600 15px/1.2 system-ui, sans-serif",
      boxShadow: "0 4px 14px rgba(0,0,0,.25)", cursor: "pointer"
    };
    buttonStyle[side] = "20px";
    Object.assign(button.style, buttonStyle);
    var frame = null;

    function isOpen() {
      return button.getAttribute("aria-expanded") === "true";
    }

    function layout() {
      if (!frame) return;
      var full = phone.matches;
      var style = full
        ? { top: "0", bottom: "0", left: "0", right: "0", width: "100vw", height: "100dvh", border: "0", borderRadius: "0" }
        : { top: "auto", bottom: "80px", left: "auto", right: "auto", width: "min(420px, calc(100vw - 40px))",
            height: "min(640px, calc(100vh - 120px))", border: "1px solid #c8ced6", borderRadius: "12px" };
      if (!full) style[side] = "20px";
      Object.assign(frame.style, style);
      // Full screen, the frame covers the launcher; the chat's own close button (in its header) closes it.
      button.style.display = full && isOpen() ? "none" : "";
    }

    function open() {
      if (!frame) {
        frame = document.createElement("iframe");
        frame.src = origin + "/embed?lang=" + lang;
        frame.title = label;
        frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox");
        Object.assign(frame.style, {
          position: "fixed", boxShadow: "0 8px 30px rgba(0,0,0,.25)", background: "#fff", zIndex: "2147483000"
        });
        root.appendChild(frame);
      }
      frame.style.display = "block";
      button.setAttribute("aria-expanded", "true");
      button.textContent = closeLabel;
      layout();
    }

    function close() {
      if (frame) frame.style.display = "none";
      button.setAttribute("aria-expanded", "false");
      button.textContent = label;
      layout();
      button.focus();
    }

    button.addEventListener("click", function () {
      if (isOpen()) close(); else open();
    });
    // Only the chat in our own frame may ask to be closed.
    window.addEventListener("message", function (event) {
      if (frame && event.source === frame.contentWindow && event.origin === origin &&
          event.data && event.data.shien === "close") close();
    });
    if (phone.addEventListener) phone.addEventListener("change", layout);
    root.appendChild(button);
    document.body.appendChild(host);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
