// The signup form: the error summary takes the focus, the fee follows the chosen origin, and fields
// only students and staff need are hidden for others. Without script every field shows and the
// server computes the fee on submit.
(function () {
  'use strict';
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
  var origin = document.getElementById('originId');
  var fee = document.getElementById('fee');
  if (!origin) return;
  var defaultFee = fee ? fee.dataset.default : '';
  function update() {
    var o = origin.options[origin.selectedIndex];
    var chosen = o && o.value;
    if (fee) fee.textContent = chosen && o.dataset.fee ? o.dataset.fee : defaultFee;
    var tag = document.getElementById('tag-group');
    var degree = document.getElementById('degree-group');
    if (tag) tag.hidden = chosen ? o.dataset.tag !== 'true' : false;
    if (degree) degree.hidden = chosen ? o.dataset.degree !== 'true' : false;
  }
  origin.addEventListener('change', update);
  update();
}());
