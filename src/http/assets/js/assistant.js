// L'assistant beside every page (src/http/views/assistant-widget.ts renders the markup). Without this
// file the widget is a link to /aide/assistant. With it: a button opens the panel, questions go to
// POST /api/chatbot, each answer is added to a log that screen readers announce, and the focus
// stays in the question field (Enter sends, Shift+Enter makes a new line). Escape or « Fermer »
// closes the panel and returns to the button, whose label says what it does (open / close).
(() => {
  var root = document.querySelector('[data-assistant]');
  if (!root || !window.fetch) return;
  var link = root.querySelector('[data-assistant-toggle]');
  var panel = root.querySelector('[data-assistant-panel]');
  var log = root.querySelector('[data-assistant-log]');
  var status = root.querySelector('[data-assistant-status]');
  var formEl = root.querySelector('[data-assistant-form]');
  var input = root.querySelector('[data-assistant-input]');
  var error = root.querySelector('[data-assistant-error]');
  var step = root.getAttribute('data-assistant-step');
  var MAX = 500;
  var busy = false;

  var toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'mc-assistant__toggle mc-assistant__toggle--button';
  var LABEL_CLOSED = link.textContent;
  var LABEL_OPEN = 'Masquer l’assistant';
  toggle.textContent = LABEL_CLOSED;
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', panel.id);
  link.parentNode.replaceChild(toggle, link);
  root.classList.add('mc-assistant--enhanced');

  function open() {
    panel.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    toggle.textContent = LABEL_OPEN;
    input.focus();
  }
  function close() {
    panel.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    toggle.textContent = LABEL_CLOSED;
    toggle.focus();
  }
  toggle.addEventListener('click', () => {
    if (panel.hidden) open();
    else close();
  });
  root.querySelector('[data-assistant-close]').addEventListener('click', close);
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
  });
  // Enter sends the question, Shift+Enter makes a new line (and Enter while composing, e.g. an IME, does nothing).
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing) return;
    e.preventDefault();
    if (formEl.requestSubmit) formEl.requestSubmit();
    else formEl.dispatchEvent(new Event('submit', { cancelable: true }));
  });

  function showError(message) {
    error.hidden = !message;
    error.textContent = '';
    if (message) {
      var span = document.createElement('span');
      span.className = 'govuk-visually-hidden';
      span.textContent = 'Erreur : ';
      error.appendChild(span);
      error.appendChild(document.createTextNode(message));
      input.setAttribute('aria-describedby', error.id);
      input.classList.add('govuk-textarea--error');
    } else {
      input.removeAttribute('aria-describedby');
      input.classList.remove('govuk-textarea--error');
    }
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function links(title, items) {
    var box = element('div');
    box.appendChild(element('p', 'govuk-body-s mc-assistant__links-title', title));
    var ul = element('ul', 'govuk-list govuk-body-s');
    items.forEach((item) => {
      var li = element('li');
      var a = element('a', 'govuk-link', item.title);
      a.href = item.url;
      li.appendChild(a);
      ul.appendChild(li);
    });
    box.appendChild(ul);
    return box;
  }

  function addQuestion(text) {
    var msg = element('div', 'mc-assistant__message mc-assistant__message--person');
    var p = element('p', 'govuk-body-s');
    p.appendChild(element('span', 'govuk-visually-hidden', 'Vous avez demandé : '));
    p.appendChild(document.createTextNode(text));
    msg.appendChild(p);
    log.appendChild(msg);
    return msg;
  }

  function addAnswer(r) {
    var msg = element('div', 'mc-assistant__message mc-assistant__message--assistant');
    msg.appendChild(element('p', 'govuk-visually-hidden', 'L’assistant répond :'));
    String(r.answer)
      .split('\n\n')
      .forEach((para) => {
        msg.appendChild(element('p', 'govuk-body-s', para));
      });
    if (r.others && r.others.length) msg.appendChild(links(r.choices ? 'Choisissez votre sujet :' : 'Vos autres questions :', r.others));
    if (r.sources && r.sources.length) msg.appendChild(links('Pour en savoir plus :', r.sources));
    log.appendChild(msg);
  }

  formEl.addEventListener('submit', (e) => {
    e.preventDefault();
    if (busy) return;
    var question = input.value.trim();
    if (!question) return showError('Écrivez votre question, par exemple « Je n’ai pas reçu le code ».');
    if (question.length > MAX)
      return showError('Votre question doit faire 500 caractères au plus. Raccourcissez-la, ou posez une question à la fois.');
    showError('');
    busy = true;
    status.textContent = 'L’assistant cherche une réponse…';
    var body = { question: question };
    if (step) body.step = step;
    fetch('/api/chatbot', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    })
      .then((res) => res.json().then((data) => ({ ok: res.ok, data: data })))
      .then((r) => {
        status.textContent = '';
        if (!r.ok) return showError((r.data && r.data.error && r.data.error.message) || 'Une erreur est survenue. Réessayez.');
        var asked = addQuestion(question);
        addAnswer(r.data);
        // Show the new exchange from its start (the question), not the end of the answer.
        log.scrollTop = asked.offsetTop;
        input.value = '';
      })
      .catch(() => {
        status.textContent = '';
        showError('L’assistant ne répond pas pour le moment. Réessayez dans quelques instants, ou appelez votre Caf.');
      })
      .then(() => {
        busy = false;
        input.focus();
      });
  });
})();
