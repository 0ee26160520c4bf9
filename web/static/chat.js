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

  // English renderings (参考訳) exist only where the guide has them; the printed Japanese is the fallback.
  function english(value) {
    return lang === "en" && value ? value : "";
  }

  function openPanel(citation, chip) {
    lastChip = chip;
    const nameEn = english(citation.name_en);
    const summaryEn = english(citation.summary_en);
    let translated = Boolean(nameEn || summaryEn);
    panelTitle.textContent = nameEn || citation.name;
    panelBody.replaceChildren();
    if (nameEn) {
      const official = el("p", "official-name", `${strings.official_name} `);
      const printed = el("span", "", citation.name);
      printed.lang = "ja";
      official.appendChild(printed);
      panelBody.appendChild(official);
    }
    if (citation.audience) {
      const audience = el("p", "audience");
      audience.appendChild(el("strong", "", strings.audience));
      audience.appendChild(document.createTextNode(` ${citation.audience}`));
      panelBody.appendChild(audience);
    }
    if (citation.reason) {
      const reason = el("p", "reason");
      reason.appendChild(el("strong", "", strings.reason));
      reason.appendChild(document.createTextNode(` ${citation.reason}`));
      panelBody.appendChild(reason);
    }
    panelBody.appendChild(el("h3", "", strings.description));
    if (summaryEn) panelBody.appendChild(el("p", "", summaryEn));
    const description = el("p", summaryEn ? "official-text" : "", citation.description);
    if (lang === "en") description.lang = "ja";
    panelBody.appendChild(description);
    panelBody.appendChild(el("h3", "", strings.indicators));
    const table = el("table", "targets");
    const head = el("tr");
    for (const label of [strings.indicator, "R6", "R9", "R13", strings.unit]) {
      const th = el("th", "", label);
      th.scope = "col";
      head.appendChild(th);
    }
    const thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    const tbody = el("tbody");
    for (const ind of citation.indicators) {
      const row = el("tr");
      const label = el("th", "", english(ind.label_en) || ind.label);
      label.scope = "row";
      if (english(ind.label_en)) {
        const printed = el("span", "", ` （${ind.label}）`);
        printed.lang = "ja";
        label.appendChild(printed);
      }
      // What the indicator counts, in everyday words (スタンドパイプ, AED): the guide's, in the reader's language.
      const counts = lang === "en" ? ind.counts_en : ind.counts_ja;
      if (counts) label.appendChild(el("span", "counts", counts));
      row.appendChild(label);
      const unit = english(ind.unit_en) || ind.unit;
      translated = translated || Boolean(english(ind.label_en) || english(ind.unit_en));
      for (const value of [ind.r6, ind.r9, ind.r13, unit]) row.appendChild(el("td", "", value));
      tbody.appendChild(row);
    }
    table.appendChild(tbody);
    panelBody.appendChild(table);
    panelBody.appendChild(el("h3", "", strings.placements));
    const list = el("ul", "placement-list");
    for (const i of citation.initiatives) {
      const li = el("li");
      li.appendChild(el("span", "tag", i.code));
      const title = english(i.title_en) || i.title;
      const goal = english(i.goal_title_en) || i.goal_title;
      li.appendChild(document.createTextNode(` ${title}${i.reprint ? ` (${strings.reprint})` : ""}`));
      li.appendChild(el("small", "", ` — ${i.goal}. ${goal}`));
      list.appendChild(li);
    }
    panelBody.appendChild(list);
    panelBody.appendChild(el("h3", "", strings.source));
    const lines = citation.source.lines;
    panelBody.appendChild(el("p", "source", `${citation.source.attribution || citation.source.title} (${strings.lines} ${lines[0]}–${lines[1]})`));
    // Said once per card, whichever parts of it are rendered in English.
    if (translated) panelBody.appendChild(el("p", "translation-note", strings.translation_note));
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

  let describedCount = 0;

  // A citation chip: opens the card; the reason it is cited is the chip's accessible description.
  function chipFor(marker, citation, item) {
    const chip = el("button", "chip", marker);
    chip.type = "button";
    chip.setAttribute("aria-label", `${marker} ${english(citation.name_en) || citation.name}`);
    if (citation.reason) {
      describedCount += 1;
      const note = el("span", "", citation.reason);
      note.id = `reason-${describedCount}`;
      note.hidden = true;
      item.appendChild(note);
      chip.setAttribute("aria-describedby", note.id);
      chip.title = citation.reason;
    }
    chip.addEventListener("click", () => openPanel(citation, chip));
    return chip;
  }

  // Text with [n] markers: each marker of a cited measure becomes a chip.
  function appendMarked(target, text, byN, item) {
    for (const part of text.split(/(\[\d+\])/)) {
      const marker = /^\[(\d+)\]$/.exec(part);
      const citation = marker && byN.get(Number(marker[1]));
      if (citation) target.appendChild(chipFor(part, citation, item));
      else if (part) target.appendChild(document.createTextNode(part));
    }
  }

  const RELATED_LINE = /^(?:・|- )\[(\d+)\]\s*/;

  // The composer's layout: first line the lead, a heading followed by bulleted related measures
  // (citations that are not primary), and last the next step. Anything else stays in the body.
  function layout(answer, byN) {
    const lines = answer.text.split("\n");
    let lead = "";
    if (answer.lead && lines[0] === answer.lead) lead = lines.shift();
    let nextStep = null;
    const next = answer.next_step;
    // The next step is the text's last lines (two when another office is named beside the desk).
    const nextLines = next && next.text ? next.text.trim().split("\n") : [];
    const tail = lines.slice(-nextLines.length).map((line) => line.trim());
    if (nextLines.length && lines.length >= nextLines.length && tail.join("\n") === nextLines.map((l) => l.trim()).join("\n")) {
      lines.splice(-nextLines.length);
      nextStep = next;
    }
    const isRelated = (line) => {
      const match = RELATED_LINE.exec(line);
      const citation = match && byN.get(Number(match[1]));
      return Boolean(citation && !citation.primary);
    };
    let related = [];
    const first = lines.findIndex(isRelated);
    // Folded only under its heading (a line ending in a colon, without a marker), which the <summary> replaces.
    const headed = first > 0 && !/\[\d+\]/.test(lines[first - 1]) && /[：:]\s*$/.test(lines[first - 1]);
    if (headed) {
      let last = first;
      while (last < lines.length && isRelated(lines[last])) last += 1;
      related = lines.slice(first, last).map((line) => line.replace(/^(?:・|- )/, ""));
      lines.splice(first - 1, last - first + 1);
    }
    return { lead, body: lines.join("\n").trim(), related, nextStep };
  }

  function safeUrl(value) {
    try {
      const url = new URL(value, window.location.href);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : "";
    } catch {
      return "";
    }
  }

  function renderAnswer(target, item, answer) {
    target.replaceChildren();
    const byN = new Map(answer.citations.map((c) => [c.n, c]));
    const parts = layout(answer, byN);
    if (parts.lead) {
      const lead = el("p", "lead");
      appendMarked(lead, parts.lead, byN, item);
      target.appendChild(lead);
    }
    if (parts.body) {
      const body = el("div", "body");
      appendMarked(body, parts.body, byN, item);
      target.appendChild(body);
    }
    if (parts.related.length) {
      const details = el("details", "related");
      details.appendChild(el("summary", "", `${strings.related} (${parts.related.length})`));
      const list = el("ul");
      for (const line of parts.related) {
        const li = el("li");
        appendMarked(li, line, byN, item);
        list.appendChild(li);
      }
      details.appendChild(list);
      target.appendChild(details);
    }
    if (parts.nextStep) {
      const box = el("div", "next-step");
      box.appendChild(el("strong", "", strings.next_step));
      const text = parts.nextStep.text.trim();
      // The heading says "next step"; the text need not say it again.
      const label = strings.next_step.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const prefix = new RegExp(`^${label}\\s*[：:]\\s*`);
      const span = el("span");
      text.replace(prefix, "").split("\n").forEach((line, i) => {
        if (i) span.appendChild(el("br"));
        appendMarked(span, line, byN, item);
      });
      box.appendChild(span);
      const href = parts.nextStep.url ? safeUrl(parts.nextStep.url) : "";
      if (href) {
        const link = el("a", "", strings.next_step_link);
        link.href = href;
        link.target = "_blank";
        link.rel = "noopener";
        box.appendChild(link);
      }
      target.appendChild(box);
    }
    if (answer.kind === "clarify" && answer.clarify && answer.clarify.length) {
      const group = el("div", "clarify");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", strings.clarify_prompt);
      for (const option of answer.clarify) {
        const choice = el("button", "suggestion clarify-option", option.label);
        choice.type = "button";
        choice.addEventListener("click", () => ask(option.question));
        group.appendChild(choice);
      }
      target.appendChild(group);
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

  // The stored answer's own page: print it, or share its address.
  function printLink(interactionId) {
    const link = el("a", "print-link", strings.print_answer);
    link.href = `/answers/${encodeURIComponent(interactionId)}?lang=${lang}`;
    link.target = "_blank";
    link.rel = "noopener";
    return link;
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
      renderAnswer(reply.text, reply.item, answer);
      reply.item.dataset.kind = answer.kind;
      if (answer.interaction_id) {
        reply.item.appendChild(printLink(answer.interaction_id));
        reply.item.appendChild(ratingBox(answer.interaction_id));
      }
      history.push({ role: "user", text: question });
      history.push({
        role: "assistant",
        text: answer.text,
        measure_ids: answer.citations.map((c) => c.measure_id),
        kind: answer.kind,
        abstained: answer.abstained,
      });
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
  // Inside the widget's frame the host page hides the frame when asked; the conversation stays.
  // The message carries no data, so any target origin may see it.
  const embedClose = document.getElementById("embed-close");
  if (embedClose && window.parent !== window) {
    embedClose.hidden = false;
    embedClose.addEventListener("click", () => window.parent.postMessage({ shien: "close" }, "*"));
  }
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) closePanel();
  });
})();
