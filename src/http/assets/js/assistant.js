// L'assistant beside every page (src/http/views/assistant-widget.ts renders the markup). Without this
// file the widget is a link to /aide/assistant. With it: a button opens the panel, questions go to
// POST /api/chatbot, each answer is added to a log that screen readers announce, and the focus
// stays in the question field (Enter sends, Shift+Enter makes a new line). Escape or « Fermer »
// closes the panel and returns to the button, whose label says what it does (open / close).
// The step's frequent questions and the choices of an unsure answer are buttons that ask for that
// topic. The conversation (masked questions and answers) is kept in sessionStorage for the tab, so a
// reload or the next page shows it again, with the panel open if it was.
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
  var suggestions = root.querySelector('[data-assistant-suggestions]');
  var MAX = 500;
  var KEY = 'mc-assistant';
  var KEPT = 20;
  var busy = false;

  function load() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(KEY) || 'null');
      return saved && Array.isArray(saved.log) ? saved : { open: false, log: [] };
    } catch (_e) {
      return { open: false, log: [] };
    }
  }
  var state = load();
  function save() {
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify({ open: state.open, log: state.log.slice(-KEPT) }));
    } catch (_e) {
      // Storage refused (private mode, quota): the conversation is simply not kept.
    }
  }

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

  function open(focus) {
    panel.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    toggle.textContent = LABEL_OPEN;
    state.open = true;
    save();
    if (focus !== false) input.focus();
  }
  function close() {
    panel.hidden = true;
    state.open = false;
    save();
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

  /** Topics to ask about as buttons: the frequent questions, the choices of an unsure answer. */
  function topicButtons(title, items) {
    var box = element('div', 'mc-assistant__choices');
    var titleEl = element('p', 'govuk-body-s mc-assistant__links-title', title);
    box.appendChild(titleEl);
    var ul = element('ul', 'govuk-list govuk-body-s');
    items.forEach((item) => {
      var li = element('li');
      var b = element('button', 'govuk-button govuk-button--secondary mc-assistant__choice', item.title);
      b.type = 'button';
      b.addEventListener('click', () => send(item.title, item.topic));
      li.appendChild(b);
      ul.appendChild(li);
    });
    box.appendChild(ul);
    return box;
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
    if (r.others && r.others.length)
      msg.appendChild(r.choices ? topicButtons('Choisissez votre sujet :', r.others) : links('Vos autres questions :', r.others));
    if (r.sources && r.sources.length) msg.appendChild(links('Pour en savoir plus :', r.sources));
    log.appendChild(msg);
  }

  function send(question, topic) {
    if (busy) return;
    showError('');
    busy = true;
    status.textContent = 'L’assistant cherche une réponse…';
    var body = { question: question };
    if (step) body.step = step;
    if (topic) body.topic = topic;
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
        // Only the masked question is shown and kept: a number or a code typed by mistake is never stored.
        var shown = typeof r.data.question === 'string' ? r.data.question : question;
        var asked = addQuestion(shown);
        addAnswer(r.data);
        state.log.push({ question: shown, answer: r.data });
        save();
        // Show the new exchange from its start (the question), not the end of the answer.
        log.scrollTop = asked.offsetTop;
        if (!topic) input.value = '';
      })
      .catch(() => {
        status.textContent = '';
        showError('L’assistant ne répond pas pour le moment. Réessayez dans quelques instants, ou appelez votre Caf.');
      })
      .then(() => {
        busy = false;
        input.focus();
      });
  }

  formEl.addEventListener('submit', (e) => {
    e.preventDefault();
    var question = input.value.trim();
    if (!question) return showError('Écrivez votre question, par exemple « Je n’ai pas reçu le code ».');
    if (question.length > MAX)
      return showError('Votre question doit faire 500 caractères au plus. Raccourcissez-la, ou posez une question à la fois.');
    send(question);
  });

  // The frequent questions: buttons that ask for their topic.
  if (suggestions) {
    var items = Array.prototype.map.call(suggestions.querySelectorAll('a[data-assistant-topic]'), (a) => ({
      topic: a.getAttribute('data-assistant-topic'),
      title: a.textContent,
    }));
    var title = suggestions.querySelector('.mc-assistant__links-title').textContent;
    suggestions.textContent = '';
    if (items.length) suggestions.appendChild(topicButtons(title, items));
  }

  // The conversation kept for the tab, shown again after a reload or on the next page.
  state.log.forEach((x) => {
    addQuestion(x.question);
    addAnswer(x.answer);
  });
  if (state.open) open(false);
})();
