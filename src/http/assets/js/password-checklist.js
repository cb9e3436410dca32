// Live checklist under « Nouveau mot de passe »: each rule is ticked as the person types.
// What changed is announced as whole sentences, each with its rule's name (« Au moins un chiffre :
// respecté »), in a polite live region of its own: a live list would read only the changed word.
// The server re-checks every rule on submit.
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
  var status = list.parentNode.querySelector('[data-checklist-status]');
  var first = true;
  function update() {
    var changed = [];
    for (var i = 0; i < items.length; i++) {
      var li = items[i];
      var test = rules[li.getAttribute('data-rule')];
      var ok = !!test && test(input.value);
      li.classList.toggle('mc-checklist--ok', ok);
      var state = li.querySelector('[data-rule-state]');
      var text = ok ? ' : respecté' : ' : non respecté';
      if (state && state.textContent !== text) {
        state.textContent = text;
        changed.push(li.getAttribute('data-rule-label') + text);
      }
    }
    // nothing is announced on load, only what the typing changes
    if (status && !first && changed.length) status.textContent = changed.join('. ');
    first = false;
  }
  input.addEventListener('input', update);
  update();
})();
