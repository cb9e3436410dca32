// Session timeout warning (pages of the personal space). The server ends a session after 30 minutes
// without activity; 25 minutes after this page was loaded, the hidden banner #session-timeout is
// shown with its « Rester connecté » button (a form posting to /session/prolonger), and the time left
// is kept up to date. When the time is up, the browser goes to /session/expiration, which explains
// what happened. Without JavaScript nothing is shown and /session/expiration stays reachable.
(() => {
  var box = document.getElementById('session-timeout');
  if (!box) return;
  var warnAfter = Number(box.getAttribute('data-warn-after-seconds')) * 1000;
  var expireAfter = Number(box.getAttribute('data-expire-after-seconds')) * 1000;
  if (!(warnAfter > 0) || !(expireAfter > warnAfter)) return;
  var loadedAt = Date.now();
  var left = box.querySelector('[data-session-timeout-left]');

  function minutesLeft() {
    return Math.max(0, Math.ceil((expireAfter - (Date.now() - loadedAt)) / 60000));
  }

  function update() {
    var m = minutesLeft();
    if (left) left.textContent = m <= 1 ? 'dans moins d’une minute' : 'dans ' + m + ' minutes';
  }

  function warn() {
    update();
    box.hidden = false;
    box.focus();
    var timer = setInterval(() => {
      if (Date.now() - loadedAt >= expireAfter) {
        clearInterval(timer);
        window.location.assign('/session/expiration');
        return;
      }
      update();
    }, 15000);
  }

  setTimeout(warn, warnAfter);
  setTimeout(() => {
    window.location.assign('/session/expiration');
  }, expireAfter);
})();
