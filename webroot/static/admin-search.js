// Staff applicant search as you type: asks the staff API after a short pause and redraws the list.
// Without JavaScript the form still works (GET /admin/applicants?q=...).
(function () {
  var input = document.getElementById('applicant-search');
  var list = document.getElementById('applicant-results');
  if (!input || !list) return;
  var timer = null, asked = 0;
  function show(results) {
    while (list.firstChild) list.removeChild(list.firstChild);
    if (results.length === 0) {
      var none = document.createElement('li');
      none.textContent = list.getAttribute('data-none');
      list.appendChild(none);
    }
    results.forEach(function (r) {
      var li = document.createElement('li');
      li.id = 'applicant-' + r.id;
      var a = document.createElement('a');
      a.href = '/admin/applicants/' + r.id;
      a.textContent = r.firstName + ' ' + r.lastName;
      li.appendChild(a);
      var rest = ' <' + r.mail + '>';
      (r.attendances || []).forEach(function (t) {
        rest += ' · ' + (document.documentElement.lang === 'en' ? t.languageEn : t.languageDe) + ' ' + t.course + ' (' + t.state + ')';
      });
      li.appendChild(document.createTextNode(rest));
      list.appendChild(li);
    });
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(function () {
      var mine = ++asked;
      fetch(input.getAttribute('data-api') + '?q=' + encodeURIComponent(q), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (results) { if (mine === asked) show(results); })
        .catch(function () { /* the form still works without it */ });
    }, 150);
  });
})();
