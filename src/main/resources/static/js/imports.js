// Upload page: a file over the upload limit is refused before it is sent (the server would refuse
// it too, but only after the whole file has crossed the network).
(function () {
  'use strict';

  var form = document.getElementById('import-form');
  if (!form) {
    return;
  }
  form.addEventListener('submit', function (event) {
    var input = document.getElementById('file');
    var max = Number(form.getAttribute('data-max-bytes'));
    if (!input.files.length || !max || input.files[0].size <= max) {
      return;
    }
    event.preventDefault();
    var alert = document.getElementById('upload-error');
    if (!alert) {
      alert = document.createElement('p');
      alert.id = 'upload-error';
      alert.className = 'alert error';
      alert.setAttribute('role', 'alert');
      form.closest('main').insertBefore(alert, form.closest('section'));
    }
    alert.textContent = form.getAttribute('data-too-large');
  });
}());

// Import job page: polls the job's progress every second and moves the bar; reloads the page once
// the job has ended, so that the counts and rejected rows appear. Without it the page refreshes itself.
(function () {
  'use strict';

  var job = document.getElementById('import-job');
  var status = document.getElementById('import-status');
  if (!job || !status) {
    return;
  }
  var ended = function (value) { return value === 'COMPLETED' || value === 'FAILED'; };
  if (ended(status.getAttribute('data-status'))) {
    return;
  }
  var url = job.getAttribute('data-progress-url');
  var progress = document.getElementById('progress');
  var bar = progress.querySelector('.bar');
  var label = document.getElementById('progress-label');

  function show(p) {
    status.setAttribute('data-status', p.status);
    bar.style.width = p.percent + '%';
    progress.setAttribute('aria-valuenow', p.percent);
    label.textContent = p.label;
    var badge = status.querySelector('.badge');
    if (badge) {
      badge.textContent = p.statusLabel;
    }
    if (p.done) {
      window.location.reload();
    }
  }

  function poll() {
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (p) {
        show(p);
        if (!p.done) {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  window.setTimeout(poll, 1000);
}());
