// Licence Reminder console: a little progressive enhancement; every page works without it.
(function () {
  'use strict';

  /** Forms with data-confirm ask before they submit. */
  document.addEventListener('submit', function (event) {
    var question = event.target.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  /** A select in a form marked data-autosubmit submits the form when changed. */
  document.addEventListener('change', function (event) {
    var form = event.target.form;
    if (form && form.hasAttribute('data-autosubmit') && event.target.tagName === 'SELECT') {
      form.submit();
    }
  });
})();
