// GOV.UK Frontend marks radios that reveal a conditional block with aria-expanded, an attribute
// ARIA does not allow on a radio (axe-core: aria-allowed-attr). The revealed block follows its radio
// and stays linked by aria-controls; this removes aria-expanded whenever GOV.UK Frontend sets it.
(() => {
  if (!window.MutationObserver) return;
  function clean() {
    var inputs = document.querySelectorAll('.govuk-radios__input[aria-expanded]');
    for (var i = 0; i < inputs.length; i++) inputs[i].removeAttribute('aria-expanded');
  }
  new MutationObserver(clean).observe(document.body, { attributes: true, attributeFilter: ['aria-expanded'], subtree: true });
  clean();
})();
