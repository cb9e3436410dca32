// Live checklist under « Nouveau mot de passe »: each rule is ticked as the person types.
// The list is in an aria-live="polite" region; the server re-checks every rule on submit.
(function () {
  'use strict';
  var input = document.querySelector('input[data-password-checklist]');
  if (!input) return;
  var list = document.getElementById(input.getAttribute('data-password-checklist'));
  if (!list) return;
  var rules = {
    length: function (p) { return p.length >= 10 && p.length <= 64; },
    digit: function (p) { return /[0-9]/.test(p); },
    lower: function (p) { return /[a-z]/.test(p); },
    upper: function (p) { return /[A-Z]/.test(p); },
    alnum: function (p) { return p.length > 0 && /^[A-Za-z0-9]*$/.test(p); },
  };
  var items = list.querySelectorAll('li[data-rule]');
  function update() {
    for (var i = 0; i < items.length; i++) {
      var li = items[i];
      var test = rules[li.getAttribute('data-rule')];
      var ok = !!test && test(input.value);
      li.classList.toggle('mc-checklist--ok', ok);
      var state = li.querySelector('[data-rule-state]');
      var text = ok ? ' : respecté' : ' : non respecté';
      if (state && state.textContent !== text) state.textContent = text;
    }
  }
  input.addEventListener('input', update);
  update();
})();
