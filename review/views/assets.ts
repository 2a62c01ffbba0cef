// The one stylesheet and the one script of the review UI, served from /static/ (the CSP allows
// no inline script). The script only adds keyboard shortcuts and zoom: every action is a plain
// form that works without it.

export const REVIEW_CSS = `
:root { --fg:#1d2733; --muted:#5b6b7c; --line:#d5dde6; --bg:#f5f7fa; --accent:#0b5cad; --ok:#1e7a3c; --warn:#a05a00; --bad:#b3261e; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.45 system-ui, "Segoe UI", "DejaVu Sans", sans-serif; color:var(--fg); background:var(--bg); }
a { color: var(--accent); }
header.top { display:flex; gap:18px; align-items:center; padding:8px 16px; background:#12325a; color:#fff; }
header.top a { color:#fff; text-decoration:none; font-weight:600; }
header.top a.on { border-bottom:2px solid #fff; }
header.top form { margin-left:auto; display:flex; gap:6px; align-items:center; font-size:13px; }
form.login { display:flex; flex-direction:column; gap:10px; max-width:340px; background:#fff; padding:16px; border:1px solid var(--line); }
form.login label { display:flex; flex-direction:column; font-size:13px; color:var(--muted); }
header.top input { width:150px; }
main { padding:14px 18px; }
h1 { font-size:20px; margin:4px 0 12px; }
h2 { font-size:16px; margin:16px 0 8px; }
table { border-collapse: collapse; background:#fff; width:100%; }
th, td { border-bottom:1px solid var(--line); padding:5px 8px; text-align:left; vertical-align:top; }
th { background:#eef2f6; font-weight:600; font-size:13px; }
td.num, th.num { text-align:right; font-variant-numeric: tabular-nums; }
.muted { color:var(--muted); font-size:13px; }
.pill { display:inline-block; padding:0 7px; border-radius:9px; font-size:12px; background:#e6ebf1; white-space:nowrap; }
.st-needs_review { background:#fff0d6; color:var(--warn); } .st-accepted { background:#e1f3e6; color:var(--ok); }
.st-corrected { background:#e1ecfa; color:var(--accent); } .st-failed { background:#fbe2e0; color:var(--bad); }
.st-duplicate, .st-pending { background:#eceff3; color:var(--muted); }
.conf { font-variant-numeric: tabular-nums; }
.conf.low { color:var(--bad); font-weight:600; } .conf.mid { color:var(--warn); }
form.filters { display:flex; flex-wrap:wrap; gap:10px; align-items:end; margin-bottom:12px; background:#fff; padding:10px; border:1px solid var(--line); }
form.filters label { display:flex; flex-direction:column; font-size:12px; color:var(--muted); }
.counts { display:flex; gap:10px; flex-wrap:wrap; margin: 0 0 12px; }
.counts .box { background:#fff; border:1px solid var(--line); padding:6px 12px; }
.counts .box b { font-size:18px; display:block; }
.flash { padding:8px 12px; margin-bottom:12px; border:1px solid; background:#fff; }
.flash.ok { border-color:var(--ok); } .flash.err { border-color:var(--bad); color:var(--bad); font-weight:600; }
.item { display:grid; grid-template-columns: minmax(0, 3fr) minmax(340px, 2fr); gap:16px; align-items:start; }
.viewer { background:#fff; border:1px solid var(--line); }
.viewer .tools { display:flex; gap:6px; align-items:center; padding:6px; border-bottom:1px solid var(--line); font-size:13px; }
.viewer .scroll { overflow:auto; max-height: calc(100vh - 150px); }
.page { position:relative; width:100%; }
.page img { display:block; width:100%; height:auto; }
.page .hl { position:absolute; border:2px solid #e0218a; background: rgba(255, 230, 0, .28); box-shadow: 0 0 0 3px rgba(224,33,138,.25); pointer-events:none; }
.panel { background:#fff; border:1px solid var(--line); padding:12px; }
.panel .value { font-size:22px; font-weight:600; margin:4px 0 8px; word-break: break-word; }
.source { font-family: ui-monospace, "DejaVu Sans Mono", monospace; background:#f3f3ee; padding:8px; white-space:pre-wrap; word-break: break-word; font-size:13px; }
.actions { display:flex; flex-direction:column; gap:10px; margin-top:12px; }
.actions form { display:flex; gap:6px; flex-wrap:wrap; align-items:center; }
.actions input[type=text] { flex: 1 1 180px; font-size:15px; padding:5px; }
button { font: inherit; padding:5px 12px; cursor:pointer; border:1px solid #8a9aab; background:#fff; border-radius:3px; }
button.primary { background:var(--accent); color:#fff; border-color:var(--accent); }
button.danger { color:var(--bad); border-color:var(--bad); }
kbd { font-size:11px; border:1px solid #aab; border-bottom-width:2px; border-radius:3px; padding:0 4px; background:#f8f8f8; color:#333; }
ul.findings { margin:6px 0; padding-left:18px; color:var(--warn); font-size:13px; }
.cands button { margin: 2px 4px 2px 0; }
.history td { font-size:13px; }
.undone { text-decoration: line-through; color:var(--muted); }
.nav { display:flex; gap:10px; align-items:center; margin-bottom:10px; }
.empty { background:#fff; border:1px dashed var(--line); padding:30px; text-align:center; color:var(--muted); }
`;

