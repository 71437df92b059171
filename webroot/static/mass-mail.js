// Follows a queued mass mail: polls its progress until nothing is pending, and shows the failures.
(function () {
  var table = document.getElementById('progress');
  if (!table) return;
  var url = table.getAttribute('data-url');
  function cell(text) { var td = document.createElement('td'); td.textContent = text; return td; }
  function poll() {
    fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        document.getElementById('mm-queued').textContent = p.queued;
        document.getElementById('mm-sent').textContent = p.sent;
        document.getElementById('mm-failed').textContent = p.failed;
        var body = document.querySelector('#failures tbody');
        body.textContent = '';
        p.failures.forEach(function (f) {
          var tr = document.createElement('tr');
          tr.appendChild(cell(f.recipient)); tr.appendChild(cell(f.state)); tr.appendChild(cell(f.error));
          body.appendChild(tr);
        });
        if (!p.done) setTimeout(poll, 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
