// Live seat counts on the catalogue: listens to /api/courses/stream (Server-Sent Events) and updates
// the free-seat and status cells of the rows that changed. Without EventSource the page simply stays as loaded.
(function () {
  'use strict';
  if (!window.EventSource || !document.querySelector('tr[data-course]')) return;
  var source = new EventSource('/api/courses/stream');
  source.addEventListener('seats', function (e) {
    var data;
    try { data = JSON.parse(e.data); } catch (err) { return; }
    (data.courses || []).forEach(function (c) {
      var row = document.getElementById('course-' + c.courseId);
      if (!row) return;
      var free = row.querySelector('td.free');
      if (free) free.textContent = c.free + ' / ' + c.seats;
      var status = row.querySelector('span.status');
      if (status && c.status) {
        status.className = 'status status-' + c.status;
        status.textContent = c.statusText || status.textContent;
      }
      if (c.status === 'full') {
        var button = row.querySelector('a.button');
        if (button) button.remove();
      }
    });
  });
}());
