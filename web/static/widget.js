// shien widget: <script src="https://HOST/widget.js" async></script>, optional data-lang="en", data-position="left".
// Adds a launcher button in a shadow root (no styles leak either way) that opens /embed in an iframe.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src, window.location.href).origin;
  var lang = script.getAttribute("data-lang") === "en" ? "en" : "ja";
  var side = script.getAttribute("data-position") === "left" ? "left" : "right";
  var label = lang === "en" ? "Ask about business support" : "事業者支援をチャットで質問";
  var closeLabel = lang === "en" ? "Close the chat" : "チャットを閉じる";

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

    function open() {
      if (!frame) {
        frame = document.createElement("iframe");
        frame.src = origin + "/embed?lang=" + lang;
        frame.title = label;
        frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms allow-popups");
        var frameStyle = {
          position: "fixed", bottom: "80px", width: "min(420px, calc(100vw - 40px))",
          height: "min(640px, calc(100vh - 120px))", border: "1px solid #c8ced6", borderRadius: "12px",
          boxShadow: "0 8px 30px rgba(0,0,0,.25)", background: "#fff", zIndex: "2147483000"
        };
        frameStyle[side] = "20px";
        Object.assign(frame.style, frameStyle);
        root.appendChild(frame);
      }
      frame.style.display = "block";
      button.setAttribute("aria-expanded", "true");
      button.textContent = closeLabel;
    }

    function close() {
      if (frame) frame.style.display = "none";
      button.setAttribute("aria-expanded", "false");
      button.textContent = label;
    }

    button.addEventListener("click", function () {
      if (button.getAttribute("aria-expanded") === "true") close(); else open();
    });
    root.appendChild(button);
    document.body.appendChild(host);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
