// Live catalogue and form: listens to /api/courses/stream (Server-Sent Events). "seats" events update
// free seats, status and the button of changed rows; "phase" events switch a language open or closed
// at the moment it happens; "clock" gives the server's time, so the countdown to an opening does not
// trust the device's clock. Without script or EventSource the pages stay as loaded and still work.
(function () {
  'use strict';
  var boxes = document.querySelectorAll('.phase-box[data-language]');
  var rows = document.querySelectorAll('tr[data-course]');
  if (!boxes.length && !rows.length) return;

  var loadedAt = Date.now();
  var offset = 0; // server time minus device time
  if (boxes.length && boxes[0].dataset.serverNow) offset = Date.parse(boxes[0].dataset.serverNow) - loadedAt;
  function serverNow() { return Date.now() + offset; }

  function two(n) { return (n < 10 ? '0' : '') + n; }
  function span(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    return (d > 0 ? d + ' d ' : '') + h + ':' + two(m) + ':' + two(s % 60);
  }

  function setOpen(languageId, open, phaseText, opensAt) {
    boxes.forEach(function (box) {
      if (box.dataset.language !== String(languageId)) return;
      box.dataset.open = String(open);
      box.dataset.opensAt = opensAt || '';
      var text = box.querySelector('.phase');
      if (text && phaseText) text.textContent = phaseText;
      var cd = box.querySelector('.countdown');
      if (cd && open) cd.hidden = true;
    });
    document.querySelectorAll('tr[data-language="' + languageId + '"] a.button').forEach(function (b) {
      var row = b.closest('tr');
      var full = row && row.querySelector('span.status-full');
      var closed = row && row.querySelector('span.status-closed');
      b.hidden = !open || !!closed || (full && b.dataset.kind !== 'manual' && b.dataset.kind !== 'lottery');
    });
    var form = document.getElementById('signup-form');
    var phase = document.getElementById('phase');
    if (form && phase && phase.dataset.language === String(languageId)) formOpen(open);
  }

  function formOpen(open) {
    var submit = document.getElementById('submit');
    var waits = document.getElementById('submit-waits');
    if (submit) submit.disabled = !open;
    if (waits) waits.hidden = open;
  }

  // until the opening: the form can be filled in, the button waits
  var formPhase = document.getElementById('phase');
  if (formPhase && formPhase.dataset.open === 'false' && formPhase.dataset.opensAt) formOpen(false);

  var polling = {};
  function pollUntilChanged(languageId) {
    if (polling[languageId]) return;
    polling[languageId] = true;
    var tries = 0;
    (function ask() {
      fetch('/api/courses', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (cat) {
        var l = (cat.languages || []).filter(function (x) { return String(x.id) === String(languageId); })[0];
        if (l && l.open) { polling[languageId] = false; setOpen(l.id, true, null, l.opensAt); }
        else if (++tries < 20) setTimeout(ask, 1000);
        else polling[languageId] = false;
      }).catch(function () { if (++tries < 20) setTimeout(ask, 1000); else polling[languageId] = false; });
    }());
  }

  function tick() {
    boxes.forEach(function (box) {
      var cd = box.querySelector('.countdown');
      if (!cd || box.dataset.open === 'true' || !box.dataset.opensAt) return;
      var left = Date.parse(box.dataset.opensAt) - serverNow();
      cd.hidden = false;
      if (left > 0) {
        cd.textContent = (box.dataset.countdown || '{0}').replace('{0}', span(left));
      } else {
        cd.textContent = box.dataset.opening || '';
        // the stream says so at the moment; asking too covers a stream that is reconnecting
        pollUntilChanged(box.dataset.language);
      }
    });
  }
  if (boxes.length) {
    tick();
    setInterval(tick, 1000);
  }

  if (!window.EventSource) return;
  var source = new EventSource('/api/courses/stream');
  source.addEventListener('clock', function (e) {
    try { offset = Date.parse(JSON.parse(e.data).now) - Date.now(); } catch (err) { /* keep the page's estimate */ }
  });
  source.addEventListener('phase', function (e) {
    var data;
    try { data = JSON.parse(e.data); } catch (err) { return; }
    (data.languages || []).forEach(function (l) { setOpen(l.languageId, l.open, l.phaseText, l.opensAt); });
  });
  source.addEventListener('seats', function (e) {
    var data;
    try { data = JSON.parse(e.data); } catch (err) { return; }
    (data.courses || []).forEach(function (c) {
      var row = document.getElementById('course-' + c.courseId);
      if (!row) return;
      var free = row.querySelector('td.free');
      var button = row.querySelector('a.button');
      var manual = button && button.dataset.kind === 'manual';
      if (free && !manual) free.textContent = c.free + ' / ' + c.seats;
      var status = row.querySelector('span.status');
      if (status && c.status) {
        status.className = 'status status-' + c.status;
        status.textContent = c.statusText || status.textContent;
      }
      if (!button || manual || button.dataset.kind === 'lottery') return;
      var table = row.closest('table');
      var box = document.querySelector('.phase-box[data-language="' + row.dataset.language + '"]');
      var open = !box || box.dataset.open === 'true';
      // a freed seat brings the button back; a full course and list hide it
      button.hidden = !open || c.status === 'full' || c.status === 'closed';
      var kind = c.status === 'waiting_list' ? 'waiting-list' : 'seat';
      if (table && button.dataset.kind !== kind) {
        button.dataset.kind = kind;
        button.textContent = kind === 'seat' ? table.dataset.textSeat : table.dataset.textWaitingList;
      }
    });
  });
}());
