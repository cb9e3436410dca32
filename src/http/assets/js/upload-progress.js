// Justificatifs: shows the progress of a file being sent (forms with data-upload-form, see
// src/http/views/file-upload.ts). Without JavaScript the form posts as any other and the server's
// page answers; with it, the same POST is sent by XMLHttpRequest (the only browser API that reports
// upload progress), then shows the page the server answered: the page it redirected to — after a
// success with its one-time confirmation (src/http/flash.ts), after a refused file with its error at
// the field (src/http/form-state.ts), both taken by this request — at that page's address; or the
// « too large » page.
(() => {
  if (!window.FormData || !window.XMLHttpRequest || !window.DOMParser) return;
  var TOO_LARGE = 'Le fichier sélectionné doit faire moins de 10 Mo.';

  document.addEventListener('submit', (event) => {
    var form = event.target;
    if (!form || !form.hasAttribute || !form.hasAttribute('data-upload-form')) return;
    var input = form.querySelector('input[type=file]');
    var file = input && input.files && input.files[0];
    var max = parseInt(form.getAttribute('data-max-bytes'), 10);
    if (file && max > 0 && file.size > max) {
      // Said before sending megabytes for nothing (the server refuses it too, with a 413 page).
      event.preventDefault();
      showFieldError(form, input, TOO_LARGE);
      return;
    }
    if (!file) return; // the server says « Sélectionnez un fichier. » at the field
    event.preventDefault();
    send(form, new FormData(form));
  });

  function send(form, data) {
    var box = form.querySelector('[data-upload-progress]');
    var bar = box && box.querySelector('progress');
    var status = box && box.querySelector('[data-upload-status]');
    var button = form.querySelector('button[type=submit]');
    var announced = -1;
    if (box) box.hidden = false;
    if (button) {
      button.disabled = true;
      button.setAttribute('aria-disabled', 'true');
    }
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Accept', 'text/html');
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable || !bar) return;
      var percent = Math.floor((e.loaded / e.total) * 100);
      bar.value = percent;
      bar.textContent = percent + ' %';
      // Screen readers hear every quarter, not every event.
      var quarter = Math.floor(percent / 25);
      if (status && quarter !== announced) {
        announced = quarter;
        status.textContent = percent < 100 ? 'Envoi en cours : ' + percent + ' %' : 'Fichier envoyé, vérification en cours…';
      }
    });
    xhr.addEventListener('load', () => {
      if (xhr.status < 400 && xhr.responseURL && xhr.responseURL !== window.location.href) {
        window.history.replaceState(null, '', xhr.responseURL);
      }
      showPage(xhr.responseText);
    });
    xhr.addEventListener('error', () => {
      if (status) status.textContent = 'L’envoi a échoué. Vérifiez votre connexion à internet, puis réessayez.';
      if (button) {
        button.disabled = false;
        button.removeAttribute('aria-disabled');
      }
    });
    xhr.send(data);
  }

  // The page the server answered (after a success, or the form with its error, or the « too large » page) replaces this one's content.
  function showPage(text) {
    var doc = new DOMParser().parseFromString(text, 'text/html');
    var next = doc.querySelector('main');
    var current = document.querySelector('main');
    if (!next || !current) {
      document.body.textContent = 'Une erreur est survenue. Rechargez la page.';
      return;
    }
    document.title = doc.title;
    current.replaceWith(document.adoptNode(next));
    var summary = document.querySelector('.govuk-error-summary');
    var done = document.querySelector('main .govuk-notification-banner--success');
    var heading = document.querySelector('main h1');
    var target = summary || done || heading;
    if (target) {
      target.setAttribute('tabindex', '-1');
      target.focus();
    }
  }

  function showFieldError(form, input, message) {
    var group = input.closest('.govuk-form-group');
    var id = input.id + '-error';
    var error = document.getElementById(id);
    if (!error) {
      error = document.createElement('p');
      error.id = id;
      error.className = 'govuk-error-message';
      input.parentNode.insertBefore(error, input);
      input.setAttribute('aria-describedby', (input.getAttribute('aria-describedby') || '') + ' ' + id);
    }
    error.innerHTML = '<span class="govuk-visually-hidden">Erreur :</span> ';
    error.appendChild(document.createTextNode(message));
    if (group) group.classList.add('govuk-form-group--error');
    input.classList.add('govuk-file-upload--error');
    if (document.title.indexOf('Erreur : ') !== 0) document.title = 'Erreur : ' + document.title;
    input.focus();
  }
})();
