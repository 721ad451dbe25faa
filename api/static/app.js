// AICMO page: brief by chat (intake assistant) or form, live sections over SSE, review, regenerate, approve, export.
"use strict";

const $ = (id) => document.getElementById(id);
const WRITING_NODES = ["write_section", "revise_section", "check_sections"];
const state = { key: "", packs: [], packId: null, assistant: null, order: [], titles: {}, busy: false, chatting: false };

class ApiError extends Error {
  constructor(status, detail) {
    super(describe(detail));
    this.status = status;
  }
}

function describe(detail) {
  if (Array.isArray(detail)) {
    return detail.map((e) => `${(e.loc || []).slice(1).join(".")}: ${e.msg}`).join("; ");
  }
  return typeof detail === "string" ? detail : JSON.stringify(detail);
}

function setStatus(text, error = false) {
  const el = $("status");
  el.textContent = text;
  el.classList.toggle("error", error);
}

async function api(path, options = {}) {
  const headers = { "x-api-key": state.key, ...(options.body ? { "content-type": "application/json" } : {}) };
  const response = await fetch(path, { ...options, headers });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = (await response.json()).detail;
    } catch (_parse) {
      // not JSON: keep the status text
    }
    throw new ApiError(response.status, detail);
  }
  return response;
}

const post = (path, body) => api(path, { method: "POST", body: JSON.stringify(body || {}) });

async function followStream(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, "\n");
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      handleBlock(buffer.slice(0, cut));
      buffer = buffer.slice(cut + 2);
    }
  }
}

function handleBlock(block) {
  let event = "message";
  let data = "";
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) event = line.slice(6).trim();
    else if (line.startsWith("data:")) data += line.slice(5).trim();
  }
  onEvent(event, data ? JSON.parse(data) : null);
}

function onEvent(event, data) {
  const base = event.split("|")[0];
  if (base === "error") {
    setStatus(`The run failed: ${data && data.message}`, true);
    return;
  }
  if (base !== "updates" || !data) return;
  for (const [node, change] of Object.entries(data)) {
    if (WRITING_NODES.includes(node) && change && change.sections) {
      for (const section of Object.values(change.sections)) upsertSection(section);
    }
    if (node === "plan_strategy") setStatus("Strategy planned; writing sections…");
  }
  updateProgress();
}

function sectionCard(id) {
  let card = document.querySelector(`[data-section-id="${CSS.escape(id)}"]`);
  if (card) return card;
  card = $("section-template").content.firstElementChild.cloneNode(true);
  card.dataset.sectionId = id;
  card.querySelector(".regen").addEventListener("submit", (event) => {
    event.preventDefault();
    regenerate(id, card.querySelector(".instruction").value);
  });
  const index = state.order.indexOf(id);
  const after = [...$("sections").children].find((c) => state.order.indexOf(c.dataset.sectionId) > index);
  $("sections").insertBefore(card, after || null);
  return card;
}

function upsertSection(section) {
  const card = sectionCard(section.id);
  card.classList.remove("working");
  card.dataset.status = section.status;
  card.querySelector(".title").textContent = section.title || state.titles[section.id] || section.id;
  const badge = card.querySelector(".badge");
  badge.textContent = section.status;
  badge.className = `badge ${section.status}`;
  card.querySelector(".attempts").textContent = section.attempts > 1 ? `attempt ${section.attempts}` : "";
  const body = card.querySelector(".body");
  body.replaceChildren(Markdown.render(section.markdown));
}

function updateProgress() {
  const done = $("sections").children.length;
  const total = state.order.length || done;
  $("progress").textContent = total ? `${done} of ${total} sections written` : "";
}

function choosePack(key) {
  const pack = state.packs.find((p) => p.key === key);
  state.order = pack ? pack.sections.map((s) => s.id) : [];
  state.titles = pack ? Object.fromEntries(pack.sections.map((s) => [s.id, s.title])) : {};
  $("pack-title").textContent = pack ? pack.label : "Pack";
}

function resetPack() {
  $("sections").replaceChildren();
  $("review").hidden = true;
  $("exports").hidden = true;
  choosePack($("pack-select").value);
  updateProgress();
}

function setBusy(busy) {
  state.busy = busy;
  for (const el of document.querySelectorAll("#pack-panel button, #chat-send, #brief-submit")) el.disabled = busy;
}

async function refreshPack() {
  if (!state.packId) return;
  const pack = await (await api(`/packs/${encodeURIComponent(state.packId)}`)).json();
  if (pack.pack_key) choosePack(pack.pack_key);
  for (const section of pack.sections) upsertSection(section);
  const canRegenerate = pack.status === "review" || (pack.status === "done" && pack.assistant_id === "pack");
  for (const form of document.querySelectorAll(".regen")) form.hidden = !canRegenerate;
  $("review").hidden = pack.status !== "review";
  $("exports").hidden = !["review", "done", "failed"].includes(pack.status) || !pack.sections.length;
  $("pack-panel").dataset.status = pack.status;
  const messages = { review: "Ready for review.", done: "Pack approved and final.", failed: "The pack did not pass." };
  if (messages[pack.status]) setStatus(messages[pack.status], pack.status === "failed");
  updateProgress();
  return pack;
}

async function run(work) {
  if (state.busy) return;
  setBusy(true);
  try {
    await work();
  } catch (error) {
    setStatus(error.message, true);
  } finally {
    setBusy(false);
  }
}

async function followRun(runId) {
  const path = `/threads/${encodeURIComponent(state.packId)}/runs/${encodeURIComponent(runId)}/stream`;
  await followStream(await api(path));
}

