// Loopdesk's pages: htmx does the talking; this file adds what htmx leaves to the page:
// local times, a confirmation dialog with an optional reason, visible errors, copy buttons,
// selection for "cancel selected", and a JSON encoding for the routes that only read JSON.
(function () {
  'use strict';

  // Controls that only work with this script (selection for "cancel selected") are hidden
  // until it runs; everything else is a plain link or form.
  document.documentElement.classList.replace('no-js', 'js');

  // ---- times in the viewer's zone, with the zone named ---------------------------------

  const FORMATS = {
    datetime: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit',
      minute: '2-digit', timeZoneName: 'short' },
    hour: { hour: '2-digit', minute: '2-digit' },
    hourzone: { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }
  };

  function zoneName() {
    try {
      const parts = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' })
        .formatToParts(new Date());
      const zone = parts.find(function (part) { return part.type === 'timeZoneName'; });
      return zone ? zone.value : null;
    } catch (e) {
      return null;
    }
  }

  function localiseTimes(root) {
    const zone = zoneName();
    if (zone) {
      root.querySelectorAll('[data-zone-name]').forEach(function (el) { el.textContent = zone; });
    }
    root.querySelectorAll('time[datetime]').forEach(function (el) {
      const when = new Date(el.getAttribute('datetime'));
      if (isNaN(when.getTime())) return;
      const format = FORMATS[el.dataset.format] || FORMATS.datetime;
      try {
        el.textContent = new Intl.DateTimeFormat(undefined, format).format(when);
        el.title = new Intl.DateTimeFormat(undefined, Object.assign({ weekday: 'long' },
          FORMATS.datetime, { second: '2-digit' })).format(when);
      } catch (e) {
        // An old browser keeps the server's UTC text, which names its zone too.
      }
    });
  }

  // ---- flash messages --------------------------------------------------------------------

  function flash(kind, text) {
    const region = document.getElementById('flash');
    if (!region || !text) return;
    const item = document.createElement('div');
    item.className = 'flash flash-' + kind;
    item.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    const message = document.createElement('span');
    message.textContent = text;
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'flash-close';
    close.setAttribute('aria-label', 'Dismiss message');
    close.textContent = '×';
    close.addEventListener('click', function () { item.remove(); });
    item.append(message, close);
    region.append(item);
    if (kind !== 'error') setTimeout(function () { item.remove(); }, 6000);
  }

  function envelope(xhr) {
    const type = xhr.getResponseHeader('Content-Type') || '';
    if (type.indexOf('json') < 0) return null;
    try { return JSON.parse(xhr.responseText); } catch (e) { return null; }
  }

  function errorMessage(xhr) {
    if (xhr.status === 401) return 'Your session has ended. Reload the page to log in again.';
    const body = envelope(xhr);
    if (body && body.msg) {
      return typeof body.data === 'string' ? body.msg + ': ' + body.data : body.msg;
    }
    const type = xhr.getResponseHeader('Content-Type') || '';
    if (type.indexOf('html') >= 0) {
      const doc = new DOMParser().parseFromString(xhr.responseText, 'text/html');
      const text = (doc.body.textContent || '').replace(/\s+/g, ' ').trim();
      if (text) return text.slice(0, 300);
    }
    return 'The server answered ' + xhr.status + '. Nothing was changed; please try again.';
  }

  // Kept across a navigation, so "Loop created" shows on the page it leads to.
  function flashAfterNavigation(text) {
    try { sessionStorage.setItem('loopdesk.flash', text); } catch (e) { /* private mode */ }
  }

  function showPendingFlash() {
    try {
      const text = sessionStorage.getItem('loopdesk.flash');
      if (text) {
        sessionStorage.removeItem('loopdesk.flash');
        flash('ok', text);
      }
    } catch (e) { /* private mode */ }
  }

  // ---- confirmation dialog ---------------------------------------------------------------

  function confirmWith(elt, question) {
    const dialog = document.getElementById('confirm-dialog');
    if (!dialog || typeof dialog.showModal !== 'function') {
      return Promise.resolve(window.confirm(question) ? { reason: '' } : null);
    }
    const asksReason = elt.hasAttribute('data-ask-reason');
    const reasonBox = document.getElementById('confirm-reason');
    const reasonInput = document.getElementById('confirm-reason-input');
    document.getElementById('confirm-title').textContent =
      elt.dataset.confirmTitle || 'Please confirm';
    document.getElementById('confirm-question').textContent = question;
    document.getElementById('confirm-accept').textContent = elt.dataset.confirmAction || 'Confirm';
    document.getElementById('confirm-dismiss').textContent = elt.dataset.confirmDismiss || 'Go back';
    reasonBox.hidden = !asksReason;
    reasonInput.value = '';
    return new Promise(function (resolve) {
      dialog.addEventListener('close', function done() {
        dialog.removeEventListener('close', done);
        resolve(dialog.returnValue === 'confirm' ? { reason: reasonInput.value.trim() } : null);
        if (document.contains(elt)) elt.focus();
      });
      dialog.returnValue = '';
      dialog.showModal();
      (asksReason ? reasonInput : document.getElementById('confirm-accept')).focus();
    });
  }

  document.addEventListener('htmx:confirm', function (event) {
    const question = event.detail.question;
    if (!question) return;
    event.preventDefault();
    const elt = event.detail.elt;
    confirmWith(elt, question).then(function (answer) {
      if (!answer) return;
      elt.loopdeskReason = answer.reason;
      event.detail.issueRequest(true);
    });
  });

  // Plain forms (no htmx) that ask first, such as revoking a key.
  document.addEventListener('submit', function (event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) return;
    if (form.loopdeskConfirmed) return;
    event.preventDefault();
    confirmWith(form, form.dataset.confirm).then(function (answer) {
      if (!answer) return;
      form.loopdeskConfirmed = true;
      form.requestSubmit ? form.requestSubmit() : form.submit();
    });
  });

  // ---- requests to the JSON API ----------------------------------------------------------

  document.addEventListener('htmx:configRequest', function (event) {
    const elt = event.detail.elt;
    if (elt.loopdeskReason !== undefined) {
      if (elt.loopdeskReason) event.detail.parameters.reason = elt.loopdeskReason;
      delete elt.loopdeskReason;
    }
  });

  document.addEventListener('htmx:responseError', function (event) {
    flash('error', errorMessage(event.detail.xhr));
    // The page was out of date (a loop got open requests meanwhile): show how things stand.
    const elt = event.detail.elt;
    if (elt && elt.hasAttribute && elt.hasAttribute('data-refresh-on-error')) refreshMain();
  });
  document.addEventListener('htmx:sendError', function () {
    flash('error', 'Could not reach Loopdesk. Check your connection; nothing was changed.');
  });
  document.addEventListener('htmx:timeout', function () {
    flash('error', 'Loopdesk took too long to answer. Reload to see whether it happened.');
  });
  document.addEventListener('htmx:swapError', function () {
    flash('error', 'The page could not show the answer. Reload to see the current state.');
  });

  function fillPath(template, data) {
    return template.replace(/\{([a-z_.]+)\}/g, function (whole, path) {
      let value = data;
      path.split('.').forEach(function (key) { value = value == null ? null : value[key]; });
      return value == null ? '' : encodeURIComponent(value);
    });
  }

  function refreshMain() {
    return htmx.ajax('GET', location.pathname + location.search,
      { target: '#main', select: '#main', swap: 'outerHTML' });
  }

  // Writes through the JSON API answer JSON: say what happened, then show the new state.
  document.addEventListener('htmx:afterRequest', function (event) {
    const elt = event.detail.elt;
    const xhr = event.detail.xhr;
    if (!event.detail.successful || !elt || !xhr) return;
    const goes = elt.dataset && elt.dataset.go;
    const refreshes = elt.hasAttribute && elt.hasAttribute('data-refresh');
    if (!goes && !refreshes) return;
    const body = envelope(xhr);
    const notice = noticeIn(xhr);
    if (goes) {
      if (body && body.msg) flashAfterNavigation(body.msg);
      location.assign(fillPath(elt.dataset.go, body ? body.data : {}));
      return;
    }
    refreshMain().then(function () {
      if (notice) flash('error', notice);
      else if (body && body.msg) flash('ok', body.msg);
      else flash('ok', 'Done.');
    });
  });

  // A row answered for a cancel that lost its race carries the reason in .row-notice.
  function noticeIn(xhr) {
    const type = xhr.getResponseHeader('Content-Type') || '';
    if (type.indexOf('html') < 0) return null;
    const template = document.createElement('template');
    template.innerHTML = xhr.responseText;
    const notice = template.content.querySelector('.row-notice');
    return notice ? notice.textContent.trim() : null;
  }

  // Routes that read only JSON bodies get the form as a JSON object.
  function defineJsonEncoding() {
    htmx.defineExtension('json-enc', {
      onEvent: function (name, event) {
        if (name === 'htmx:configRequest') {
          event.detail.headers['Content-Type'] = 'application/json';
        }
      },
      encodeParameters: function (xhr, parameters) {
        xhr.overrideMimeType('text/json');
        const object = {};
        parameters.forEach(function (value, key) {
          // _csrf, _method and _return are for the page's plain form, not for the route.
          if (key.charAt(0) !== '_') object[key] = value;
        });
        return JSON.stringify(object);
      }
    });
  }

  // ---- copy buttons ----------------------------------------------------------------------

  document.addEventListener('click', function (event) {
    const button = event.target.closest('[data-copy]');
    if (!button) return;
    const source = document.querySelector(button.dataset.copy);
    if (!source) return;
    const text = source.value || source.textContent;
    const copied = function () {
      const label = button.textContent;
      button.textContent = 'Copied';
      setTimeout(function () { button.textContent = label; }, 1600);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(copied, function () { selectIn(source); });
    } else {
      selectIn(source);
      try { if (document.execCommand('copy')) copied(); } catch (e) { /* selected for the user */ }
    }
  });

  function selectIn(source) {
    if (source.select) { source.focus(); source.select(); }
  }

  // ---- selection for "cancel selected" ---------------------------------------------------

  function bulkState() {
    const bar = document.querySelector('[data-bulk]');
    if (!bar) return;
    const checks = Array.from(document.querySelectorAll('.row-check'));
    const checked = checks.filter(function (c) { return c.checked; });
    const pageBox = document.querySelector('[data-select-page]');
    const allOnPage = checks.length > 0 && checked.length === checks.length;
    if (pageBox) {
      pageBox.checked = allOnPage;
      pageBox.indeterminate = checked.length > 0 && !allOnPage;
    }
    const button = bar.querySelector('[data-cancel-selected]');
    const count = bar.querySelector('[data-selected-count]');
    const matching = bar.hasAttribute('data-matching-mode');
    button.disabled = checked.length === 0;
    button.hidden = matching;
    button.textContent = checked.length ? 'Cancel ' + checked.length + ' selected' : 'Cancel selected';
    button.setAttribute('hx-confirm', checked.length === 1
      ? 'The selected request leaves every reviewer\'s queue at once.'
      : 'The ' + checked.length + ' selected requests leave every reviewer\'s queue at once.');
    count.hidden = matching;
    count.textContent = checked.length ? checked.length + ' selected' : 'Nothing selected';
    // The counts are the server's, refreshed after every cancel; the page may by then show
    // fewer open requests than it did, so whether more match than it shows is asked here.
    const choice = bar.querySelector('[data-open-matching]');
    const moreMatch = choice !== null && Number(choice.dataset.openMatching) > checks.length;
    const offer = bar.querySelector('[data-select-all-offer]');
    const all = bar.querySelector('[data-all-matching]');
    if (offer) offer.hidden = !allOnPage || matching || !moreMatch;
    if (all) all.hidden = !matching;
    // Every open request on the page was cancelled: as after a reload, there is nothing to pick.
    bar.hidden = checks.length === 0;
  }

  document.addEventListener('change', function (event) {
    const target = event.target;
    if (target.matches('[data-select-page]')) {
      document.querySelectorAll('.row-check').forEach(function (c) { c.checked = target.checked; });
    }
    if (target.matches('[data-select-page], .row-check')) {
      const bar = document.querySelector('[data-bulk]');
      if (bar && !target.checked) bar.removeAttribute('data-matching-mode');
      bulkState();
    }
  });

  document.addEventListener('click', function (event) {
    const bar = document.querySelector('[data-bulk]');
    if (!bar) return;
    if (event.target.closest('[data-select-all-matching]')) {
      bar.setAttribute('data-matching-mode', '');
      bulkState();
      const cancelAll = bar.querySelector('[data-cancel-matching]');
      if (cancelAll) cancelAll.focus();
    } else if (event.target.closest('[data-clear-selection]')) {
      bar.removeAttribute('data-matching-mode');
      document.querySelectorAll('.row-check').forEach(function (c) { c.checked = false; });
      bulkState();
    }
  });

  document.addEventListener('click', function (event) {
    const dismiss = event.target.closest('[data-dismiss]');
    if (dismiss) {
      const box = dismiss.closest('[data-summary]');
      if (box) box.remove();
    }
  });

  // ---- start -----------------------------------------------------------------------------

  document.addEventListener('htmx:load', function (event) {
    localiseTimes(event.detail.elt);
    bulkState();
  });

  document.addEventListener('htmx:afterSwap', function (event) {
    const summary = event.detail.target.querySelector && event.detail.target.querySelector('[data-summary]');
    if (summary) summary.focus();
  });

  function start() {
    localiseTimes(document);
    bulkState();
    showPendingFlash();
  }

  if (window.htmx) defineJsonEncoding();

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());

