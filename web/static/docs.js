// Starts Swagger UI on /docs (a file, not an inline script: the CSP allows only scripts from this origin).
(() => {
  "use strict";
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
})();
