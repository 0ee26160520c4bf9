// Staff sign-in and sign-out for /insights: posts the token as JSON; the server sets an HttpOnly session cookie.
(() => {
  "use strict";
  const logout = document.getElementById("staff-logout");
  if (logout) {
    logout.addEventListener("click", async () => {
      await fetch("/insights/logout", { method: "POST" });
      window.location.reload();
    });
  }
  const form = document.getElementById("staff-login");
  if (!form) return;
  const error = document.getElementById("login-error");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const token = document.getElementById("staff-token").value;
    const response = await fetch("/insights/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token }),
    });
    if (response.ok) {
      window.location.reload();
      return;
    }
    const problem = await response.json().catch(() => null);
    error.textContent = (problem && problem.error && problem.error.message) || String(response.status);
    error.hidden = false;
  });
})();
