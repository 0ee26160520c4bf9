// The chat: streams answers from /api/ask and shows citations as chips that open a measure card.
// All data goes into the DOM through textContent; nothing from the server is parsed as HTML.
(() => {
  "use strict";
  const body = document.body;
  const lang = body.dataset.lang === "en" ? "en" : "ja";
  const maxChars = Number(body.dataset.maxChars || "500");
  const strings = {};
  const template = document.getElementById("strings");
  if (template) {
    for (const node of template.content.querySelectorAll("[data-key]")) strings[node.dataset.key] = node.textContent;
  }
  const messages = document.getElementById("messages");
  const form = document.getElementById("ask-form");
  const input = document.getElementById("question");
  const button = document.getElementById("ask-button");
  const panel = document.getElementById("panel");
  const panelTitle = document.getElementById("panel-title");
  const panelBody = document.getElementById("panel-body");
  const examples = document.getElementById("examples");
  const history = [];
  let lastChip = null;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function addMessage(role) {
    const item = el("li", `message ${role}`);
    item.appendChild(el("span", "who", role === "user" ? strings.you : strings.assistant));
    const text = el("div", "text");
    item.appendChild(text);
    messages.appendChild(item);
    return { item, text };
  }

  function openPanel(citation, chip) {
    lastChip = chip;
    panelTitle.textContent = citation.name;
    panelBody.replaceChildren();
    panelBody.appendChild(el("h3", "", strings.description));
    panelBody.appendChild(el("p", "", citation.description));
    panelBody.appendChild(el("h3", "", strings.indicators));
    const table = el("table", "targets");
    const head = el("tr");
    for (const label of [strings.indicator, "R6", "R9", "R13", strings.unit]) head.appendChild(el("th", "", label));
    const thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    const tbody = el("tbody");
    for (const ind of citation.indicators) {
      const row = el("tr");
      row.appendChild(el("th", "", ind.label));
      for (const value of [ind.r6, ind.r9, ind.r13, ind.unit]) row.appendChild(el("td", "", value));
      tbody.appendChild(row);
    }
    table.appendChild(tbody);
    panelBody.appendChild(table);
    panelBody.appendChild(el("h3", "", strings.placements));
    const list = el("ul", "placement-list");
    for (const i of citation.initiatives) {
      const li = el("li");
      li.appendChild(el("span", "tag", i.code));
      li.appendChild(document.createTextNode(` ${i.title}${i.reprint ? ` (${strings.reprint})` : ""}`));
      li.appendChild(el("small", "", ` — ${i.goal}. ${i.goal_title}`));
      list.appendChild(li);
    }
    panelBody.appendChild(list);
    panelBody.appendChild(el("h3", "", strings.source));
    const lines = citation.source.lines;
    panelBody.appendChild(el("p", "source", `${citation.source.attribution || citation.source.title} (${strings.lines} ${lines[0]}–${lines[1]})`));
    const link = el("a", "", strings.details);
    link.href = `/measures/${encodeURIComponent(citation.measure_id)}?lang=${lang}`;
    link.target = "_blank";
    link.rel = "noopener";
    panelBody.appendChild(link);
    panel.hidden = false;
    panel.focus();
  }

  function closePanel() {
    panel.hidden = true;
    if (lastChip) lastChip.focus();
  }

  function renderAnswer(target, answer) {
    target.replaceChildren();
    const byN = new Map(answer.citations.map((c) => [c.n, c]));
    const parts = answer.text.split(/(\[\d+\])/);
    for (const part of parts) {
      const marker = /^\[(\d+)\]$/.exec(part);
      const citation = marker && byN.get(Number(marker[1]));
      if (citation) {
        const chip = el("button", "chip", part);
        chip.type = "button";
        chip.setAttribute("aria-label", `${part} ${citation.name}`);
        chip.addEventListener("click", () => openPanel(citation, chip));
        target.appendChild(chip);
      } else if (part) {
        target.appendChild(document.createTextNode(part));
      }
    }
    if (answer.follow_ups && answer.follow_ups.length) {
      const box = el("div", "follow-ups");
      box.appendChild(el("span", "", strings.suggestions));
      for (const question of answer.follow_ups) {
        const suggestion = el("button", "suggestion", question);
        suggestion.type = "button";
        suggestion.addEventListener("click", () => ask(question));
        box.appendChild(suggestion);
      }
      target.appendChild(box);
    }
  }

  function ratingBox(interactionId) {
    const box = el("div", "rating");
    box.appendChild(el("span", "", strings.rate));
    const comment = el("input", "rating-comment");
    comment.type = "text";
    comment.maxLength = 1000;
    comment.placeholder = strings.comment_placeholder;
    comment.setAttribute("aria-label", strings.comment_placeholder);
    async function send(helpful) {
      const response = await fetch("/api/feedback", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ interaction_id: interactionId, helpful, comment: comment.value }),
      });
      box.replaceChildren(el("span", response.ok ? "thanks" : "error", response.ok ? strings.thanks : strings.error));
    }
    for (const [label, helpful] of [[strings.helpful, true], [strings.not_helpful, false]]) {
      const choice = el("button", "rate-button", label);
      choice.type = "button";
      choice.dataset.helpful = String(helpful);
      choice.addEventListener("click", () => send(helpful));
      box.appendChild(choice);
    }
    box.appendChild(comment);
    return box;
  }

  async function readEvents(response, onEvent) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = "message";
        let data = "";
        for (const line of frame.split("\n")) {
          if (line.startsWith("event: ")) event = line.slice(7);
          else if (line.startsWith("data: ")) data += line.slice(6);
        }
        if (data) onEvent(event, JSON.parse(data));
      }
    }
  }

  async function ask(question) {
    question = question.trim().slice(0, maxChars);
    if (!question) return;
    if (examples) examples.hidden = true;
    addMessage("user").text.textContent = question;
    const reply = addMessage("assistant");
    reply.item.setAttribute("aria-busy", "true");
    reply.text.textContent = strings.thinking;
    button.disabled = true;
    let streamed = "";
    try {
      const response = await fetch("/api/ask", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "text/event-stream" },
        body: JSON.stringify({ question, history: history.slice(-6), lang }),
      });
      if (!response.ok) {
        const problem = await response.json().catch(() => null);
        throw new Error((problem && problem.error && problem.error.message) || `${response.status}`);
      }
      let answer = null;
      await readEvents(response, (event, data) => {
        if (event === "delta") {
          streamed += data.text;
          reply.text.textContent = streamed;
        } else if (event === "replace") {
          streamed = data.text;
          reply.text.textContent = streamed;
        } else if (event === "done") {
          answer = data;
        } else if (event === "error") {
          throw new Error(data.error.message);
        }
      });
      if (!answer) throw new Error("incomplete answer");
      renderAnswer(reply.text, answer);
      reply.item.dataset.kind = answer.kind;
      if (answer.interaction_id) reply.item.appendChild(ratingBox(answer.interaction_id));
      history.push({ role: "user", text: question });
      history.push({ role: "assistant", text: answer.text, measure_ids: answer.citations.map((c) => c.measure_id) });
    } catch (error) {
      reply.text.textContent = `${strings.error} ${error.message}`;
      reply.item.classList.add("error");
    } finally {
      reply.item.removeAttribute("aria-busy");
      button.disabled = false;
      messages.scrollTop = messages.scrollHeight;
      reply.item.scrollIntoView({ block: "nearest" });
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = input.value;
    input.value = "";
    ask(question);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  for (const suggestion of document.querySelectorAll("#examples .suggestion")) {
    suggestion.addEventListener("click", () => ask(suggestion.textContent));
  }
  document.getElementById("panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) closePanel();
  });
})();
