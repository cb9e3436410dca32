// Live checklist under « Nouveau mot de passe »: each rule is ticked as the person types.
// The list is in an aria-live="polite" region; the server re-checks every rule on submit.
(() => {
  var input = document.querySelector('input[data-password-checklist]');
  if (!input) return;
  var list = document.getElementById(input.getAttribute('data-password-checklist'));
  if (!list) return;
  var rules = {
    length: (p) => p.length >= 10 && p.length <= 64,
    digit: (p) => /[0-9]/.test(p),
    lower: (p) => /[a-z]/.test(p),
    upper: (p) => /[A-Z]/.test(p),
    alnum: (p) => p.length > 0 && /^[A-Za-z0-9]*$/.test(p),
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