// ========================================================================================
// ---- reviewer: queue and request page (review.web) -------------------------------------
// Time left counts down here; polls stay quiet when they fail; errors of the answer form,
// the claim buttons and the join form show beside them instead of as a flash; and the
// answer form gets its counters, stars and slider, and is disabled when the claim ends.
// ========================================================================================
(function () {
  'use strict';

  // ---- time left, in the same words the server writes ------------------------------------

  function timeLeft(ms) {
    const seconds = Math.floor(ms / 1000);
    if (seconds <= 0) return 'time is up';
    const days = Math.floor(seconds / 86400);
    const hours = Math.floor((seconds % 86400) / 3600);
    const minutes = Math.floor((seconds % 3600) / 60);
    if (days > 0) return days + ' d ' + hours + ' h left';
    if (hours > 0) return hours + ' h ' + minutes + ' min left';
    if (minutes > 0) return minutes + ' min ' + (seconds % 60) + ' s left';
    return seconds + ' s left';
  }

  function tick() {
    const now = Date.now();
    document.querySelectorAll('[data-time-left]').forEach(function (el) {
      const end = Date.parse(el.getAttribute('data-time-left'));
      if (isNaN(end)) return;
      const left = end - now;
      el.textContent = timeLeft(left);
      el.classList.toggle('is-urgent', left < 5 * 60 * 1000);
      // A request whose deadline passed is no longer open; the next poll confirms it.
      if (left <= 0 && el.hasAttribute('data-removes-item')) {
        const item = el.closest('[data-queue-item]');
        if (item) item.remove();
      }
    });
  }

  // ---- errors shown where they happened ------------------------------------------------

  function envelopeOf(xhr) {
    const type = xhr.getResponseHeader('Content-Type') || '';
    if (type.indexOf('json') < 0) return null;
    try { return JSON.parse(xhr.responseText); } catch (e) { return null; }
  }

  function sentence(text) {
    const trimmed = String(text).replace(/^response_data:\s*/, '').trim();
    if (trimmed === 'response_data is required' || trimmed === 'an answer is required') {
      return 'Please give an answer first.';
    }
    return trimmed.charAt(0).toUpperCase() + trimmed.slice(1) + (/[.!?]$/.test(trimmed) ? '' : '.');
  }

  function explain(xhr, owner) {
    if (xhr.status === 401) return 'Your session has ended. Reload the page to log in again.';
    const custom = owner && owner.getAttribute('data-explain-' + xhr.status);
    if (custom) return custom;
    const body = envelopeOf(xhr);
    if (!body || !body.msg) {
      return 'The server answered ' + xhr.status + '. Nothing was changed; please try again.';
    }
    if (xhr.status === 404) return 'This request is no longer available to you.';
    if (typeof body.data === 'string' && body.data) return sentence(body.data);
    let text = sentence(body.msg);
    if (body.data && body.data.cancel_reason) text += ' Reason: ' + body.data.cancel_reason;
    return text;
  }

  function slotFor(elt) {
    const form = elt.closest('form');
    const scope = (form && form.querySelector('[data-error-slot]')) ? form
      : elt.closest('[data-local-errors]');
    return scope ? scope.querySelector('[data-error-slot]') : null;
  }

  function showError(slot, text) {
    slot.textContent = text;
    slot.hidden = false;
  }

  function clearError(elt) {
    const slot = slotFor(elt);
    if (slot) { slot.hidden = true; slot.textContent = ''; }
    const form = elt.closest('form');
    if (form) {
      form.querySelectorAll('[aria-invalid="true"]').forEach(function (field) {
        field.removeAttribute('aria-invalid');
      });
    }
  }

  // Capturing at the document runs before the page-wide flash, which is then not needed.
  document.addEventListener('htmx:responseError', function (event) {
    const elt = event.detail.elt;
    if (!elt || !elt.closest) return;
    if (elt.closest('[data-poll]')) {
      event.stopPropagation();
      pollTrouble(elt, explain(event.detail.xhr, null));
      return;
    }
    const slot = slotFor(elt);
    if (!slot) return;
    event.stopPropagation();
    const owner = elt.closest('form') || elt;
    showError(slot, explain(event.detail.xhr, owner));
    const form = elt.closest('[data-answer-form]');
    if (form) {
      form.querySelectorAll('[name="response_data"]').forEach(function (field) {
        if (event.detail.xhr.status === 400) field.setAttribute('aria-invalid', 'true');
      });
      if (event.detail.xhr.status === 409) endAnswer();
    }
  }, true);

  document.addEventListener('htmx:sendError', function (event) {
    const elt = event.detail.elt;
    if (elt && elt.closest && elt.closest('[data-poll]')) {
      event.stopPropagation();
      pollTrouble(elt, 'Cannot reach Loopdesk right now; still trying.');
    }
  }, true);

  function pollTrouble(elt, text) {
    const poll = elt.closest('[data-poll]');
    let note = poll.previousElementSibling;
    if (!note || !note.hasAttribute('data-poll-trouble')) {
      note = document.createElement('p');
      note.className = 'poll-trouble';
      note.setAttribute('data-poll-trouble', '');
      note.setAttribute('role', 'status');
      poll.parentNode.insertBefore(note, poll);
    }
    note.textContent = text;
  }

  // A poll that answers again is fine again; an answer for a part of the page that another
  // answer has replaced meanwhile is out of date and is dropped.
  document.addEventListener('htmx:beforeSwap', function (event) {
    const elt = event.detail.elt;
    if (!elt || !elt.closest) return;
    if (!document.body.contains(elt) &&
        elt.closest('[data-poll], [data-review], [data-local-errors]') !== null) {
      event.detail.shouldSwap = false;
      return;
    }
    if (elt.closest('[data-poll]') && !event.detail.isError) {
      const poll = elt.closest('[data-poll]');
      const note = poll.previousElementSibling;
      if (note && note.hasAttribute('data-poll-trouble')) note.remove();
    }
  });

  document.addEventListener('htmx:beforeRequest', function (event) {
    const elt = event.detail.elt;
    if (elt && elt.closest && (elt.closest('[data-local-errors]') || elt.closest('[data-answer-form]'))) {
      clearError(elt);
    }
  });

  // ---- the answer form ---------------------------------------------------------------

  function endAnswer() {
    const form = document.getElementById('answer-form');
    if (form) {
      const fields = form.querySelector('[data-answer-fields]');
      if (fields) fields.disabled = true;
    }
    document.querySelectorAll('[data-release]').forEach(function (button) { button.disabled = true; });
  }

  function codePoints(text) {
    return Array.from(text).length;
  }

  function countText(field) {
    const counter = document.querySelector('[data-count-for="' + field.id + '"]');
    if (!counter) return;
    const length = codePoints(field.value);
    const min = Number(counter.dataset.min || 0);
    const max = Number(counter.dataset.max || 0);
    let text = length + ' of ' + (min > 0 ? min + ' to ' : 'up to ') + max + ' characters';
    if (min > 0 && length < min) text += ': ' + (min - length) + ' more needed';
    if (length > max) text += ': ' + (length - max) + ' too many';
    counter.textContent = text;
    counter.classList.toggle('is-off', (min > 0 && length > 0 && length < min) || length > max);
  }

  function countChoices(group) {
    if (group.dataset.multiple === undefined) return;
    const boxes = Array.from(group.querySelectorAll('input[type="checkbox"]'));
    const chosen = boxes.filter(function (box) { return box.checked; }).length;
    const min = Number(group.dataset.min);
    const max = Number(group.dataset.max);
    let problem = '';
    if (chosen < min) problem = 'Choose at least ' + min + (min === 1 ? ' option.' : ' options.');
    if (chosen > max) problem = 'Choose at most ' + max + (max === 1 ? ' option.' : ' options.');
    if (boxes.length) boxes[0].setCustomValidity(problem);
    const counter = group.parentNode.querySelector('[data-selection-count]');
    if (counter) {
      const legend = group.closest('fieldset').querySelector('legend');
      counter.textContent = chosen + ' chosen. ' + (problem || (legend ? legend.textContent : ''));
      counter.classList.toggle('is-off', problem !== '' && chosen > 0);
    }
  }

  function lightStars(group) {
    const checked = group.querySelector('input:checked');
    const value = checked ? Number(checked.value) : -Infinity;
    group.querySelectorAll('.star').forEach(function (star) {
      star.classList.toggle('is-lit', Number(star.querySelector('input').value) <= value);
    });
    const says = group.parentNode.querySelector('[data-star-choice]');
    if (says && checked) {
      const label = checked.closest('.star').querySelector('.star-label');
      const all = group.querySelectorAll('input');
      says.textContent = 'You chose ' + checked.value + ' of ' + all[all.length - 1].value +
        (label ? ': ' + label.textContent : '') + '.';
    }
  }

  function showSlider(slider, touched) {
    const output = document.querySelector('[data-slider-value][for="' + slider.id + '"]');
    if (touched) slider.setCustomValidity('');
    if (!output) return;
    if (!touched) { output.textContent = 'Move the slider'; return; }
    const option = slider.list &&
      Array.from(slider.list.options).find(function (o) { return o.value === slider.value; });
    output.textContent = slider.value + (option && option.label ? ' · ' + option.label : '');
  }

  function setUp(root) {
    root.querySelectorAll('[data-counted]').forEach(countText);
    root.querySelectorAll('[data-choices]').forEach(countChoices);
    root.querySelectorAll('[data-stars]').forEach(lightStars);
    root.querySelectorAll('[data-slider]').forEach(function (slider) {
      if (slider.dataset.ready) return;
      slider.dataset.ready = '1';
      slider.setCustomValidity('Move the slider to choose a rating.');
      showSlider(slider, false);
    });
    if (root.querySelector && (root.matches && root.matches('[data-ends-answer]') ||
        root.querySelector('[data-ends-answer]'))) {
      endAnswer();
    }
  }

  document.addEventListener('input', function (event) {
    const target = event.target;
    if (target.matches('[data-counted]')) countText(target);
    if (target.matches('[data-slider]')) showSlider(target, true);
    if (target.closest('[data-answer-form]')) target.removeAttribute('aria-invalid');
  });

  document.addEventListener('change', function (event) {
    const group = event.target.closest('[data-choices]');
    if (group) countChoices(group);
    const stars = event.target.closest('[data-stars]');
    if (stars) lightStars(stars);
  });

  // The browser's own check (required, bounds, the counters above) speaks beside the field.
  document.addEventListener('invalid', function (event) {
    const field = event.target;
    const form = field.closest && field.closest('[data-answer-form], [data-local-errors]');
    if (!form) return;
    const slot = slotFor(field);
    if (slot) showError(slot, field.validationMessage);
    field.setAttribute('aria-invalid', 'true');
  }, true);

  document.addEventListener('htmx:load', function (event) { setUp(event.detail.elt); });

  function start() {
    setUp(document);
    tick();
    setInterval(tick, 1000);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
// ---- end of reviewer section -----------------------------------------------------------
