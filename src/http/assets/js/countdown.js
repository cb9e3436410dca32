// « Renvoyer un code »: the button waits for the end of the cooldown, with a visible counter.
// The server renders the remaining seconds and refuses an early resend by itself (no JavaScript).
(() => {
  var counters = document.querySelectorAll('[data-countdown]');
  for (var i = 0; i < counters.length; i++) start(counters[i]);

  function start(el) {
    var seconds = parseInt(el.getAttribute('data-countdown'), 10);
    var button = document.getElementById(el.getAttribute('data-countdown-button'));
    var live = el.parentNode.querySelector('[data-countdown-live]');
    var done = el.getAttribute('data-countdown-done');
    if (!button || !(seconds > 0)) return;
    var end = Date.now() + seconds * 1000;
    button.disabled = true;
    button.setAttribute('aria-disabled', 'true');
    button.classList.add('govuk-button--disabled');
    function tick() {
      var left = Math.ceil((end - Date.now()) / 1000);
      if (left <= 0) {
        el.textContent = done;
        if (live) live.textContent = done;
        button.disabled = false;
        button.removeAttribute('aria-disabled');
        button.classList.remove('govuk-button--disabled');
        return;
      }
      el.textContent = 'Vous pourrez demander un nouveau code dans ' + left + ' seconde' + (left > 1 ? 's' : '') + '.';
      setTimeout(tick, 250);
    }
    tick();
  }
})();
