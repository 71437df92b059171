// Follows a background export: polls its state until it is done or failed, then offers the download.
(function () {
  var box = document.getElementById('export-job');
  if (!box) return;
  var url = box.getAttribute('data-url');
  var labels = document.getElementById('job-labels');
  function show(j) {
    document.getElementById('job-progress').value = j.progress;
    document.getElementById('job-percent').textContent = j.progress + ' %';
    document.getElementById('job-rows').textContent = j.rows;
    document.getElementById('job-state').textContent = labels.getAttribute('data-' + j.state) || j.state;
    if (j.error) {
      var e = document.getElementById('job-error');
      e.textContent = j.error;
      e.hidden = false;
    }
    document.getElementById('job-download').hidden = !j.file;
  }
  function poll() {
    fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (j) {
        show(j);
        if (j.state === 'queued' || j.state === 'running') setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  var state = box.getAttribute('data-state');
  if (state === 'queued' || state === 'running') setTimeout(poll, 500);
})();
