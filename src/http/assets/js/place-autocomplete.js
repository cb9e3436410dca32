// Progressive enhancement of the birth place on « Votre état civil »: the commune (or country) text
// field becomes an accessible autocomplete fed by /api/communes and /api/pays, and the chosen INSEE
// code goes into a hidden field. Without JavaScript the page offers a « Rechercher » button and a
// list of radios instead. No inline script: the CSP is strict.
(() => {
  var autocomplete = window.accessibleAutocomplete;
  if (!autocomplete || !window.fetch || !document.querySelector) return;

  function birthDate(form) {
    function val(name) {
      var el = form.querySelector('[name="' + name + '"]');
      return el ? el.value.trim() : '';
    }
    var d = val('birthDate-day');
    var m = val('birthDate-month');
    var y = val('birthDate-year');
    if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return '';
    return y + '-' + (m.length === 1 ? '0' + m : m) + '-' + (d.length === 1 ? '0' + d : d);
  }

  function enhance(input) {
    var kind = input.getAttribute('data-place-autocomplete');
    var codeName = input.getAttribute('data-place-code');
    var form = input.form;
    var group = input.closest('.govuk-form-group');
    var block = group.parentNode;
    var checked = block.querySelector('input[name="' + codeName + '"]:checked');
    var results = block.querySelector('[data-place-results]');
    var search = block.querySelector('[data-place-search]');
    if (results) results.parentNode.removeChild(results);
    if (search) search.parentNode.removeChild(search);

    var hidden = document.createElement('input');
    hidden.type = 'hidden';
    hidden.name = codeName;
    hidden.value = checked ? checked.value : '';
    group.appendChild(hidden);

    var id = input.id;
    var name = input.name;
    var value = input.value;
    var describedBy = input.getAttribute('aria-describedby');
    var hasError = input.classList.contains('govuk-input--error');
    // The library names its list by the input (aria-labelledby), i.e. by what was typed: the list
    // gets a name of its own, « Communes proposées » / « Pays proposés ».
    var listName = document.createElement('span');
    listName.id = id + '-suggestions';
    listName.className = 'govuk-visually-hidden';
    listName.textContent = kind === 'commune' ? 'Communes proposées' : 'Pays proposés';
    group.appendChild(listName);
    var container = document.createElement('div');
    input.parentNode.insertBefore(container, input);
    input.parentNode.removeChild(input);

    autocomplete({
      element: container,
      id: id,
      name: name,
      defaultValue: value,
      minLength: 2,
      showNoOptionsFound: true,
      menuAttributes: { 'aria-labelledby': listName.id },
      inputClasses: hasError ? 'govuk-input--error' : undefined,
      source: (query, populate) => {
        var url = kind === 'commune' ? '/api/communes?q=' + encodeURIComponent(query) : '/api/pays?q=' + encodeURIComponent(query);
        var date = kind === 'commune' ? birthDate(form) : '';
        if (date) url += '&date=' + encodeURIComponent(date);
        fetch(url, { headers: { Accept: 'application/json' } })
          .then((r) => (r.ok ? r.json() : { results: [] }))
          .then((d) => {
            populate(d.results || []);
          })
          .catch(() => {
            populate([]);
          });
      },
      templates: {
        inputValue: (r) => (r ? (typeof r === 'string' ? r : r.name) : ''),
        suggestion: (r) => (typeof r === 'string' ? r : r.label),
      },
      onConfirm: (r) => {
        if (r && r.code) hidden.value = r.code;
      },
      tNoResults: () => (kind === 'commune' ? 'Aucune commune ne correspond' : 'Aucun pays ne correspond'),
      tStatusQueryTooShort: (n) => 'Saisissez au moins ' + n + ' caractères pour voir les résultats',
      tStatusNoResults: () => 'Aucun résultat',
      tStatusSelectedOption: (option, length, index) => option + ' ' + (index + 1) + ' sur ' + length + ' est sélectionné',
      tStatusResults: (length, selected) => length + (length > 1 ? ' résultats disponibles. ' : ' résultat disponible. ') + selected,
      tAssistiveHint: () => 'Quand des résultats sont proposés, parcourez-les avec les flèches haut et bas, puis choisissez avec Entrée.',
    });

    var created = document.getElementById(id);
    if (created) {
      if (describedBy)
        created.setAttribute('aria-describedby', (describedBy + ' ' + (created.getAttribute('aria-describedby') || '')).trim());
      created.addEventListener('input', () => {
        hidden.value = '';
      });
    }
  }

  var inputs = document.querySelectorAll('input[data-place-autocomplete]');
  for (var i = 0; i < inputs.length; i++) enhance(inputs[i]);
})();
