// Licence Reminder console: a little progressive enhancement; every page works without it.
(function () {
  'use strict';

  /** Headers that carry the CSRF token for fetch() calls that change something. */
  function csrfHeaders() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var headers = {};
    if (token && header) {
      headers[header.content] = token.content;
    }
    return headers;
  }

  /** Forms with data-confirm ask before they submit. */
  document.addEventListener('submit', function (event) {
    var question = event.target.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  /** Selects and date fields in a form.filters[data-autosubmit] submit it when changed. */
  document.addEventListener('change', function (event) {
    var form = event.target.form;
    if (form && form.hasAttribute('data-autosubmit') && event.target.tagName === 'SELECT') {
      form.submit();
    }
  });

  window.LicenceConsole = { csrfHeaders: csrfHeaders };
})();