export const REVIEW_JS = `
(function () {
  'use strict';
  var page = document.querySelector('.page');
  var scroller = document.querySelector('.viewer .scroll');
  var zoomLabel = document.getElementById('zoom-label');
  var zoom = 1;
  function centreOnBox() {
    var hl = document.querySelector('.page .hl');
    if (!hl || !scroller) return;
    scroller.scrollTop = Math.max(0, hl.offsetTop - scroller.clientHeight / 3);
    scroller.scrollLeft = Math.max(0, hl.offsetLeft - scroller.clientWidth / 4);
  }
  function setZoom(z) {
    if (!page) return;
    zoom = Math.min(4, Math.max(0.5, z));
    page.style.width = (zoom * 100) + '%';
    if (zoomLabel) zoomLabel.textContent = Math.round(zoom * 100) + '%';
    centreOnBox();
  }
  document.querySelectorAll('[data-zoom]').forEach(function (b) {
    b.addEventListener('click', function () {
      var z = b.getAttribute('data-zoom');
      setZoom(z === 'in' ? zoom * 1.5 : z === 'out' ? zoom / 1.5 : z === 'box' ? 2.5 : 1);
    });
  });
  var img = document.querySelector('.page img');
  if (img) { if (img.complete) centreOnBox(); else img.addEventListener('load', centreOnBox); }

  // reject needs a second thought
  document.querySelectorAll('form[data-confirm]').forEach(function (f) {
    f.addEventListener('submit', function (e) { if (!window.confirm(f.getAttribute('data-confirm'))) e.preventDefault(); });
  });

  // an open item stays claimed while its page is open (issue 17): renew once a minute
  var claimEl = document.getElementById('claim-mine');
  var csrfEl = document.querySelector('input[name="_csrf"]');
  if (claimEl && csrfEl && window.fetch) {
    setInterval(function () {
      fetch(claimEl.getAttribute('data-claim'), { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrfEl.value } });
    }, 60000);
  }

  function click(sel) { var el = document.querySelector(sel); if (el) { el.click(); return true; } return false; }
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    var typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT');
    if (typing) { if (e.key === 'Escape') t.blur(); return; }
    var k = e.key;
    var done = false;
    if (k === 'a') done = click('[data-key="accept"]');
    else if (k === 'c') { var inp = document.querySelector('[data-key="correct-input"]'); if (inp) { inp.focus(); inp.select(); done = true; } }
    else if (k === 'n' || k === 'ArrowRight') done = click('[data-key="next"]');
    else if (k === 'p' || k === 'ArrowLeft') done = click('[data-key="prev"]');
    else if (k === 'u') done = click('[data-key="undo"]');
    else if (k === 'x') done = click('[data-key="reject"]');
    else if (k === '+' || k === '=') { setZoom(zoom * 1.5); done = true; }
    else if (k === '-') { setZoom(zoom / 1.5); done = true; }
    else if (k === '0') { setZoom(1); done = true; }
    else if (/^[1-9]$/.test(k)) done = click('[data-key="cand-' + k + '"]');
    if (done) e.preventDefault();
  });
})();
`;