function formBrief(form) {
  const data = Object.fromEntries(new FormData(form).entries());
  const brief = {};
  for (const [name, raw] of Object.entries(data)) {
    const value = String(raw).trim();
    if (!value) continue;
    if (name === "budget") {
      const amount = Number.parseFloat(value.replace(/[^0-9.]/g, ""));
      const currency = (/[A-Za-z]{3}/.exec(value) || ["USD"])[0].toUpperCase();
      if (!Number.isNaN(amount)) brief.budget = { amount, currency };
    } else if (name === "tone_of_voice" || name === "focus_platforms") {
      brief[name] = value.split(",").map((v) => v.trim()).filter(Boolean);
    } else {
      brief[name] = value;
    }
  }
  return brief;
}

async function submitForm(event) {
  event.preventDefault();
  await run(async () => {
    resetPack();
    setStatus("Writing the pack…");
    const body = { brief: formBrief(event.target), pack_key: $("pack-select").value, review: true };
    const started = await (await post("/packs", body)).json();
    state.packId = started.pack_id;
    state.assistant = "pack";
    await followRun(started.run_id);
    await refreshPack();
  });
}

function say(role, text, pause) {
  const item = document.createElement("li");
  item.className = role;
  item.textContent = text;
  if (pause) {
    item.dataset.kind = pause.kind || pause.type || "question";
    item.dataset.field = pause.field || "";
    if (Array.isArray(pause.summary) && pause.summary.length) {
      const table = document.createElement("table");
      for (const [label, value] of pause.summary) {
        const row = table.insertRow();
        row.insertCell().textContent = label;
        row.insertCell().textContent = value;
      }
      item.appendChild(table);
    }
  }
  $("transcript").appendChild(item);
  item.scrollIntoView({ block: "nearest" });
}

async function sendChat(event) {
  event.preventDefault();
  const text = $("chat-input").value.trim();
  if (!text) return;
  await run(async () => {
    say("user", text);
    $("chat-input").value = "";
    const turn = { assistant_id: "intake", context: { review: true }, stream_mode: ["updates"], stream_subgraphs: true };
    if (!state.chatting) {
      resetPack();
      state.packId = (await (await post("/threads", { metadata: { kind: "chat" } })).json()).thread_id;
      state.assistant = "intake";
      state.chatting = true;
      turn.input = { message: text, pack_key: $("pack-select").value };
    } else {
      turn.command = { resume: text };
    }
    setStatus("Thinking…");
    await followStream(await post(`/threads/${encodeURIComponent(state.packId)}/runs/stream`, turn));
    const current = await (await api(`/threads/${encodeURIComponent(state.packId)}/state`)).json();
    const pause = current.interrupts.length ? current.interrupts[0].value : null;
    if (pause && pause.question) {
      say("assistant", pause.question, pause);
      setStatus("Waiting for your answer.");
    } else {
      await refreshPack();
    }
  });
}

async function regenerate(sectionId, instruction) {
  await run(async () => {
    sectionCard(sectionId).classList.add("working");
    setStatus(`Regenerating ${state.titles[sectionId] || sectionId}…`);
    const path = `/packs/${encodeURIComponent(state.packId)}/sections/${encodeURIComponent(sectionId)}/regenerate`;
    const started = await (await post(path, { instruction: instruction || null })).json();
    await followRun(started.run_id);
    await refreshPack();
  });
}

async function approve() {
  await run(async () => {
    setStatus("Approving…");
    const started = await (await post(`/packs/${encodeURIComponent(state.packId)}/approve`)).json();
    await followRun(started.run_id);
    await refreshPack();
  });
}

async function download(format) {
  await run(async () => {
    const response = await api(`/packs/${encodeURIComponent(state.packId)}/export/${format}`);
    const match = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") || "");
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = match ? match[1] : `pack.${format}`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    setStatus(`Downloaded ${link.download}`);
  });
}

function showMode(chat) {
  $("chat").hidden = !chat;
  $("brief-form").hidden = chat;
}

async function useKey(event) {
  event.preventDefault();
  state.key = $("api-key").value.trim();
  await run(async () => {
    state.packs = await (await api("/catalog/packs")).json();
    const select = $("pack-select");
    select.replaceChildren(...state.packs.map((p) => new Option(`${p.label} (${p.sections.length} sections)`, p.key)));
    select.value = state.packs.some((p) => p.key === "quick_social_basic") ? "quick_social_basic" : state.packs[0].key;
    select.disabled = false;
    choosePack(select.value);
    const assistants = await (await post("/assistants/search", { limit: 100 })).json();
    const hasIntake = assistants.some((a) => a.assistant_id === "intake");
    $("use-chat").hidden = !hasIntake;
    showMode(hasIntake);
    sessionStorage.setItem("aicmo-key", state.key);
    setStatus(hasIntake ? "Key accepted. Describe the brand in the chat." : "Key accepted. Fill in the brief.");
  });
}

document.addEventListener("DOMContentLoaded", () => {
  $("key-form").addEventListener("submit", useKey);
  $("brief-form").addEventListener("submit", submitForm);
  $("chat-form").addEventListener("submit", sendChat);
  $("approve").addEventListener("click", approve);
  $("use-form").addEventListener("click", () => showMode(false));
  $("use-chat").addEventListener("click", () => showMode(true));
  $("pack-select").addEventListener("change", (event) => choosePack(event.target.value));
  for (const button of document.querySelectorAll("#exports button")) {
    button.addEventListener("click", () => download(button.dataset.format));
  }
  const saved = sessionStorage.getItem("aicmo-key");
  if (saved) $("api-key").value = saved;
});
